#include "analyzers/entities/gazetteer.h"

#include <algorithm>
#include <map>
#include <set>

#include "analyzers/entities/tsv.h"

extern "C" const char vigie_places_tsv[];
extern "C" const char vigie_places_tsv_end[];

namespace vigie::entities {
namespace {

const std::set<std::string>& sahel_countries() {
    static const std::set<std::string> s = {"mali", "burkina-faso", "niger"};
    return s;
}

// Areas that mean a report is about the Sahel (wider ones such as
// "Afrique de l'Ouest" do not).
const std::set<std::string>& sahel_areas() {
    static const std::set<std::string> s = {"sahel",        "liptako-gourma",           "azawad",
                                            "centre-du-mali", "nord-du-mali", "delta-interieur-du-niger",
                                            "adrar-des-ifoghas"};
    return s;
}

// Words that, just before a name, say what kind of place it is.
std::string type_cue(const std::string& folded) {
    static const std::map<std::string, std::string> cues = {
        {"region", "region"},     {"regions", "region"},   {"cercle", "cercle"},
        {"cercles", "cercle"},    {"commune", "commune"},  {"communes", "commune"},
        {"village", "village"},   {"villages", "village"}, {"localite", "village"},
        {"localites", "village"}, {"hameau", "village"},   {"ville", "town"},
        {"province", "province"}, {"departement", "departement"}};
    auto it = cues.find(folded);
    return it == cues.end() ? std::string() : it->second;
}

}  // namespace

Gazetteer::Gazetteer(std::string_view tsv) {
    TsvTable table(tsv);
    analysis::FrenchAnalyzer analyzer;
    places_.reserve(table.size());
    for (std::size_t r = 0; r < table.size(); ++r) {
        Place p;
        p.id = table.get(r, "id");
        p.label = table.get(r, "label");
        p.type = table.get(r, "type");
        p.parent = table.get(r, "parent");
        std::string lat(table.get(r, "lat")), lon(table.get(r, "lon"));
        if (!lat.empty() && !lon.empty()) {
            p.lat = std::strtod(lat.c_str(), nullptr);
            p.lon = std::strtod(lon.c_str(), nullptr);
            p.has_position = true;
        }
        for (const std::string& f : split(table.get(r, "flags"), ','))
            if (f == "common") p.common = true;
        p.covers = split(table.get(r, "covers"), '|');
        if (p.id.empty() || by_id_.count(p.id)) continue;
        auto index = static_cast<std::uint32_t>(places_.size());
        by_id_[p.id] = index;
        matcher_.add(analyzer, p.label, index, 0);
        for (const std::string& alias : split(table.get(r, "aliases"), '|')) {
            // "Région de Kidal", "Cercle de Bankass": the place word is read
            // as a cue in front of the name instead (see type_cue).
            analysis::Analysis a = analyzer.analyze(alias);
            if (a.tokens.size() > 1 && (!type_cue(a.tokens[0].folded).empty() || a.tokens[0].folded == "district"))
                continue;
            matcher_.add(analyzer, alias, index, 0);
        }
        places_.push_back(std::move(p));
    }
}

const Gazetteer& Gazetteer::builtin() {
    static const Gazetteer g(
        std::string_view(vigie_places_tsv, static_cast<std::size_t>(vigie_places_tsv_end - vigie_places_tsv)));
    return g;
}

const Place* Gazetteer::find(std::string_view id) const {
    auto it = by_id_.find(std::string(id));
    return it == by_id_.end() ? nullptr : &places_[it->second];
}

std::vector<std::string> Gazetteer::lineage(std::string_view id) const {
    std::vector<std::string> out;
    const Place* p = find(id);
    while (p && out.size() < 8) {
        out.push_back(p->id);
        p = p->parent.empty() ? nullptr : find(p->parent);
    }
    return out;
}

std::vector<std::string> Gazetteer::named(const std::vector<TokenKeys>& keys) const {
    std::vector<std::string> out;
    for (const Match& m : matcher_.find(keys))
        if (m.first == 0 && m.last + 1 == keys.size()) out.push_back(places_[m.entity].id);
    return out;
}

int Gazetteer::rank(const Place& p) const {
    static const std::map<std::string, int> ranks = {
        {"country", 9}, {"area", 8}, {"region", 7},  {"province", 6}, {"departement", 6},
        {"cercle", 5},  {"town", 4},   {"commune", 3}, {"village", 2}};
    auto it = ranks.find(p.type);
    return it == ranks.end() ? 1 : it->second;
}

std::vector<PlaceMention> Gazetteer::recognise(const std::vector<analysis::AnalyzedToken>& tokens,
                                               const std::vector<TokenKeys>& keys,
                                               const std::vector<bool>& covered) const {
    std::vector<Match> matches = matcher_.find(keys);
    // Group homonyms: one entry per text span.
    struct Span {
        std::size_t first, last;
        std::vector<std::uint32_t> candidates;
    };
    std::vector<Span> spans;
    for (const Match& m : matches) {
        bool hidden = false;
        for (std::size_t i = m.first; i <= m.last; ++i) hidden = hidden || (!covered.empty() && covered[i]);
        if (hidden) continue;
        if (spans.empty() || spans.back().first != m.first) spans.push_back({m.first, m.last, {}});
        spans.back().candidates.push_back(m.entity);
    }

    auto is_high = [&](const Place& p) {
        return p.type == "country" || p.type == "region" || p.type == "area";
    };
    auto cue_before = [&](std::size_t first) {
        // "région de X", "cercle du X", "village d'X": the cue is one or two words back.
        for (std::size_t back = 1; back <= 2 && back <= first; ++back) {
            std::string cue = type_cue(tokens[first - back].folded);
            if (!cue.empty()) return cue;
            const std::string& w = tokens[first - back].folded;
            if (w != "de" && w != "du" && w != "des") break;
        }
        return std::string();
    };
    auto locative_before = [&](std::size_t first) {
        return first > 0 && (tokens[first - 1].folded == "a" || tokens[first - 1].folded == "au");
    };

    // Pass 1: the report's anchors (countries, regions, areas), with the
    // span that named them; and whether the report is about the Sahel.
    std::map<std::string, std::set<std::size_t>> anchors;
    bool sahel = false;
    for (const auto& t : tokens) {
        // Demonyms say so too: "l'armée malienne", "soldats burkinabè".
        for (const char* d : {"malien", "burkinab", "nigerien", "sahelien"})
            if (t.folded.rfind(d, 0) == 0) sahel = true;
    }
    for (std::size_t si = 0; si < spans.size(); ++si) {
        const Span& s = spans[si];
        if (!keys[s.first].capitalized && places_[s.candidates[0]].type != "area") continue;
        for (std::uint32_t c : s.candidates) {
            const Place& p = places_[c];
            if (!is_high(p) || (p.common && cue_before(s.first).empty())) continue;
            anchors[p.id].insert(si);
            if (p.common) continue;  // "région du Nord" is said of many countries
            std::vector<std::string> line = lineage(p.id);
            if (sahel_countries().count(line.back())) sahel = true;
            if (sahel_areas().count(p.id)) sahel = true;
        }
    }

    // Pass 2: choose one place per span.
    std::map<std::string, std::size_t> counts;
    std::map<std::string, std::vector<std::string>> parents_override;
    for (std::size_t si = 0; si < spans.size(); ++si) {
        const Span& s = spans[si];
        std::string cue = cue_before(s.first);
        const Place* best = nullptr;
        int best_score = -1;
        // A capitalised word right before or after (only a space between)
        // makes a personal name more likely than a village: "Bakary Bamba".
        auto capital_neighbour = [&] {
            auto joined = [&](std::size_t a, std::size_t b) {
                return tokens[b].begin == tokens[a].end + 1;
            };
            bool before = s.first > 0 && keys[s.first - 1].capitalized && joined(s.first - 1, s.first) &&
                          (covered.empty() || !covered[s.first - 1]);
            bool after = s.last + 1 < tokens.size() && keys[s.last + 1].capitalized && joined(s.last, s.last + 1);
            return before || after;
        };
        bool has_high = false;
        for (std::uint32_t c : s.candidates) has_high = has_high || is_high(places_[c]);
        for (std::uint32_t c : s.candidates) {
            const Place& p = places_[c];
            if (p.type != "area" && !keys[s.first].capitalized) continue;
            if ((!is_high(p) || (p.common && p.type != "country")) && !sahel && p.type != "area") continue;
            if (!is_high(p) && cue.empty() && (has_high || capital_neighbour())) continue;
            if (p.common && cue.empty() && !(locative_before(s.first) && sahel)) continue;
            if (p.type == "country" && p.common && cue.empty()) continue;
            int score = rank(p);
            // "la région du Sahel" speaks of the area more often than of Burkina's region.
            if (!cue.empty() && (cue == p.type || (cue == "village" && p.type == "town") ||
                                 (cue == "region" && p.type == "area") ||
                                 (cue == "town" && (p.type == "commune" || p.type == "village"))))
                score += 100;
            std::vector<std::string> line = lineage(p.id);
            for (std::size_t k = 1; k < line.size(); ++k) {
                auto a = anchors.find(line[k]);
                bool elsewhere = a != anchors.end() && (a->second.size() > 1 || !a->second.count(si));
                if (elsewhere && !sahel_countries().count(line[k])) score += 20;
            }
            if (score > best_score) {
                best = &p;
                best_score = score;
            }
        }
        if (!best) continue;
        counts[best->id]++;
        // "X, dans la région de Y": when X is not in Y, the report's Y wins.
        if (!is_high(*best)) {
            for (std::size_t sj = si + 1; sj < spans.size() && spans[sj].first <= s.last + 7; ++sj) {
                std::string next_cue = cue_before(spans[sj].first);
                if (next_cue != "region" && next_cue != "cercle") continue;
                for (std::uint32_t c : spans[sj].candidates) {
                    const Place& y = places_[c];
                    if (y.type != next_cue) continue;
                    std::vector<std::string> line = lineage(best->id);
                    if (std::find(line.begin(), line.end(), y.id) == line.end()) parents_override[best->id] = lineage(y.id);
                }
                break;
            }
        }
    }

    std::map<std::string, std::size_t> with_parents = counts;
    for (const auto& [id, n] : counts) {
        auto over = parents_override.find(id);
        std::vector<std::string> line = over != parents_override.end() ? over->second : lineage(id);
        // An area inside one country ("centre du Mali") has that country as parent.
        const Place* place = find(id);
        if (place && place->type == "area" && !place->covers.empty()) {
            std::set<std::string> countries;
            for (const std::string& c : place->covers) countries.insert(lineage(c).empty() ? c : lineage(c).back());
            if (countries.size() == 1 && find(*countries.begin())) line.push_back(*countries.begin());
        }
        for (const std::string& up : line)
            if (up != id) with_parents.emplace(up, 0);
    }
    std::vector<PlaceMention> out;
    for (const auto& [id, n] : with_parents) out.push_back({id, n});
    return out;
}

}  // namespace vigie::entities
