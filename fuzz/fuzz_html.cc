// The html reader on arbitrary bytes: HTML through Gumbo (title, meta dates, main text; the tree walked without recursion).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_readers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string bytes(reinterpret_cast<const char*>(data), size);
    const std::string path = "fuzz.html";
    vigie::fuzz::check_read(vigie::indexer::read_html(path, bytes, vigie::fuzz::kMaxReportBytes), path);
    return 0;
}
