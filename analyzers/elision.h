// Elision filter: strips a leading French elided clitic and its apostrophe:
// l' d' j' m' n' s' t' c' qu' jusqu' lorsqu' puisqu' quoiqu'
// ("l'armée" -> "armée", "qu'il" -> "il"). Other apostrophes stay
// ("aujourd'hui", "jama'at").
#pragma once

#include <string_view>

namespace vigie::analysis {

// `word` must be case-folded, with apostrophes written as '. Returns the part
// after the clitic, or `word` unchanged. Never returns an empty view for a
// non-empty word. Thread-safe.
std::string_view strip_elision(std::string_view word);

}  // namespace vigie::analysis
