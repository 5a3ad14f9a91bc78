#include "bench/entity_quality.h"

#include <cstdio>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "analyzers/accent_folder.h"
#include "analyzers/case_folder.h"
#include "analyzers/entities/person_finder.h"
#include "analyzers/entities/tsv.h"
#include "analyzers/entity_extractor.h"

namespace vigie::bench {
namespace {

// Calls `line_fn` for each line of a text file, gunzipping ".gz" files.
template <typename F>
Expected<bool> for_each_line(const std::string& path, F line_fn) {
    bool gz = path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0;
    if (gz) {
        std::string cmd = "gzip -dc '" + path + "'";
        FILE* p = ::popen(cmd.c_str(), "r");
        if (!p) return Error{path + ": cannot run gzip"};
        std::string line;
        char buf[1 << 16];
        bool more = true;
        while (more && std::fgets(buf, sizeof buf, p)) {
            line += buf;
            if (!line.empty() && line.back() == '\n') {
                line.pop_back();
                more = line_fn(line);
                line.clear();
            }
        }
        if (more && !line.empty()) line_fn(line);
        int rc = ::pclose(p);
        if (more && rc != 0) return Error{path + ": gzip failed"};
        return true;
    }
    std::ifstream in(path);
    if (!in) return Error{path + ": cannot open"};
    for (std::string line; std::getline(in, line);)
        if (!line_fn(line)) break;
    return true;
}

std::string article_text(const nlohmann::json& j) {
    std::string text = j.value("title", "") + "\n\n";
    if (j.contains("heading") && j["heading"].is_string()) text += j["heading"].get<std::string>() + "\n\n";
    return text + j.value("body", "");
}

std::string fold(const std::string& s) { return analysis::fold_accents(analysis::fold_case(s)); }

// A predicted place is right when it is the gold place, or carries the same
// name one level up or down ("Kidal" the region for Kidal the town).
bool same_place(const std::string& a, const std::string& b) {
    if (a == b) return true;
    const auto& g = entities::Gazetteer::builtin();
    const entities::Place *pa = g.find(a), *pb = g.find(b);
    if (!pa || !pb || fold(pa->name) != fold(pb->name)) return false;
    auto la = g.lineage(a), lb = g.lineage(b);
    return std::find(la.begin(), la.end(), b) != la.end() || std::find(lb.begin(), lb.end(), a) != lb.end();
}

void compare(const std::string& doc, const std::vector<std::string>& predicted, const std::vector<std::string>& gold,
             bool places, PrecisionRecall& pr) {
    auto eq = [&](const std::string& x, const std::string& y) { return places ? same_place(x, y) : x == y; };
    pr.predicted += predicted.size();
    pr.expected += gold.size();
    for (const auto& p : predicted) {
        bool hit = std::any_of(gold.begin(), gold.end(), [&](const std::string& g) { return eq(p, g); });
        if (hit) {
            ++pr.true_pos;
        } else {
            pr.false_alarms.push_back(doc + ": " + p);
        }
    }
    for (const auto& g : gold)
        if (std::none_of(predicted.begin(), predicted.end(), [&](const std::string& p) { return eq(p, g); }))
            pr.misses.push_back(doc + ": " + g);
}

}  // namespace

Expected<GoldScores> score_gold(const std::string& gold_jsonl, const std::string& articles_jsonl) {
    std::map<std::string, nlohmann::json> gold;
    auto ok = for_each_line(gold_jsonl, [&](const std::string& line) {
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_object()) gold[j.value("id", "")] = j;
        return true;
    });
    if (!ok) return ok.error();
    GoldScores scores;
    analysis::FrenchAnalyzer analyzer;
    ok = for_each_line(articles_jsonl, [&](const std::string& line) {
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (!j.is_object()) return true;
        auto g = gold.find(j.value("id", ""));
        if (g == gold.end()) return true;
        ++scores.documents;
        auto found = entities::extract_entities(analyzer.analyze(article_text(j)), j.value("date", ""));
        std::vector<std::string> actors, places;
        for (const auto& a : found.actors) actors.push_back(a.id);
        for (const auto& p : found.places)
            if (p.count > 0) places.push_back(p.id);
        compare(g->first, actors, g->second.value("actors", std::vector<std::string>{}), false, scores.actors);
        compare(g->first, places, g->second.value("places", std::vector<std::string>{}), true, scores.places);
        gold.erase(g);
        return true;
    });
    if (!ok) return ok.error();
    return scores;
}

