// Helpers shared by the fuzz targets.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <unicode/utf8.h>

namespace vigie::fuzz {

inline bool valid_utf8(std::string_view s) {
    int32_t i = 0, n = static_cast<int32_t>(s.size());
    while (i < n) {
        UChar32 c;
        U8_NEXT(s.data(), i, n, c);
        if (c < 0) return false;
    }
    return true;
}

// A broken invariant is a finding like a crash: report it and abort so that
// libFuzzer saves the input.
#define VIGIE_FUZZ_CHECK(cond)                                                        \
    do {                                                                              \
        if (!(cond)) {                                                                \
            std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
            std::abort();                                                             \
        }                                                                             \
    } while (0)

// "2022-06-15\nrest": a short first line (at most 10 bytes) is taken as a
// report date, the rest as text. Otherwise there is no date.
inline std::pair<std::string_view, std::string_view> split_date(std::string_view in) {
    std::size_t eol = in.find('\n');
    if (eol != std::string_view::npos && eol <= 10) return {in.substr(0, eol), in.substr(eol + 1)};
    return {std::string_view(), in};
}

}  // namespace vigie::fuzz
