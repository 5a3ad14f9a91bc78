#include "french_analyzer.h"

#include <algorithm>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "accent_folder.h"
#include "case_folder.h"
#include "elision.h"
#include "lexicon.h"
#include "tokenizer.h"
#include "unicode_text.h"
#include "word_list.h"

namespace vigie::analysis {
namespace {

bool all_digits(std::string_view s) {
    for (char c : s)
        if (!(c >= '0' && c <= '9') && c != ',' && c != '.') return false;
    return !s.empty();
}

// How the word is written once its elision is gone ("l'ONU" -> upper).
Case written(std::string_view surface, std::size_t elided_bytes) {
    std::string_view w = surface.substr(std::min(elided_bytes, surface.size()));
    int32_t i = 0, n = static_cast<int32_t>(w.size());
    std::size_t letters = 0, upper = 0;
    bool first_upper = false;
    while (i < n) {
        UChar32 c;
        U8_NEXT(w.data(), i, n, c);
        if (c < 0 || !u_isalpha(c)) continue;
        bool up = u_isupper(c) || u_istitle(c);
        if (letters == 0) first_upper = up;
        ++letters;
        upper += up;
    }
    if (!first_upper) return Case::kLower;
    return letters >= 2 && upper == letters ? Case::kUpper : Case::kCapitalised;
}

// Whether the text between two words ends a sentence or opens a quotation,
// a dialogue line or a new line: a capital after it says nothing.
bool opens_sentence(std::string_view gap) {
    for (std::string_view mark : {".", "!", "?", ":", "\n", "\u2026", "\u00AB", "\u201C", "\"", "\u2014", "\u2013"})
        if (gap.find(mark) != std::string_view::npos) return true;
    return false;
}

// The accent-free spellings of the dictionary forms a word written without
// its accents may be, ordinary words first (then in byte order).
std::vector<std::string_view> restored(const Lexicon& lex, const std::string& folded) {
    std::vector<std::string_view> forms = lex.forms_with_folded(folded), out;
    for (int pass = 0; pass < 2; ++pass)
        for (std::string_view f : forms) {
            auto e = lex.find(f);
            bool common = e && (e->flags & Lexicon::kCommon);
            if (e && common == (pass == 0)) out.push_back(f);
        }
    return out;
}

}  // namespace

void FrenchAnalyzer::fill(AnalyzedToken& token) {
    auto it = filled_.find(token.surface);
    if (it == filled_.end()) {
        if (filled_.size() >= kMaxCachedWords) filled_.clear();
        Filled f;
        std::string lower = fold_case(token.surface);
        f.form = std::string(strip_elision(lower));
        f.folded = fold_accents(f.form);
        f.number = all_digits(f.form);
        f.stop = !f.number && WordList::french_stop_words().contains(f.form);
        f.written = written(token.surface, token.surface.find('\'') != std::string::npos && f.form.size() < lower.size()
                                               ? token.surface.find('\'') + 1
                                               : 0);
        f.lexicon = 0;
        f.stem = f.stop ? f.form : f.folded;
        if (!f.number && !f.stop) {
            const Lexicon& lex = Lexicon::french();
            std::optional<LexiconEntry> e = lex.find(f.form);
            if (!e && f.form == f.folded) {
                std::vector<std::string_view> forms = restored(lex, f.folded);
                // Written without accents, a stop word's spelling is that
                // stop word ("ETAIT", "meme").
                for (std::string_view r : forms)
                    if (WordList::french_stop_words().contains(r)) f.stop = true;
                if (!forms.empty() && !f.stop) e = lex.find(forms.front());
            }
            if (e) {
                f.lexicon = e->flags;
                if (e->flags & Lexicon::kCommon) f.stem = std::string(e->lemma);
            }
            // A name spelt as a stop word once accents are gone ("Sé", "Lâ")
            // would be searched as that stop word: it is one.
            if (!(f.lexicon & Lexicon::kCommon) && WordList::french_stop_words().contains(f.folded)) f.stop = true;
            if (f.stop) {
                f.lexicon = 0;
                f.stem = f.form;
            }
        }
        it = filled_.emplace(token.surface, std::move(f)).first;
    }
    const Filled& f = it->second;
    token.form = f.form;
    token.folded = f.folded;
    token.stem = f.stem;
    token.stop = f.stop;
    token.number = f.number;
    token.lexicon = f.lexicon;
    token.written = f.written;
}

std::vector<std::string> FrenchAnalyzer::lemmas(const AnalyzedToken& token) const {
    std::vector<std::string> out;
    if (token.stop || token.number) return out;
    const Lexicon& lex = Lexicon::french();
    auto add = [&](std::string_view form) {
        auto e = lex.find(form);
        if (!e || !(e->flags & Lexicon::kCommon)) return;
        std::string lemma(e->lemma);
        for (const std::string& l : out)
            if (l == lemma) return;
        out.push_back(std::move(lemma));
    };
    if (lex.find(token.form)) {
        add(token.form);
    } else if (token.form == token.folded) {
        for (std::string_view f : restored(lex, token.folded)) add(f);
    }
    // A verb stands for its past participles too ("tuer" finds "tués"); a
    // participle only for its own forms ("libérés" is not "libéra").
    for (std::size_t i = 0, n = out.size(); i < n; ++i)
        for (std::string_view p : lex.participles(out[i]))
            if (std::find(out.begin(), out.end(), p) == out.end()) out.emplace_back(p);
    return out;
}

Analysis FrenchAnalyzer::analyze(std::string_view text) {
    Analysis result;
    result.text = remove_invisible(normalize_nfc(text));
    std::uint32_t position = 0;
    std::size_t previous_end = 0;
    for (RawToken& raw : tokenize(result.text)) {
        if (raw.text.size() > kMaxTokenBytes) continue;
        AnalyzedToken token;
        token.surface = std::move(raw.text);
        token.begin = raw.begin;
        token.end = raw.end;
        fill(token);
        token.position = ++position;
        token.sentence_start =
            position == 1 || opens_sentence(std::string_view(result.text).substr(previous_end, raw.begin - previous_end));
        previous_end = raw.end;
        result.tokens.push_back(std::move(token));
    }
    // Words in capitals next to each other are a heading or a shout, not names.
    auto& t = result.tokens;
    for (std::size_t i = 0; i < t.size(); ++i) {
        bool run = t[i].written == Case::kUpper && ((i > 0 && t[i - 1].written == Case::kUpper) ||
                                                    (i + 1 < t.size() && t[i + 1].written == Case::kUpper));
        if (run) t[i].sentence_start = true;
    }
    return result;
}

AnalyzedToken FrenchAnalyzer::analyze_word(std::string_view word) {
    AnalyzedToken token;
    // Every apostrophe the tokenizer accepts (’ ʼ ‘ ` ´) is written ' as it does.
    std::string nfc = remove_invisible(normalize_nfc(word));
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
    token.sentence_start = true;
    return token;
}

}  // namespace vigie::analysis
