// Case folding: full Unicode case folding, then the ligatures œ and æ spelt
// out (œuvre = oeuvre, Cæsar = caesar). Accents are kept.
#pragma once

#include <string>
#include <string_view>

namespace vigie::analysis {

// Input must be valid UTF-8. Thread-safe.
std::string fold_case(std::string_view word);

}  // namespace vigie::analysis
