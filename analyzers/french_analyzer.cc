#include "french_analyzer.h"

#include <unordered_map>

#include "accent_folder.h"
#include "case_folder.h"
#include "elision.h"
#include "word_list.h"
#include "tokenizer.h"
#include "unicode_text.h"

namespace vigie::analysis {
namespace {

bool all_digits(std::string_view s) {
    for (char c : s)
        if (!(c >= '0' && c <= '9') && c != ',' && c != '.') return false;
    return !s.empty();
}

// Called for every word of every snippet's text: the stems are cached (a
// report's vocabulary repeats itself), which makes snippets several times
// cheaper. One instance per Xapian::Stem, so per Searcher: single-threaded.
class SnippetStem : public Xapian::StemImplementation {
public:
    std::string operator()(const std::string& word) override {
        auto it = cache_.find(word);
        if (it != cache_.end()) return it->second;
        if (cache_.size() > 200000) cache_.clear();
        return cache_.emplace(word, analyzer_.analyze_word(word).stem).first->second;
    }
    std::string get_description() const override { return "vigie-french"; }

private:
    FrenchAnalyzer analyzer_;
    std::unordered_map<std::string, std::string> cache_;
};

}  // namespace

FrenchAnalyzer::FrenchAnalyzer() : stemmer_("french") {}

std::string FrenchAnalyzer::stem(std::string_view form) {
    if (all_digits(form)) return std::string(form);
    return stemmer_(std::string(form));
}

void FrenchAnalyzer::fill(AnalyzedToken& token) {
    auto it = filled_.find(token.surface);
    if (it == filled_.end()) {
        if (filled_.size() >= kMaxCachedWords) filled_.clear();
        Filled f;
        std::string lower = fold_case(token.surface);
        f.form = std::string(strip_elision(lower));
        f.folded = fold_accents(f.form);
        f.number = all_digits(f.form);
        f.stop = !f.number && WordList::french_stop_words().contains(f.folded);
        f.stem = stem(f.form);
        it = filled_.emplace(token.surface, std::move(f)).first;
    }
    const Filled& f = it->second;
    token.form = f.form;
    token.folded = f.folded;
    token.stem = f.stem;
    token.stop = f.stop;
    token.number = f.number;
}

Analysis FrenchAnalyzer::analyze(std::string_view text) {
    Analysis result;
    result.text = normalize_nfc(text);
    std::uint32_t position = 0;
    for (RawToken& raw : tokenize(result.text)) {
        if (raw.text.size() > kMaxTokenBytes) continue;
        AnalyzedToken token;
        token.surface = std::move(raw.text);
        token.begin = raw.begin;
        token.end = raw.end;
        fill(token);
        token.position = ++position;
        result.tokens.push_back(std::move(token));
    }
    return result;
}

AnalyzedToken FrenchAnalyzer::analyze_word(std::string_view word) {
    AnalyzedToken token;
    // Every apostrophe the tokenizer accepts (’ ʼ ‘ ` ´) is written ' as it does.
    std::string nfc = normalize_nfc(word);
    for (std::size_t i = 0; i < nfc.size(); ++i) {
        std::string_view rest(nfc.data() + i, nfc.size() - i);
        std::size_t len = 0;
        for (std::string_view apos : {"\u2019", "\u02BC", "\u2018", "\u00B4", "`"})
            if (rest.substr(0, apos.size()) == apos) len = apos.size();
        if (len) {
            token.surface.push_back('\'');
            i += len - 1;
        } else {
            token.surface.push_back(nfc[i]);
        }
    }
    token.end = token.surface.size();
    fill(token);
    return token;
}

Xapian::Stem FrenchAnalyzer::snippet_stemmer() { return Xapian::Stem(new SnippetStem); }

}  // namespace vigie::analysis
