// Accent folding: removes diacritics (Ségou -> Segou, Goïta -> Goita) and
// maps the few Latin letters that carry no decomposable mark (ø, ł, đ).
#pragma once

#include <string>
#include <string_view>

namespace vigie::analysis {

// Input must be valid UTF-8 in NFC. Output is NFC. Thread-safe.
std::string fold_accents(std::string_view word);

namespace detail {
// The general path through ICU (NFD, drop non-spacing marks, NFC), which
// fold_accents takes for characters outside its fast Latin-1 table. Exposed
// so that tests can check the two agree.
std::string fold_accents_icu(std::string_view word);
}  // namespace detail

}  // namespace vigie::analysis
