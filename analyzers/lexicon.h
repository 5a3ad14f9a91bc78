// Lexicon: what the French dictionary knows of a word (its lemma, whether it
// is an ordinary word or a proper noun), and the known spellings of names.
//
// Built at compile time (analyzers/data/compile_lexicon.cc) from
// analyzers/data/lexicon_fr.tsv (Hunspell's French dictionary, expanded; see
// LEXICON.md) plus the single-word names of the gazetteer and the actor
// catalogue, into one blob that is searched in place: nothing is parsed or
// allocated when a program starts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigie::analysis {

struct LexiconEntry {
    std::string_view lemma;  // the form itself when the dictionary gives no other
    std::uint8_t flags = 0;  // Lexicon::kCommon | kProper | kKnownName
};

class Lexicon {
public:
    static constexpr std::uint8_t kCommon = 1;     // an ordinary French word (lower-case entry)
    static constexpr std::uint8_t kProper = 2;     // a proper noun, first name, surname, brand
    static constexpr std::uint8_t kKnownName = 4;  // a single-word name of the gazetteer or catalogue
    static constexpr std::uint8_t kActorAcronym = 8;  // an actor's alias in capitals: FAMa, JNIM, MINUSMA

    // `blob` must stay alive; a blob that is not a lexicon gives an empty one
    // (valid() false).
    explicit Lexicon(std::string_view blob);
    // The lexicon compiled into Vigie.
    static const Lexicon& french();

    bool valid() const { return valid_; }
    std::size_t size() const { return n_forms_; }
    // The i-th form in byte order (0 <= i < size()): for walking the lexicon.
    std::string_view form_at(std::size_t i) const;

    // The entry of a case-folded form (accents kept, elision stripped).
    std::optional<LexiconEntry> find(std::string_view form) const;

    // The dictionary forms whose accent-free spelling is `folded`, when it
    // differs from them ("armee" -> "armée"; "eleves" -> "élevés", "élèves").
    std::vector<std::string_view> forms_with_folded(std::string_view folded) const;

    // Other spellings of a name, accent-free ("tillabery" -> "tillaberi"):
    // names of one place or actor that differ only as West African names are
    // spelt differently (doubled letters, ou/u, y/i).
    std::vector<std::string_view> name_variants(std::string_view folded) const;

    // The other lemmas of a lemma's family: ordinary words sharing its
    // Snowball stem once accents are gone ("régler" -> "règlement", "réglé").
    // For ranking only: a family mixes words a reader keeps apart.
    // Thread-safe (read-only).
    std::vector<std::string_view> family(std::string_view lemma) const;

    // A verb's agreeing past participles, masculine singular ("tuer" ->
    // "tué"): a search for the verb also finds them, not the reverse.
    std::vector<std::string_view> participles(std::string_view verb) const;

    // The accent-free spellings of an ordinary word's forms, by its lemma
    // ("coup" -> "coup", "coups"); empty when it has one form. For phrases,
    // which match on spellings: a phrase's word stands for its forms.
    std::vector<std::string_view> inflections(std::string_view lemma) const;

private:
    struct Section {
        const unsigned char* offsets = nullptr;
        std::uint32_t count = 0;
    };
    std::string_view line(const Section& s, std::uint32_t i) const;
    std::optional<std::string_view> find_line(const Section& s, std::string_view key) const;
    // The values after `key` on its line of section `s`; none when absent.
    std::vector<std::string_view> values(const Section& s, std::string_view key) const;

    bool valid_ = false;
    std::uint32_t n_forms_ = 0;
    Section forms_, folded_, variants_, families_, participles_, inflections_;
    std::string_view text_;
};

// The key that groups spellings of one name: accent-free input, doubled
// letters single, "ou" as "u", "y" as "i" ("Kouffa", "Koufa" -> "kufa").
std::string loose_name_key(std::string_view folded);

}  // namespace vigie::analysis
