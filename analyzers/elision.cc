#include "elision.h"

#include <array>

namespace vigie::analysis {

std::string_view strip_elision(std::string_view word) {
    static constexpr std::array<std::string_view, 13> kClitics = {
        "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"};
    auto apos = word.find('\'');
    if (apos == std::string_view::npos || apos + 1 >= word.size()) return word;
    std::string_view head = word.substr(0, apos);
    for (std::string_view clitic : kClitics) {
        if (head == clitic) return word.substr(apos + 1);
    }
    return word;
}

}  // namespace vigie::analysis
