#include "bench/entity_quality.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>
#include <xapian.h>

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

namespace {

// Whether the text names a Sahel country or its people, read without the
// gazetteer: the folded text against each country's words.
bool names_country(const std::string& folded_text, const std::string& country) {
    static const std::map<std::string, std::regex> words = {
        {"mali", std::regex(R"(\bmali(en|enne)?s?\b)")},
        {"burkina-faso", std::regex(R"(\bburkina|\bburkinab)")},
        {"niger", std::regex(R"(\bniger\b|\bnigerien)")}};
    auto it = words.find(country);
    return it == words.end() || std::regex_search(folded_text, it->second);
}

bool upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }

// Every place `name` is written in `text` (as written, case-sensitive), it
// is inside a longer name or an acronym: a capitalised word or a number
// right after it, a capitalised word right before it (a space or a hyphen
// between), or the whole name in capitals. False when it is never written
// as such (an alias).
bool only_in_names(const std::string& text, const std::string& name, const std::vector<std::string>& all_names) {
    std::string caps;
    for (char c : name) caps += (c >= 'a' && c <= 'z') ? char(c - 32) : c;
    bool seen = false;
    for (const std::string* form : {&name, static_cast<const std::string*>(&caps)}) {
        for (std::size_t at = text.find(*form); at != std::string::npos; at = text.find(*form, at + 1)) {
            std::size_t end = at + form->size();
            auto word_char = [&](std::size_t i) {
                unsigned char c = static_cast<unsigned char>(text[i]);
                return std::isalnum(c) || c >= 0x80;
            };
            if ((at > 0 && word_char(at - 1)) || (end < text.size() && word_char(end))) continue;  // part of a word
            // Part of a longer name of the same place: "Burkina" in "Burkina-Faso", "Guinée-Conakry".
            bool longer = false;
            for (const std::string& other : all_names)
                longer = longer || (other.size() > form->size() && text.compare(at, other.size(), other) == 0);
            if (longer) continue;
            seen = true;
            if (form == &caps && caps != name) continue;  // "GAO": an acronym
            bool after = end + 1 < text.size() && (text[end] == ' ' || text[end] == '-') &&
                         (upper_ascii(text[end + 1]) || std::isdigit(static_cast<unsigned char>(text[end + 1])));
            bool before = false;
            if (at >= 2 && (text[at - 1] == ' ' || text[at - 1] == '-')) {
                std::size_t w = at - 1;
                while (w > 0 && text[w - 1] != ' ' && text[w - 1] != '\n' && text[w - 1] != '\'' && text[w - 1] != '-') --w;
                // A capitalised word that is not a sentence's first: "Air Canada", "Météo-France".
                bool sentence_start = w < 2 || text[w - 2] == '.' || text[w - 1] == '\n' || text[w - 2] == '|';
                static const std::set<std::string> small = {"En", "Au", "Aux", "La", "Le", "Les", "Du", "De", "A", "À"};
                std::string prev = text.substr(w, at - 1 - w);
                bool word = !prev.empty() && (std::isalpha(static_cast<unsigned char>(prev.back())) ||
                                              static_cast<unsigned char>(prev.back()) >= 0x80);
                before = word && upper_ascii(text[w]) && !small.count(prev) && (!sentence_start || text[at - 1] == '-');
            }
            if (!after && !before) return false;
        }
    }
    return seen;
}

}  // namespace

Expected<FalsePlaces> count_false_places(const std::string& corpus, const std::string& /*sahel_jsonl*/,
                                         std::size_t limit, const std::string& index) {
    FalsePlaces result;
    std::map<std::string, std::vector<std::string>> indexed;  // report id -> named places
    if (!index.empty()) {
        try {
            Xapian::Database db(index + "/current");
            for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
                Xapian::Document doc = db.get_document(*it);
                auto j = nlohmann::json::parse(doc.get_data(), nullptr, false);
                if (!j.is_object()) continue;
                auto& places = indexed[j.value("id", "")];
                for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
                    std::string term = *t;
                    if (term.rfind("XP", 0) == 0 && t.get_wdf() > 0) places.push_back(term.substr(2));
                }
            }
        } catch (const Xapian::Error& e) {
            return Error{index + ": " + e.get_msg()};
        }
    }
    const auto& g = entities::Gazetteer::builtin();
    analysis::FrenchAnalyzer analyzer;
    auto ok = for_each_line(corpus, [&](const std::string& line) {
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (!j.is_object()) return true;
        std::string text = article_text(j);
        std::string folded = fold(text);
        ++result.articles;
        std::vector<entities::PlaceMention> found;
        if (index.empty()) {
            found = entities::extract_entities(analyzer.analyze(text), "").places;
        } else {
            for (const std::string& id : indexed[j.value("id", "")]) found.push_back({id, 1});
        }
        for (const auto& p : found) {
            if (p.count == 0) continue;
            const entities::Place* place = g.find(p.id);
            if (!place) continue;
            auto line_ids = g.lineage(p.id);
            const std::string& country = line_ids.back();
            bool sub_national = place->type != "country" && place->type != "area" &&
                                (country == "mali" || country == "burkina-faso" || country == "niger");
            if (sub_national && !names_country(folded, country)) {
                ++result.homonyms;
                result.by_place[p.id + " (homonym)"]++;
            } else if (std::all_of(place->names.begin(), place->names.end(),
                                   [&](const std::string& n) { return only_in_names(text, n, place->names) || text.find(n) == std::string::npos; }) &&
                       std::any_of(place->names.begin(), place->names.end(),
                                   [&](const std::string& n) { return only_in_names(text, n, place->names); })) {
                ++result.in_names;
                result.by_place[p.id + " (in a name)"]++;
                if (std::getenv("VIGIE_FALSE_PLACES_DEBUG")) std::fprintf(stderr, "%s %s\n", j.value("id", "").c_str(), p.id.c_str());
            }
        }
        return limit == 0 || result.articles < limit;
    });
    if (!ok) return ok.error();
    result.false_places = result.homonyms + result.in_names;
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
