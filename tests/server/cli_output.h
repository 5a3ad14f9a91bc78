// The stdout of the built `vigie` run with these arguments (stderr dropped):
// the CLI side of the API tests, which compare the two answers.
#pragma once

#include <array>
#include <cstdio>
#include <string>
#include <vector>

namespace vigie::testing {

inline std::string shell_quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

inline std::string cli_output(const std::vector<std::string>& args) {
    std::string cmd = shell_quote(VIGIE_BINARY);
    for (const auto& a : args) {
        cmd += ' ';  // appended, not " " + quoted: GCC 12 warns (-Wrestrict) on that operator+
        cmd += shell_quote(a);
    }
    std::string out;
    FILE* p = ::popen((cmd + " 2>/dev/null").c_str(), "r");
    if (!p) return out;
    std::array<char, 4096> buf;
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    ::pclose(p);
    return out;
}

}  // namespace vigie::testing
