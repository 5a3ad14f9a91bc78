// The pdf reader on arbitrary bytes: PDF through Poppler (text per page, page offsets).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_readers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string bytes(reinterpret_cast<const char*>(data), size);
    const std::string path = "fuzz.pdf";
    vigie::fuzz::check_read(vigie::indexer::read_pdf(path, bytes, vigie::fuzz::kMaxReportBytes), path);
    return 0;
}
