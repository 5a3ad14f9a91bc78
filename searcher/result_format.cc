#include "searcher/result_format.h"

#include <cstdio>
#include <sstream>

#include <nlohmann/json.hpp>

#include "analyzers/entities/gazetteer.h"

namespace vigie::searcher {
namespace {

// For people: the snippet's markup turned back into text.
std::string plain(const std::string& html, bool color) {
    std::string out;
    for (std::size_t i = 0; i < html.size();) {
        auto take = [&](std::string_view tag, std::string_view repl) {
            if (html.compare(i, tag.size(), tag) != 0) return false;
            out += repl;
            i += tag.size();
            return true;
        };
        if (take("<b>", color ? "\033[1m" : "*") || take("</b>", color ? "\033[0m" : "*") ||
            take("&amp;", "&") || take("&lt;", "<") || take("&gt;", ">") || take("&quot;", "\"") ||
            take("&#39;", "'"))
            continue;
        out += html[i] == '\n' ? ' ' : html[i];
        ++i;
    }
    return out;
}

}  // namespace

void add_provenance(nlohmann::json& out, const Provenance& p) {
    auto known = [](const std::string& v) { return v.empty() ? nlohmann::json(nullptr) : nlohmann::json(v); };
    out["url"] = known(p.url);
    out["outlet"] = known(p.outlet);
    out["author"] = known(p.author);
    out["source"] = p.source;
}

std::string html_escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string to_json(const SearchResult& r) {
    using nlohmann::json;
    json hits = json::array();
    for (const Hit& h : r.hits) {
        hits.push_back({{"id", h.id},
                        {"path", h.path},
                        {"title", h.title},
                        {"date", h.date ? json(*h.date) : json(nullptr)},
                        {"score", h.score},
                        {"snippet", h.snippet},
                        {"actors", h.actors},
                        {"places", h.places}});
        json mentioned = json::array();
        for (const auto& [text, value] : h.mentioned) mentioned.push_back({{"text", text}, {"date", value}});
        hits.back()["mentioned"] = mentioned;
        if (h.page) hits.back()["page"] = *h.page;
        hits.back()["missing"] = h.missing;
        add_provenance(hits.back(), h.provenance);
        if (h.versions > 1) {
            hits.back()["group"] = h.group;
            hits.back()["versions"] = h.versions;
            hits.back()["other_versions"] = h.other_versions;
        }
    }
    // A place's position (for the map), and for labels its parents, nearest first.
    const auto& gazetteer = entities::Gazetteer::builtin();
    auto place = [&](json& value, const std::string& id, bool lineage) {
        const entities::Place* p = gazetteer.find(id);
        if (!p) return;
        if (p->has_position) {
            value["lat"] = p->lat;
            value["lon"] = p->lon;
        }
        if (lineage) {
            std::vector<std::string> up = gazetteer.lineage(id);
            if (!up.empty()) up.erase(up.begin());
            value["lineage"] = up;
        }
    };
    json facets = json::object();
    for (const auto& [name, values] : r.facets) {
        json list = json::array();
        for (const FacetValue& v : values) {
            json value = {{"id", v.id}, {"label", v.label}, {"count", v.count}};
            if (!v.type.empty()) value["type"] = v.type;
            if (!v.parent.empty()) value["parent"] = v.parent;
            if (name == "place") place(value, v.id, false);
            list.push_back(value);
        }
        facets[name] = list;
    }
    json labels = json::object();
    for (const auto& [name, values] : r.labels) {
        json named = json::object();
        for (const FacetValue& v : values) {
            json value = {{"label", v.label}};
            if (!v.type.empty()) value["type"] = v.type;
            if (name == "place") place(value, v.id, true);
            named[v.id] = value;
        }
        labels[name] = named;
    }
    json j = {{"query", r.query},
              {"total", r.total},
              {"partial_total", r.partial_total},
              {"count", r.count == Count::kStories ? "stories" : "reports"},
              {"warnings", r.warnings},
              {"hits", hits},
              {"facets", facets},
              {"labels", labels},
              {"suggestion", r.suggestion ? json(*r.suggestion) : json(nullptr)}};
    if (r.total == 0) {  // what emptied it (searcher/relaxation.h)
        json relaxations = json::array();
        for (const Relaxation& x : r.relaxations) {
            json one = {{"without", x.without}, {"total", x.total}};
            if (x.without == "word") one["word"] = x.word, one["q"] = x.query;
            relaxations.push_back(one);
        }
        j["relaxations"] = relaxations;
        j["collection"] = r.collection ? json({{"first", r.collection->first}, {"last", r.collection->last}}) : json(nullptr);
    }
    if (r.stories) j["stories"] = *r.stories;
    if (r.partial_stories) j["partial_stories"] = *r.partial_stories;
    return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string to_json(const IndexStats& st) {
    return nlohmann::json({{"reports", st.reports},
                           {"formats", st.formats},
                           {"last_indexed", st.last_indexed},
                           {"bytes_on_disk", st.bytes_on_disk},
                           {"generation", st.generation},
                           {"shards", st.shards}})
               .dump(2) +
           "\n";
}

std::string to_text(const SearchResult& r, bool color) {
    std::ostringstream out;
    std::string what = r.query.empty() ? "all reports" : "\"" + r.query + "\"";
    out << r.total << (r.total == 1 ? " report matches " : " reports match ") << what;
    if (r.stories) out << " (" << *r.stories << (*r.stories == 1 ? " story)" : " stories)");
    out << "\n";
    if (r.count == Count::kStories) out << "Facet counts are stories\n";
    if (r.partial_total)
        out << (r.total ? "then " : "No report holds every word; ") << r.partial_total
            << (r.partial_total == 1 ? " report holds" : " reports hold") << " some of them"
            << (r.partial_stories ? " (" + std::to_string(*r.partial_stories) +
                                        (*r.partial_stories == 1 ? " story" : " stories") + " not told above)"
                                  : "")
            << " (not counted)\n";
    for (const std::string& w : r.warnings) out << "Note: " << w << "\n";
    if (r.suggestion) out << "Did you mean: " << *r.suggestion << "\n";
    for (const Relaxation& x : r.relaxations)
        out << "Without " << (x.without == "word" ? "the word \"" + x.word + "\"" : "the " + x.without + " filter") << ": "
            << x.total << (x.total == 1 ? " report\n" : " reports\n");
    if (r.total == 0 && r.collection)
        out << "The index holds reports published from " << r.collection->first << " to " << r.collection->last << "\n";
    std::size_t rank = 0;
    for (const Hit& h : r.hits) {
        char score[16];
        std::snprintf(score, sizeof score, "%3.0f%%", h.score * 100);
        out << "\n" << ++rank << ". " << (color ? "\033[1m" : "") << plain(h.title, false)
            << (color ? "\033[0m" : "") << "\n";
        out << "   " << (h.date ? *h.date : "undated") << " | " << score << " | " << h.path
            << (h.page ? " (page " + std::to_string(*h.page) + ")" : "") << "\n";
        if (!h.provenance.outlet.empty() || !h.provenance.url.empty())
            out << "   " << h.provenance.outlet << (h.provenance.outlet.empty() || h.provenance.url.empty() ? "" : " ")
                << h.provenance.url << "\n";
        if (!h.snippet.empty()) out << "   " << plain(h.snippet, color) << "\n";
        if (h.versions > 1) {
            out << "   " << h.versions << " versions:";
            for (const std::string& id : h.other_versions) out << " " << id;
            out << "\n";
        }
        for (std::size_t i = 0; i < h.missing.size(); ++i)
            out << (i ? ", " : "   lacks: ") << h.missing[i] << (i + 1 == h.missing.size() ? "\n" : "");
        if (!h.actors.empty() || !h.places.empty()) {
            out << "   ";
            for (std::size_t i = 0; i < h.actors.size() && i < 6; ++i) out << (i ? ", " : "actors: ") << h.actors[i];
            if (!h.actors.empty() && !h.places.empty()) out << " | ";
            for (std::size_t i = 0; i < h.places.size() && i < 6; ++i) out << (i ? ", " : "places: ") << h.places[i];
            out << "\n";
        }
    }
    for (const auto& [name, values] : r.facets) {
        if (values.empty()) continue;
        out << "\n" << name << ":";
        std::size_t shown = 0;
        for (const FacetValue& v : values) {
            if (++shown > 12) {
                out << "  …";
                break;
            }
            out << "  " << v.label << " (" << v.count << ")";
        }
        out << "\n";
    }
    return out.str();
}

}  // namespace vigie::searcher