Expected<FalsePlaces> count_false_places(const std::string& corpus, const std::string& sahel_jsonl,
                                         std::size_t limit) {
    std::set<std::string> sahel_ids;
    auto ok = for_each_line(sahel_jsonl, [&](const std::string& line) {
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_object()) sahel_ids.insert(j.value("id", ""));
        return true;
    });
    if (!ok) return ok.error();
    static const std::regex about_sahel(
        R"(\b(mali|maliens?|maliennes?|burkina|burkinabe|niger|nigeriens?|nigeriennes?|sahel|saheliens?|bamako|ouagadougou|niamey|tombouctou|gao|kidal|mopti|barkhane|azawad|touaregs?|minusma|jnim|aqmi)\b)");
    FalsePlaces result;
    const auto& g = entities::Gazetteer::builtin();
    analysis::FrenchAnalyzer analyzer;
    ok = for_each_line(corpus, [&](const std::string& line) {
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (!j.is_object() || sahel_ids.count(j.value("id", ""))) return true;
        std::string text = article_text(j);
        if (std::regex_search(fold(text), about_sahel)) return true;
        ++result.articles;
        for (const auto& p : entities::extract_entities(analyzer.analyze(text), "").places) {
            if (p.count == 0) continue;
            const entities::Place* place = g.find(p.id);
            if (!place || place->type == "country" || place->type == "area") continue;
            auto line_ids = g.lineage(p.id);
            const std::string& country = line_ids.back();
            if (country != "mali" && country != "burkina-faso" && country != "niger") continue;
            result.false_places += p.count;
            result.by_place[p.id] += p.count;
        }
        return limit == 0 || result.articles < limit;
    });
    if (!ok) return ok.error();
    return result;
}

Expected<PrecisionRecall> score_persons(const std::vector<std::string>& conllu_files) {
    PrecisionRecall pr;
    analysis::FrenchAnalyzer analyzer;
    for (const std::string& file : conllu_files) {
        std::ifstream in(file);
        if (!in) return Error{file + ": cannot open"};
        std::string text, sent_id;
        std::vector<std::string> forms, tags;
        auto flush = [&] {
            if (text.empty()) return;
            // Gold: the token runs tagged n:PERS ... n.
            std::set<std::string> gold;
            std::map<std::string, std::string> open;  // entity number -> name so far
            for (std::size_t i = 0; i < forms.size(); ++i) {
                for (const std::string& tag : entities::split(tags[i], ';')) {
                    auto colon = tag.find(':');
                    std::string num = tag.substr(0, colon);
                    if (colon != std::string::npos) {
                        if (tag.substr(colon + 1) == "PERS") open[num] = forms[i];
                    } else if (open.count(num)) {
                        open[num] += " " + forms[i];
                    }
                }
            }
            for (auto& [n, name] : open) gold.insert(fold(name));
            auto a = analyzer.analyze(text);
            auto found = entities::extract_entities(a, "");
            std::set<std::string> predicted;
            for (const auto& actor : found.actors) {
                if (actor.type != "person") continue;
                // Compare names by their words, whatever the spacing of the gold tokens.
                predicted.insert(fold(actor.label));
            }
            auto words = [](const std::string& s) {
                std::string out;
                for (char c : s) out += (c == ' ' || c == '-' || c == '\'') ? ' ' : c;
                std::istringstream ss(out);
                std::string w, joined;
                while (ss >> w) joined += (joined.empty() ? "" : " ") + w;
                return joined;
            };
            std::set<std::string> gw, pw;
            for (auto& x : gold) gw.insert(words(x));
            for (auto& x : predicted) pw.insert(words(x));
            pr.expected += gw.size();
            pr.predicted += pw.size();
            for (auto& p : pw) {
                if (gw.count(p)) {
                    ++pr.true_pos;
                } else {
                    pr.false_alarms.push_back(sent_id + ": " + p);
                }
            }
            for (auto& g2 : gw)
                if (!pw.count(g2)) pr.misses.push_back(sent_id + ": " + g2);
            text.clear();
            forms.clear();
            tags.clear();
        };
        for (std::string line; std::getline(in, line);) {
            if (line.empty()) {
                flush();
                continue;
            }
            if (line.rfind("# text = ", 0) == 0) text = line.substr(9);
            if (line.rfind("# sent_id = ", 0) == 0) sent_id = line.substr(12);
            if (line[0] == '#') continue;
            auto cells = entities::split(line, '\t');
            if (cells.size() < 2 || cells[0].find('-') != std::string::npos) continue;
            forms.push_back(cells[1]);
            tags.push_back(cells.back());
        }
        flush();
    }
    return pr;
}

}  // namespace vigie::bench
