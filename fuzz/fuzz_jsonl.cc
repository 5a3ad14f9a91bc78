// The feed reader on arbitrary bytes, plain or gzip: lines split as they
// come, each a JSON object or a failure naming path:line; a line over the
// limit (here 1 KB, so that long lines are cut) fails alone.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_readers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string bytes(reinterpret_cast<const char*>(data), size);
    const std::string path = "fuzz.jsonl";
    auto read = vigie::indexer::read_jsonl(path, bytes, 1024);
    vigie::fuzz::check_read(read, path);
    for (const auto& r : read.reports) {
        VIGIE_FUZZ_CHECK(!r.key.empty());
        VIGIE_FUZZ_CHECK(r.line >= 1);
    }
    return 0;
}
