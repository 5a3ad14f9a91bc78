#include "word_list.h"

#include "accent_folder.h"
#include "case_folder.h"

extern "C" const char vigie_stopwords_fr[];
extern "C" const char vigie_stopwords_fr_end[];
extern "C" const char vigie_first_names[];
extern "C" const char vigie_first_names_end[];

namespace vigie::analysis {

WordList::WordList(std::string_view list_text, bool keep_accents) {
    std::size_t pos = 0;
    while (pos < list_text.size()) {
        std::size_t eol = list_text.find('\n', pos);
        if (eol == std::string_view::npos) eol = list_text.size();
        std::string_view line = list_text.substr(pos, eol - pos);
        pos = eol + 1;
        if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t'))
            line.remove_suffix(1);
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
        if (!line.empty()) words_.insert(keep_accents ? fold_case(line) : fold_accents(fold_case(line)));
    }
}

const WordList& WordList::french_stop_words() {
    static const WordList list(std::string_view(
        vigie_stopwords_fr, static_cast<std::size_t>(vigie_stopwords_fr_end - vigie_stopwords_fr)), true);
    return list;
}

const WordList& WordList::first_names() {
    static const WordList list(
        std::string_view(vigie_first_names, static_cast<std::size_t>(vigie_first_names_end - vigie_first_names)));
    return list;
}

}  // namespace vigie::analysis
