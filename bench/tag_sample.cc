// tag_sample: precision of Vigie's actor and place tags, judged by hand.
//
//   tag_sample draw  --db INDEX [--seed N] [--places N] [--actors N] [--only-sahel] [--only-tag ID] > SAMPLE.tsv
//     draws (report, tag) pairs at random among every actor and place tag of
//     the index (parents included), with the report's words around the first
//     mention, for a person to judge: fill the `ok` column with 1 (right) or
//     0 (wrong) after reading the mention in context.
//   tag_sample score --db INDEX [--list] [--recompute] JUDGED.tsv
//     for the judged pairs, which tags INDEX (another version) still gives,
//     or with --recompute which tags this build gives on the reports' stored
//     text (seconds instead of a whole re-index; the index's own tags may
//     differ only by tags declared in a report's metadata):
//     precision with its Wilson 95 % interval, by group, and the share of
//     right tags lost; --list prints the wrong tags kept and the right ones
//     lost. See bench/README.md and docs/tags.md.
#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzers/entities/actor_catalogue.h"
#include "analyzers/entities/gazetteer.h"
#include "analyzers/entities/tsv.h"
#include "analyzers/entity_extractor.h"
#include "analyzers/french_analyzer.h"
#include "schema/schema.h"

namespace ve = vigie::entities;

namespace {

struct Tag {
    std::string kind, report, id;  // kind: "place" or "actor"
};

std::string one_line(std::string s) {
    for (char& c : s)
        if (c == '\n' || c == '\t' || c == '\r') c = ' ';
    return s;
}

// The report's words around the first place where `needle` is written.
std::string around(const std::string& text, const std::vector<std::string>& needles) {
    for (const std::string& n : needles) {
        if (n.size() < 2) continue;
        auto at = text.find(n);
        if (at == std::string::npos) continue;
        std::size_t from = at > 110 ? at - 110 : 0;
        while (from > 0 && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) --from;
        std::size_t to = std::min(text.size(), at + n.size() + 110);
        while (to < text.size() && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) ++to;
        return one_line(text.substr(from, at - from) + "[[" + n + "]]" +
                        text.substr(at + n.size(), to - at - n.size()));
    }
    return "(not written as such)";
}

// Whether a place lies in Mali, Burkina Faso or Niger below country level.
bool sahel_sub_national(const std::string& id) {
    const auto& g = ve::Gazetteer::builtin();
    const ve::Place* p = g.find(id);
    if (!p || p->type == "country" || p->type == "area") return false;
    auto line = g.lineage(id);
    return line.back() == "mali" || line.back() == "burkina-faso" || line.back() == "niger";
}

// Every tag of the index: report id -> (kind, tag id) set.
std::map<std::string, std::set<std::pair<std::string, std::string>>> all_tags(Xapian::Database& db) {
    std::map<std::string, std::set<std::pair<std::string, std::string>>> out;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        Xapian::Document doc = db.get_document(*it);
        auto j = nlohmann::json::parse(doc.get_data(), nullptr, false);
        if (!j.is_object()) continue;
        auto& tags = out[j.value("id", "")];
        for (const auto& a : j.value("actors", std::vector<std::string>{})) tags.insert({"actor", a});
        for (const auto& p : j.value("places", std::vector<std::string>{})) tags.insert({"place", p});
    }
    return out;
}

// The tags this build gives to the judged reports, from their stored body
// (the indexer extracts entities from the body alone).
std::map<std::string, std::set<std::pair<std::string, std::string>>> recomputed_tags(
    Xapian::Database& db, const std::set<std::string>& reports) {
    std::map<std::string, std::set<std::pair<std::string, std::string>>> out;
    vigie::analysis::FrenchAnalyzer analyzer;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        auto j = nlohmann::json::parse(db.get_document(*it).get_data(), nullptr, false);
        if (!j.is_object() || !reports.count(j.value("id", ""))) continue;
        auto found = ve::extract_entities(analyzer.analyze(j.value("body", "")), j.value("date", ""));
        auto& tags = out[j.value("id", "")];
        for (const auto& a : found.actors) tags.insert({"actor", a.id});
        for (const auto& p : found.places) tags.insert({"place", p.id});
    }
    return out;
}

double wilson(double k, double n, int sign) {
    if (n == 0) return 0;
    const double z = 1.959964, p = k / n;
    double centre = p + z * z / (2 * n), spread = z * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n));
    return (centre + sign * spread) / (1 + z * z / n);
}

int draw(Xapian::Database& db, unsigned seed, std::size_t n_places, std::size_t n_actors, bool only_sahel,
         const std::string& only_tag) {
    std::vector<Tag> places, actors;
    std::map<std::string, Xapian::docid> docs;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        auto j = nlohmann::json::parse(db.get_document(*it).get_data(), nullptr, false);
        if (!j.is_object()) continue;
        std::string id = j.value("id", "");
        docs[id] = *it;
        for (const auto& a : j.value("actors", std::vector<std::string>{}))
            if (!only_sahel && (only_tag.empty() || a == only_tag)) actors.push_back({"actor", id, a});
        for (const auto& p : j.value("places", std::vector<std::string>{}))
            if ((!only_sahel || sahel_sub_national(p)) && (only_tag.empty() || p == only_tag))
                places.push_back({"place", id, p});
    }
    std::mt19937_64 rng(seed);
    std::shuffle(places.begin(), places.end(), rng);
    std::shuffle(actors.begin(), actors.end(), rng);
    places.resize(std::min(places.size(), n_places));
    actors.resize(std::min(actors.size(), n_actors));
    std::string drawn = only_sahel ? "sahel" : only_tag.empty() ? "all" : only_tag;
    std::cout << "draw\tkind\treport\ttag\tlabel\tok\tnote\tcontext\n";
    const auto& g = ve::Gazetteer::builtin();
    const auto& c = ve::ActorCatalogue::builtin();
    for (const auto* list : {&places, &actors}) {
        for (const Tag& t : *list) {
            auto j = nlohmann::json::parse(db.get_document(docs[t.report]).get_data(), nullptr, false);
            std::string text = j.value("title", "") + " | " + j.value("body", "");
            std::string label = t.id;
            std::vector<std::string> needles;
            if (t.kind == "place") {
                if (const ve::Place* p = g.find(t.id)) {
                    label = p->label;
                    needles = {p->name};
                }
            } else if (const ve::Actor* a = c.find(t.id)) {
                label = a->label;
                needles = {a->label, a->label.substr(0, a->label.find(" ("))};
                if (auto open = a->label.find(" ("); open != std::string::npos)
                    needles.push_back(a->label.substr(open + 2, a->label.size() - open - 3));
            } else {
                label = db.get_metadata("label:" + t.id);
                needles = {label};
            }
            std::cout << drawn << '\t' << t.kind << '\t' << t.report << '\t' << t.id << '\t' << one_line(label) << "\t\t\t"
                      << around(text, needles) << '\n';
        }
    }
    return 0;
}

