#include "server/params.h"

#include <algorithm>
#include <charconv>

#include "searcher/event_range.h"

namespace vigie::server {
namespace {

constexpr std::size_t kMaxIdBytes = 200;
constexpr std::size_t kMaxFilters = 20;

bool in(std::initializer_list<const char*> list, const std::string& name) {
    return std::any_of(list.begin(), list.end(), [&](const char* s) { return name == s; });
}

std::optional<BadParameter> ids(const httplib::Request& req, const char* name, std::vector<std::string>& out) {
    std::size_t n = req.get_param_value_count(name);
    if (n > kMaxFilters) return BadParameter{name, "at most " + std::to_string(kMaxFilters) + " " + name + " filters"};
    for (std::size_t i = 0; i < n; ++i) {
        std::string v = req.get_param_value(name, i);
        if (v.empty() || v.size() > kMaxIdBytes)
            return BadParameter{name, std::string(name) + " must be a facet id (1 to 200 bytes)"};
        out.push_back(v);
    }
    return std::nullopt;
}

// The error's words around the value typed: name + before + value + after.
struct Wording {
    const char* before;
    const char* after;
};

// Parameter `name`, when given, must be a date that exists (valid_date).
std::optional<BadParameter> date(const httplib::Request& req, const char* name, const Wording& w, std::string& out) {
    std::string v = req.get_param_value(name);
    if (!v.empty() && !searcher::valid_date(v)) return BadParameter{name, name + (w.before + v.substr(0, 40)) + w.after};
    out = v;
    return std::nullopt;
}

}  // namespace

std::optional<BadParameter> whole_number(const httplib::Request& req, const char* name, unsigned max, unsigned& out) {
    if (!req.has_param(name)) return std::nullopt;
    std::string v = req.get_param_value(name);
    unsigned n = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (v.empty() || ec != std::errc() || end != v.data() + v.size())
        return BadParameter{name, std::string(name) + " must be a whole number, not \"" + v.substr(0, 40) + "\""};
    if (n > max) return BadParameter{name, std::string(name) + " must be at most " + std::to_string(max)};
    out = n;
    return std::nullopt;
}

std::optional<BadParameter> check_names(const httplib::Request& req, std::initializer_list<const char*> allowed,
                                        std::initializer_list<const char*> repeatable) {
    for (const auto& [name, value] : req.params) {
        if (!in(allowed, name)) return BadParameter{name.substr(0, 40), "unknown parameter"};
        if (!in(repeatable, name) && req.get_param_value_count(name) > 1)
            return BadParameter{name, name + " may be given only once"};
    }
    return std::nullopt;
}

std::optional<BadParameter> parse_search(const httplib::Request& req, searcher::SearchRequest& out) {
    if (auto bad = check_names(req, {"q", "limit", "offset", "sort", "actor", "place", "from", "to", "event_from", "event_to",
                                    "facet_limit", "place_type", "place_within", "group", "count"},
                               {"actor", "place", "place_type"}))
        return bad;
    out.query = req.get_param_value("q");
    if (out.query.size() > kMaxQueryBytes)
        return BadParameter{"q", "the query is longer than " + std::to_string(kMaxQueryBytes) + " bytes"};
    if (auto bad = whole_number(req, "limit", kMaxLimit, out.limit)) return bad;
    if (auto bad = whole_number(req, "offset", 100000, out.offset)) return bad;
    if (auto bad = whole_number(req, "facet_limit", 10000, out.facet_limit)) return bad;
    if (req.has_param("sort")) {
        std::string sort = req.get_param_value("sort");
        if (sort != "relevance" && sort != "date") return BadParameter{"sort", "sort must be relevance or date"};
        out.sort = sort == "date" ? searcher::Sort::kDate : searcher::Sort::kRelevance;
    }
    if (auto bad = ids(req, "actor", out.actors)) return bad;
    if (auto bad = ids(req, "place", out.places)) return bad;
    if (auto bad = ids(req, "place_type", out.place_types)) return bad;
    if (req.has_param("place_within")) {
        std::vector<std::string> within;
        if (auto bad = ids(req, "place_within", within)) return bad;
        out.place_within = within.front();
    }
    const Wording english{" must be a date that exists: YYYY, YYYY-MM or YYYY-MM-DD, not \"", "\""};
    if (auto bad = date(req, "from", english, out.from)) return bad;
    if (auto bad = date(req, "to", english, out.to)) return bad;
    if (req.has_param("group")) {
        std::string group = req.get_param_value("group");
        if (group != "0" && group != "1") return BadParameter{"group", "group must be 0 or 1"};
        out.group = group == "1";
    }
    if (auto bad = parse_count(req, out)) return bad;
    return parse_event_dates(req, out);
}

std::optional<BadParameter> parse_count(const httplib::Request& req, searcher::SearchRequest& out) {
    if (!req.has_param("count")) return std::nullopt;
    std::string count = req.get_param_value("count");
    if (count != "stories" && count != "reports") return BadParameter{"count", "count must be stories or reports"};
    out.count = count == "stories" ? searcher::Count::kStories : searcher::Count::kReports;
    return std::nullopt;
}

std::optional<BadParameter> parse_event_dates(const httplib::Request& req, searcher::SearchRequest& out) {
    const Wording french{" doit être une date qui existe : AAAA, AAAA-MM ou AAAA-MM-JJ, pas « ", " »"};
    if (auto bad = date(req, "event_from", french, out.event_from)) return bad;
    if (auto bad = date(req, "event_to", french, out.event_to)) return bad;
    if (searcher::event_range_reversed(out.event_from, out.event_to))
        return BadParameter{"event_from", "event_from (" + out.event_from + ") est après event_to (" + out.event_to + ")"};
    return std::nullopt;
}

}  // namespace vigie::server
