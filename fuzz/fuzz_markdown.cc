// The markdown reader on arbitrary bytes: Markdown (front matter, then markup stripped line by line).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_readers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string bytes(reinterpret_cast<const char*>(data), size);
    const std::string path = "fuzz.md";
    vigie::fuzz::check_read(vigie::indexer::read_markdown(path, bytes, vigie::fuzz::kMaxReportBytes), path);
    return 0;
}
