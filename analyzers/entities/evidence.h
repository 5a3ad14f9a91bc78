// Evidence: what a report must say before Vigie tags a place or an actor.
// Every rule of that kind lives here, one function each, so the gazetteer,
// the catalogue and the person finder ask the same questions. A wrong tag
// is worse than a missing one: each rule falls back to "no tag".
//
//   rule                           evidence it needs
//   ----                           -----------------
//   glued_to_name                  a name that runs on into other capitalised
//                                  words or a number ("France 2", "Météo-France",
//                                  "Air Canada", "Gao Feng") is that longer
//                                  name, not the place or the actor
//   isolated_capitals              a word in capitals amid lower-case words
//                                  ("GAO", "FAO", "ENA") is an acronym: it needs
//                                  a place word before it
//   article_before                 a town or village takes no article: "la Kora"
//                                  is an instrument, "à Kora" a town
//   place_cue                      "région de", "cercle du", "village d'",
//                                  "base de" in the same sentence, just before
//                                  the name; a cue of another type ("région de
//                                  Gossi", a town) only rescues no common word
//   CountryEvidence                a place below region level needs its country
//                                  to be one the report is about (named, by a
//                                  demonym or a region of it, at least half
//                                  as often as any other country) or a region, cercle, province
//                                  or commune above it named in the report
//   inside_organisation_name       a country after "de"/"du"/"des" and a
//                                  capitalised ordinary word ("Institut de
//                                  France", "Confédération des Commerçants de
//                                  France", "Tour de France") is an
//                                  institution's name; a state word
//                                  ("République du Mali") is the country
//   capitalised_article            "La France insoumise" in mid-sentence: an
//                                  article written with a capital opens a name
//   named_after                    "rue Victor Hugo", "collège Jean Moulin",
//                                  "Institut Pasteur": a name after a street,
//                                  school or institution word is not a person
#pragma once

#include <map>
#include <string>
#include <vector>

#include "analyzers/french_analyzer.h"
#include "analyzers/entities/phrase_matcher.h"

namespace vigie::entities::evidence {

using Tokens = std::vector<analysis::AnalyzedToken>;

// Tokens a and b (a < b) are joined by nothing but one space or a hyphen.
bool joined(const std::string& text, const Tokens& tokens, std::size_t a, std::size_t b);

// Token i is a capitalised word that can belong to a name: written with a
// capital (after its elision), not a stop word, or a number.
bool name_word(const Tokens& tokens, const std::vector<TokenKeys>& keys, std::size_t i);

// The span [first, last] runs on into a longer name: a name word or a number
// joined right after it, or a name word joined right before it ("Air
// Canada"; "En France" is not a name: "En" is a stop word). A word already
// taken by an actor or a person counts too ("Oxfam France"); `covered` is
// kept for the callers' sake.
bool glued_to_name(const std::string& text, const Tokens& tokens, const std::vector<TokenKeys>& keys,
                   const std::vector<bool>& covered, std::size_t first, std::size_t last);

// Token i is written in capitals ("GAO") while its neighbours are not: an
// acronym, not a name in a title set in capitals.
bool isolated_capitals(const Tokens& tokens, std::size_t i);

// The place type a word before a name announces ("région" -> "region",
// "localité" -> "village"), or "".
std::string type_cue(const std::string& folded);

// The type announced just before token `first`, in the same sentence:
// "région de X", "cercle du X", "village d'X". "" when none.
std::string place_cue(const std::string& text, const Tokens& tokens, std::size_t first);

// "la X", "le X", "les X", "l'X" right before token `first`: towns and
// villages take no article, so "la Kora" is the instrument.
bool article_before(const Tokens& tokens, std::size_t first);

// "à X", "au X" right before token `first`.
bool locative_before(const Tokens& tokens, std::size_t first);

// Whether a place of type `type` fits the cue ("" fits everything).
bool fits_cue(const std::string& cue, const std::string& type);

// The country a demonym names ("maliens" -> "mali"), or "".
std::string demonym_country(const std::string& folded);

// How strongly a report speaks of each country: mentions of the country,
// of its demonyms and of its regions or cercles.
class CountryEvidence {
public:
    void add(const std::string& country, std::size_t n = 1) { score_[country] += n; }
    std::size_t score(const std::string& country) const;
    // `country` is named, and no other country is named more than twice as
    // often: "Kouré" in a report on Niger that names Mali once is not Mali's.
    bool leads(const std::string& country) const;

private:
    std::map<std::string, std::size_t> score_;
};

// Token i starts a sentence: first token, or only punctuation that ends a
// sentence, a line break or an opening quote before it.
bool sentence_start(const std::string& text, const Tokens& tokens, std::size_t i);

// The country at token `first` is the end of an institution's name: "de",
// "du" or "des" right before it, and right before that, in the same
// sentence, a capitalised ordinary word that is not a state word
// ("Institut de France", "Confédération des Commerçants de France"; not
// "République du Mali", nor "Au Mali" at a sentence start).
bool inside_organisation_name(const std::string& text, const Tokens& tokens, std::size_t first);

// "La", "Le", "Les" written with a capital right before token `first`, in
// mid-sentence: the article is part of a name ("La France insoumise").
bool capitalised_article(const std::string& text, const Tokens& tokens, std::size_t first);

// Token i follows a word that names things after persons: "rue", "avenue",
// "collège", "lycée", "Institut", "prix", "stade"…
bool named_after(const Tokens& tokens, std::size_t i);

// Token i is a word that opens the name of an organisation, a street or a
// title rather than a person ("Institut", "République", "Public", "Rue").
bool organisation_word(const analysis::AnalyzedToken& t);

}  // namespace vigie::entities::evidence
