// entities::find_dates with an arbitrary report date (the first line, when
// it is at most 10 bytes) and arbitrary text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analyzers/entities/date_mentions.h"
#include "fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    auto [date, text] = vigie::fuzz::split_date(in);
    for (const auto& d : vigie::entities::find_dates(text, date)) {
        VIGIE_FUZZ_CHECK(!d.text.empty() && !d.value.empty());
        // The mention's text is a piece of valid input, so valid itself.
        if (vigie::fuzz::valid_utf8(text)) VIGIE_FUZZ_CHECK(vigie::fuzz::valid_utf8(d.text));
    }
    return 0;
}
