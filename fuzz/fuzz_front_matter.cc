// Markdown front matter on arbitrary bytes: the input is put between the
// '---' lines (after a byte-order mark when its length is odd), so every
// run exercises the key: value, list and date parsing rather than the body.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_readers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string inside(reinterpret_cast<const char*>(data), size);
    std::string bytes = (size % 2 ? "\xEF\xBB\xBF" : "") + std::string("---\n") + inside + "\n---\nTexte du rapport.\n";
    const std::string path = "fuzz.md";
    auto read = vigie::indexer::read_markdown(path, bytes, vigie::fuzz::kMaxReportBytes);
    vigie::fuzz::check_read(read, path);
    if (vigie::fuzz::valid_utf8(inside))
        for (const auto& r : read.reports) {
            for (const auto& a : r.actors) VIGIE_FUZZ_CHECK(vigie::fuzz::valid_utf8(a));
            for (const auto& p : r.places) VIGIE_FUZZ_CHECK(vigie::fuzz::valid_utf8(p));
        }
    return 0;
}
