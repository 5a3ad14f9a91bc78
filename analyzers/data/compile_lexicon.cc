// Build tool: compiles the French lexicon and the single-word names of the
// gazetteer and the actor catalogue into the blob analyzers/lexicon.cc reads.
//
//   compile_lexicon lexicon_fr.tsv places.tsv actors.tsv OUT
//
// Keys are case-folded and accent-folded here with the analyzer's own
// functions, so that a look-up finds exactly what the analyzer computes.
// Exits non-zero, naming the file, when an input cannot be read.
#include <cstdint>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "analyzers/accent_folder.h"
#include "analyzers/case_folder.h"
#include "analyzers/elision.h"
#include "analyzers/lexicon.h"
#include "analyzers/tokenizer.h"
#include "analyzers/unicode_text.h"

#include <xapian.h>

namespace {

using vigie::analysis::Lexicon;

struct Entry {
    std::string lemma;  // empty: the form itself
    unsigned flags = 0;
};

bool read_file(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream s;
    s << in.rdbuf();
    out = s.str();
    return true;
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= s.size()) {
        std::size_t end = s.find(sep, start);
        if (end == std::string::npos) end = s.size();
        out.push_back(s.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

// Data lines of a project TSV file (comments and the header line skipped).
std::vector<std::vector<std::string>> rows(const std::string& text, bool has_header) {
    std::vector<std::vector<std::string>> out;
    bool header = has_header;
    for (const std::string& line : split(text, '\n')) {
        if (line.empty() || line[0] == '#') continue;
        if (header) {
            header = false;
            continue;
        }
        out.push_back(split(line, '\t'));
    }
    return out;
}

// Capital letters in a word (ASCII is enough for acronyms).
int capitals(std::string_view w) {
    int n = 0;
    for (char c : w) n += c >= 'A' && c <= 'Z';
    return n;
}

// The form the analyzer gives a name that is one word, with whether it is
// written with a capital; nullopt for names of several words.
std::optional<std::pair<std::string, bool>> one_word(const std::string& name) {
    std::string nfc = vigie::analysis::normalize_nfc(name);
    auto tokens = vigie::analysis::tokenize(nfc);
    if (tokens.size() != 1 || tokens[0].kind != vigie::analysis::TokenKind::kWord) return std::nullopt;
    std::string lower = vigie::analysis::fold_case(tokens[0].text);
    std::string form(vigie::analysis::strip_elision(lower));
    std::string_view after(tokens[0].text);
    if (auto apos = after.find('\''); apos != std::string_view::npos && form.size() < lower.size())
        after.remove_prefix(apos + 1);
    bool capital = !after.empty() && vigie::analysis::fold_case(after.substr(0, 1)) != after.substr(0, 1);
    return std::make_pair(form, capital);
}

class Builder {
public:
    bool add_dictionary(const std::string& text) {
        for (const auto& r : rows(text, false)) {
            if (r.size() < 3) return false;
            std::string key = r[0];
            if (vigie::analysis::fold_case(key) != key) {
                ++mismatches_;  // the analyzer would never look this key up
                continue;
            }
            Entry& e = entries_[key];
            e.lemma = r[1] == key ? std::string() : r[1];
            e.flags |= static_cast<unsigned>(std::stoul(r[2]));
            if (r.size() > 3)  // an agreeing past participle: its verbs
                for (const std::string& verb : split(r[3], ','))
                    if (!verb.empty()) participles_[verb].insert(key);
        }
        return !entries_.empty();
    }

    // Names of one place or actor: each single word is a known name, and
    // those spelt alike once loosened are variants of each other.
    void add_names(const std::vector<std::string>& names, bool need_capital, bool actor) {
        std::map<std::string, std::set<std::string>> by_key;
        for (const std::string& name : names) {
            auto word = one_word(name);
            if (!word || (need_capital && !word->second)) continue;
            entries_[word->first].flags |= Lexicon::kKnownName;
            if (actor && capitals(name) >= 2) entries_[word->first].flags |= Lexicon::kActorAcronym;
            std::string folded = vigie::analysis::fold_accents(word->first);
            by_key[vigie::analysis::loose_name_key(folded)].insert(folded);
        }
        add_variant_groups(by_key);
    }

    // Aliases of one actor of the same length in words that differ in one
    // word spelt alike once loosened ("Amadou Kouffa", "Amadou Koufa").
    void add_aligned(const std::vector<std::string>& names) {
        std::vector<std::vector<std::string>> words;
        for (const std::string& name : names) {
            std::vector<std::string> w;
            for (auto& t : vigie::analysis::tokenize(vigie::analysis::normalize_nfc(name)))
                w.push_back(vigie::analysis::fold_accents(
                    std::string(vigie::analysis::strip_elision(vigie::analysis::fold_case(t.text)))));
            if (w.size() > 1) words.push_back(std::move(w));
        }
        std::map<std::string, std::set<std::string>> by_key;
        for (std::size_t a = 0; a < words.size(); ++a)
            for (std::size_t b = a + 1; b < words.size(); ++b) {
                if (words[a].size() != words[b].size()) continue;
                std::size_t diff = 0, at = 0;
                for (std::size_t i = 0; i < words[a].size(); ++i)
                    if (words[a][i] != words[b][i]) ++diff, at = i;
                if (diff != 1) continue;
                std::string ka = vigie::analysis::loose_name_key(words[a][at]);
                if (ka != vigie::analysis::loose_name_key(words[b][at])) continue;
                by_key[ka].insert(words[a][at]);
                by_key[ka].insert(words[b][at]);
            }
        add_variant_groups(by_key);
    }

    // Families: the lemmas of ordinary words that share a Snowball stem once
    // accents are gone ("régler", "règlement", "réglé"), for ranking only.
    // Groups larger than kMaxFamily say little of any one word and are left out.
    void add_families() {
        static constexpr std::size_t kMaxFamily = 24;
        Xapian::Stem snowball("french");
        std::map<std::string, std::set<std::string>> by_stem;
        for (const auto& [key, e] : entries_) {
            if (!(e.flags & Lexicon::kCommon)) continue;
            const std::string& lemma = e.lemma.empty() ? key : e.lemma;
            by_stem[snowball(vigie::analysis::fold_accents(lemma))].insert(lemma);
        }
        for (const auto& [stem, lemmas] : by_stem) {
            if (lemmas.size() < 2 || lemmas.size() > kMaxFamily) continue;
            for (const std::string& a : lemmas)
                for (const std::string& b : lemmas)
                    if (a != b) families_[a].insert(b);
        }
    }

    bool write(const std::string& path) const {
        std::map<std::string, std::set<std::string>> folded;  // accent-free -> forms
        for (const auto& [key, e] : entries_) {
            std::string f = vigie::analysis::fold_accents(key);
            if (f != key) folded[f].insert(key);
        }
        // lemma -> the accent-free spellings of its forms, for phrases: an
        // ordinary word's forms only, and only when there are several.
        std::map<std::string, std::set<std::string>> inflections;
        for (const auto& [key, e] : entries_)
            if (e.flags & Lexicon::kCommon) inflections[e.lemma.empty() ? key : e.lemma].insert(vigie::analysis::fold_accents(key));
        std::erase_if(inflections, [](const auto& kv) { return kv.second.size() < 2; });
        std::string text;
        std::vector<std::uint32_t> o1, o2, o3, o4, o5, o6;
        for (const auto& [key, e] : entries_) {
            o1.push_back(static_cast<std::uint32_t>(text.size()));
            text += key + '\t' + e.lemma + '\t' + std::to_string(e.flags) + '\n';
        }
        auto lists = [&](const std::map<std::string, std::set<std::string>>& section, std::vector<std::uint32_t>& offsets) {
            for (const auto& [key, values] : section) {
                offsets.push_back(static_cast<std::uint32_t>(text.size()));
                text += key;
                for (const std::string& v : values) text += '\t' + v;
                text += '\n';
            }
        };
        lists(folded, o2);
        lists(variants_, o3);
        lists(families_, o4);
        lists(participles_, o5);
        lists(inflections, o6);
        std::ofstream out(path, std::ios::binary);
        out << "VLEX0004";
        auto put = [&](std::uint32_t v) {
            for (int i = 0; i < 4; ++i) out.put(static_cast<char>((v >> (8 * i)) & 0xFF));
        };
        for (std::uint32_t v : {static_cast<std::uint32_t>(o1.size()), static_cast<std::uint32_t>(o2.size()),
                                static_cast<std::uint32_t>(o3.size()), static_cast<std::uint32_t>(o4.size()),
                                static_cast<std::uint32_t>(o5.size()), static_cast<std::uint32_t>(o6.size()),
                                static_cast<std::uint32_t>(text.size())})
            put(v);
        for (const auto* o : {&o1, &o2, &o3, &o4, &o5, &o6})
            for (std::uint32_t v : *o) put(v);
        out << text;
        std::cerr << "lexicon: " << o1.size() << " forms, " << o2.size() << " accent-free keys, " << o3.size()
                  << " names with variants, " << o4.size() << " lemmas with a family, " << o5.size() << " verbs with participles, " << o6.size() << " lemmas with several forms, " << mismatches_ << " keys skipped (not case-folded)\n";
        return static_cast<bool>(out);
    }

private:
    // A spelling that is also an ordinary word ("Mourra", the future of
    // mourir, beside "Moura") is no variant: it would find that word.
    void add_variant_groups(const std::map<std::string, std::set<std::string>>& by_key) {
        if (common_folded_.empty())
            for (const auto& [key, e] : entries_)
                if (e.flags & Lexicon::kCommon) common_folded_.insert(vigie::analysis::fold_accents(key));
        for (auto [key, group] : by_key) {
            std::erase_if(group, [&](const std::string& w) { return common_folded_.count(w) > 0; });
            if (group.size() < 2) continue;
            for (const std::string& a : group)
                for (const std::string& b : group)
                    if (a != b) variants_[a].insert(b);
        }
    }

    std::map<std::string, Entry> entries_;  // sorted by bytes: the look-up order
    std::map<std::string, std::set<std::string>> variants_;
    std::map<std::string, std::set<std::string>> families_;  // lemma -> the other lemmas of its family
    std::map<std::string, std::set<std::string>> participles_;  // verb -> its agreeing past participles
    std::set<std::string> common_folded_;
    std::size_t mismatches_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
    if (argc != 5) {
        std::cerr << "usage: compile_lexicon lexicon_fr.tsv places.tsv actors.tsv OUT\n";
        return 2;
    }
    std::string dictionary, places, actors;
    for (auto [path, text] : {std::pair{argv[1], &dictionary}, {argv[2], &places}, {argv[3], &actors}}) {
        if (!read_file(path, *text)) {
            std::cerr << "compile_lexicon: cannot read " << path << "\n";
            return 1;
        }
    }
    Builder b;
    if (!b.add_dictionary(dictionary)) {
        std::cerr << "compile_lexicon: " << argv[1] << " is not a lexicon (form, lemma, flags)\n";
        return 1;
    }
    // places.tsv: id, label, type, parent, lat, lon, aliases, flags, covers.
    for (const auto& r : rows(places, true)) {
        if (r.size() < 7) continue;
        std::vector<std::string> names = split(r[6], '|');
        names.push_back(r[1]);
        b.add_names(names, true, false);
    }
    // actors.tsv: id, label, type, affiliation, aliases; '?' aliases are
    // ordinary words that only count beside the actor's name.
    for (const auto& r : rows(actors, true)) {
        if (r.size() < 2) continue;
        // The label minus a trailing "(ACRONYM)" is a name too, as the catalogue reads it.
        std::vector<std::string> names{r[1]};
        if (auto paren = r[1].find(" ("); paren != std::string::npos && r[1].back() == ')') {
            names = {r[1].substr(0, paren), r[1].substr(paren + 2, r[1].size() - paren - 3)};
        }
        if (r.size() > 4)
            for (const std::string& a : split(r[4], '|'))
                if (!a.empty() && a[0] != '?') names.push_back(a);
        b.add_names(names, true, true);
        b.add_aligned(names);
    }
    b.add_families();
    if (!b.write(argv[4])) {
        std::cerr << "compile_lexicon: cannot write " << argv[4] << "\n";
        return 1;
    }
    return 0;
}
