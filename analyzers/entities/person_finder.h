// PersonFinder: persons the actor catalogue does not know, recognised as a
// run of capitalised words next to a title or role: before it ("le ministre
// russe des Affaires étrangères Sergueï Lavrov", "le colonel Assimi Goïta")
// or in apposition after it ("Drissa Traoré, son secrétaire général").
#pragma once

#include <string>
#include <vector>

#include "analyzers/entities/phrase_matcher.h"

namespace vigie::entities {

struct Person {
    std::string id;     // accent-free lower-case name, words joined by '-'
    std::string label;  // the name as first written
    std::size_t count;
    std::size_t first, last;  // token span of the first mention
};

// `covered[i]` true: token i is already part of another name. Thread-safe.
std::vector<Person> find_persons(const std::string& text, const std::vector<analysis::AnalyzedToken>& tokens,
                                 const std::vector<TokenKeys>& keys, const std::vector<bool>& covered);

// "Drissa Traoré" -> "drissa-traore".
std::string person_id(const std::vector<analysis::AnalyzedToken>& tokens, std::size_t first, std::size_t last);

}  // namespace vigie::entities