int score(Xapian::Database& db, const std::string& judged_path, bool list, bool recompute) {
    std::ifstream in(judged_path);
    if (!in) return std::cerr << judged_path << ": cannot open\n", 1;
    std::stringstream ss;
    ss << in.rdbuf();
    ve::TsvTable table(ss.str());
    std::set<std::string> reports;
    for (std::size_t r = 0; r < table.size(); ++r) reports.insert(std::string(table.get(r, "report")));
    auto tags = recompute ? recomputed_tags(db, reports) : all_tags(db);
    struct Count {
        std::size_t kept = 0, kept_right = 0, right = 0, right_lost = 0;
    };
    std::map<std::string, Count> groups;
    for (std::size_t r = 0; r < table.size(); ++r) {
        std::string kind(table.get(r, "kind")), report(table.get(r, "report")), id(table.get(r, "tag"));
        std::string ok(table.get(r, "ok"));
        if (ok != "0" && ok != "1") continue;
        bool right = ok == "1";
        auto it = tags.find(report);
        bool kept = it != tags.end() && it->second.count({kind, id});
        // "draw": which draw the row comes from; only the plain random draw
        // ("all") speaks for all tags, the others are strata.
        std::string drawn(table.get(r, "draw"));
        std::vector<std::string> in_groups;
        if (drawn.empty() || drawn == "all") in_groups.push_back(kind + "s, all (random draw)");
        if (kind == "place" && sahel_sub_national(id)) in_groups.push_back("places of ML/BF/NE below country");
        if (kind == "place" && id == "france") in_groups.push_back("France (random draw)");
        if (kind == "actor" && id == "wagner") in_groups.push_back("Groupe Wagner");
        if (kind == "actor" && !ve::ActorCatalogue::builtin().find(id)) in_groups.push_back("persons found by title or first name");
        if (list && kept != right)
            std::printf("%s\t%s\t%s\t%s\t%s\n", right ? "lost" : "kept wrong", kind.c_str(), report.c_str(), id.c_str(),
                        std::string(table.get(r, "note")).c_str());
        for (const std::string& name : in_groups) {
            Count& c = groups[name];
            c.kept += kept;
            c.kept_right += kept && right;
            c.right += right;
            c.right_lost += right && !kept;
        }
    }
    std::printf("| tags | judged right | kept | precision (95 %% interval) | right tags lost |\n|---|---|---|---|---|\n");
    for (const auto& [name, c] : groups) {
        std::printf("| %s | %zu | %zu | %.3f (%.3f–%.3f) | %zu (%.1f %%) |\n", name.c_str(), c.right, c.kept,
                    c.kept ? double(c.kept_right) / c.kept : 0.0, wilson(c.kept_right, c.kept, -1),
                    wilson(c.kept_right, c.kept, +1), c.right_lost, c.right ? 100.0 * c.right_lost / c.right : 0.0);
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string db_path, mode = args.empty() ? "" : args[0], judged;
    unsigned seed = 12;
    std::size_t n_places = 160, n_actors = 160;
    bool only_sahel = false, list = false, recompute = false;
    std::string only_tag;
    for (std::size_t i = 1; i < args.size(); ++i) {
        auto next = [&]() { return i + 1 < args.size() ? args[++i] : std::string(); };
        if (args[i] == "--db") db_path = next();
        else if (args[i] == "--seed") seed = static_cast<unsigned>(std::stoul(next()));
        else if (args[i] == "--places") n_places = std::stoul(next());
        else if (args[i] == "--actors") n_actors = std::stoul(next());
        else if (args[i] == "--only-sahel") only_sahel = true;
        else if (args[i] == "--list") list = true;
        else if (args[i] == "--recompute") recompute = true;
        else if (args[i] == "--only-tag") only_tag = next();
        else judged = args[i];
    }
    if (db_path.empty() || (mode != "draw" && !(mode == "score" && !judged.empty()))) {
        std::cerr << "usage: tag_sample draw --db INDEX [--seed N] [--places N] [--actors N] [--only-sahel] [--only-tag ID]\n"
                     "       tag_sample score --db INDEX [--list] [--recompute] JUDGED.tsv\n";
        return 2;
    }
    try {
        Xapian::Database db(db_path + "/current");
        return mode == "draw" ? draw(db, seed, n_places, n_actors, only_sahel, only_tag) : score(db, judged, list, recompute);
    } catch (const Xapian::Error& e) {
        std::cerr << db_path << ": " << e.get_msg() << "\n";
        return 1;
    }
}
