// The report reader on arbitrary bytes: read_text_report (encoding detection,
// then cleaning), clean_report_text, parse_header_date and make_title.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_util.h"
#include "indexer/report_reader.h"
#include "indexer/text_cleaner.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string bytes(reinterpret_cast<const char*>(data), size);

    auto report = vigie::indexer::read_text_report("fuzz.txt", bytes);
    if (report.ok()) {
        // Whatever the input encoding, what is indexed is valid UTF-8.
        VIGIE_FUZZ_CHECK(vigie::fuzz::valid_utf8(report->title));
        VIGIE_FUZZ_CHECK(vigie::fuzz::valid_utf8(report->body));
    }

    bool valid = vigie::fuzz::valid_utf8(bytes);
    vigie::indexer::CleanedText cleaned = vigie::indexer::clean_report_text(bytes);
    if (valid) VIGIE_FUZZ_CHECK(vigie::fuzz::valid_utf8(cleaned.title));

    std::string date = vigie::indexer::parse_header_date(bytes);
    VIGIE_FUZZ_CHECK(date.empty() || date.size() == 4 || date.size() == 7 || date.size() == 10);

    std::string title = vigie::indexer::make_title(bytes);
    if (valid) VIGIE_FUZZ_CHECK(vigie::fuzz::valid_utf8(title));
    return 0;
}
