#include "searcher/entity.h"

#include <algorithm>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "analyzers/entities/actor_catalogue.h"
#include "analyzers/entities/gazetteer.h"

namespace vigie::searcher {
namespace {

constexpr std::size_t kMaxIdBytes = 200;

nlohmann::json value_json(const FacetValue& v) {
    nlohmann::json out = {{"id", v.id}, {"label", v.label}, {"count", v.count}};
    if (!v.type.empty()) out["type"] = v.type;
    if (!v.parent.empty()) out["parent"] = v.parent;
    return out;
}

// The first `limit` values of `values` not in `skip`.
std::vector<FacetValue> without(const std::vector<FacetValue>& values, const std::set<std::string>& skip,
                                unsigned limit) {
    std::vector<FacetValue> out;
    for (const FacetValue& v : values) {
        if (out.size() >= limit) break;
        if (!skip.count(v.id)) out.push_back(v);
    }
    return out;
}

}  // namespace

Expected<std::optional<EntityPage>> entity_page(Searcher& searcher, const EntityRequest& req) {
    if (req.type != "actor" && req.type != "place") return Error{"type must be actor or place, not \"" + req.type.substr(0, 40) + "\""};
    if (req.id.empty() || req.id.size() > kMaxIdBytes) return Error{"id must be a facet id (1 to 200 bytes)"};
    bool actor = req.type == "actor";
    const entities::Actor* known_actor = actor ? entities::ActorCatalogue::builtin().find(req.id) : nullptr;
    const entities::Place* known_place = actor ? nullptr : entities::Gazetteer::builtin().find(req.id);
    FacetValue self = searcher.describe(req.type, {req.id}).front();
    if (!known_actor && !known_place && self.count == 0) return std::optional<EntityPage>();

    EntityPage page;
    page.type = req.type;
    page.id = req.id;
    page.label = self.label;
    page.kind = self.type;
    std::set<std::string> skip = {req.id};  // not "named with" itself
    if (actor && !known_actor) {
        // A person found in the text: the other ways it was written.
        for (std::string& name : searcher.spellings(req.id))
            if (name != page.label) page.aliases.push_back(std::move(name));
    }
    if (known_actor) {
        page.aliases = known_actor->aliases;
        if (!known_actor->affiliation.empty())
            page.affiliation = searcher.describe("actor", {known_actor->affiliation}).front();
    }
    if (known_place) {
        for (const std::string& name : known_place->names)
            if (name != known_place->name && name != known_place->label &&
                std::find(page.aliases.begin(), page.aliases.end(), name) == page.aliases.end())
                page.aliases.push_back(name);
        std::vector<std::string> lineage = entities::Gazetteer::builtin().lineage(req.id);
        if (!lineage.empty()) lineage.erase(lineage.begin());  // itself
        page.parents = searcher.describe("place", lineage);
        skip.insert(lineage.begin(), lineage.end());  // every report naming it names them
    }

    // One search filtered on the entity: its facets are the co-occurrence
    // counts (match spies over every report naming it), its date facet the
    // histogram, its hits by date the latest reports.
    SearchRequest search;
    (actor ? search.actors : search.places).push_back(req.id);
    search.sort = Sort::kDate;
    search.limit = req.latest;
    search.facet_limit = req.related + static_cast<unsigned>(skip.size());
    search.deadline = req.deadline;
    auto result = searcher.search(search);
    if (!result) return result.error();
    page.total = result->total;
    page.actors = without(result->facets["actor"], skip, req.related);
    page.places = without(result->facets["place"], skip, req.related);
    page.months = result->facets["date"];
    std::sort(page.months.begin(), page.months.end(), [](const FacetValue& a, const FacetValue& b) { return a.id < b.id; });
    std::size_t dated = 0;
    for (const FacetValue& m : page.months) dated += m.count;
    page.undated = page.total - std::min(page.total, dated);
    for (const Hit& h : result->hits)
        page.latest.push_back(EntityReport{h.id, h.title, h.date, h.provenance.outlet, h.provenance.url});
    return std::optional<EntityPage>(std::move(page));
}

std::string to_json(const EntityPage& p) {
    using nlohmann::json;
    json parents = json::array(), months = json::array(), actors = json::array(), places = json::array(),
         latest = json::array();
    for (const FacetValue& v : p.parents) parents.push_back(value_json(v));
    for (const FacetValue& v : p.months) months.push_back({{"month", v.id}, {"label", v.label}, {"count", v.count}});
    for (const FacetValue& v : p.actors) actors.push_back(value_json(v));
    for (const FacetValue& v : p.places) places.push_back(value_json(v));
    auto known = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
    for (const EntityReport& r : p.latest)
        latest.push_back({{"id", r.id}, {"title", r.title}, {"date", r.date ? json(*r.date) : json(nullptr)},
                          {"outlet", known(r.outlet)}, {"url", known(r.url)}});
    json out = {{"type", p.type},       {"id", p.id},           {"label", p.label},
                {"kind", p.kind},       {"aliases", p.aliases}, {"parents", parents},
                {"affiliation", p.affiliation ? value_json(*p.affiliation) : json(nullptr)},
                {"total", p.total},     {"months", months},     {"undated", p.undated},
                {"actors", actors},     {"places", places},     {"latest", latest}};
    if (p.type == "place")  // where to draw it (web/entity_map.js)
        if (const entities::Place* place = entities::Gazetteer::builtin().find(p.id); place && place->has_position)
            out["lat"] = place->lat, out["lon"] = place->lon;
    return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string to_text(const EntityPage& p) {
    std::ostringstream out;
    out << p.label << " (" << p.type << " " << p.id << (p.kind.empty() ? "" : ", " + p.kind) << ")\n";
    if (!p.aliases.empty()) {
        out << "  also:";
        for (std::size_t i = 0; i < p.aliases.size(); ++i) out << (i ? " | " : " ") << p.aliases[i];
        out << "\n";
    }
    if (!p.parents.empty()) {
        out << "  in:";
        for (const FacetValue& v : p.parents) out << " " << v.label << " (" << v.id << ")";
        out << "\n";
    }
    if (p.affiliation) out << "  part of: " << p.affiliation->label << " (" << p.affiliation->id << ")\n";
    out << "  " << p.total << (p.total == 1 ? " report names it" : " reports name it");
    if (p.undated) out << " (" << p.undated << " undated)";
    out << "\n";
    if (!p.months.empty()) {
        out << "per month:\n";
        for (const FacetValue& m : p.months) out << "  " << m.id << "\t" << m.count << "\n";
    }
    for (const auto* list : {&p.actors, &p.places}) {
        if (list->empty()) continue;
        out << (list == &p.actors ? "actors named with it:\n" : "places named with it:\n");
        for (const FacetValue& v : *list) out << "  " << v.count << "\t" << v.id << "\t" << v.label << "\n";
    }
    if (!p.latest.empty()) out << "latest reports:\n";
    for (const EntityReport& r : p.latest) {
        std::string title = r.title;  // HTML-escaped: back to text for a terminal
        for (auto [from, to] : {std::pair<std::string, std::string>{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""},
                                {"&#39;", "'"}, {"&amp;", "&"}})
            for (std::size_t at = title.find(from); at != std::string::npos; at = title.find(from, at + to.size()))
                title.replace(at, from.size(), to);
        out << "  " << (r.date ? *r.date : "undated") << "  " << title << "  [" << r.id << "]"
            << (r.outlet.empty() ? "" : "  " + r.outlet) << "\n";
    }
    return out.str();
}

}  // namespace vigie::searcher
