// FrenchAnalyzer::analyze and analyze_word on arbitrary bytes, then entity
// extraction (actors, persons, places, dates) on the analysis. Input: an
// optional report date line (see split_date), then the text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analyzers/entity_extractor.h"
#include "analyzers/french_analyzer.h"
#include "fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static vigie::analysis::FrenchAnalyzer analyzer;
    std::string_view in(reinterpret_cast<const char*>(data), size);
    auto [date, text] = vigie::fuzz::split_date(in);

    vigie::analysis::Analysis a = analyzer.analyze(text);
    VIGIE_FUZZ_CHECK(vigie::fuzz::valid_utf8(a.text));
    std::uint32_t expected_position = 1;
    for (const auto& t : a.tokens) {
        VIGIE_FUZZ_CHECK(t.begin < t.end && t.end <= a.text.size());
        VIGIE_FUZZ_CHECK(t.position == expected_position++);
        VIGIE_FUZZ_CHECK(!t.surface.empty() && t.surface.size() <= vigie::analysis::FrenchAnalyzer::kMaxTokenBytes);
        VIGIE_FUZZ_CHECK(vigie::fuzz::valid_utf8(t.form) && vigie::fuzz::valid_utf8(t.stem));
    }

    // Each space-separated chunk as one word, as Xapian's snippet code passes them.
    for (std::size_t pos = 0, n = 0; pos < text.size() && n < 64; ++n) {
        std::size_t end = text.find(' ', pos);
        if (end == std::string_view::npos) end = text.size();
        vigie::analysis::AnalyzedToken t = analyzer.analyze_word(text.substr(pos, end - pos));
        VIGIE_FUZZ_CHECK(vigie::fuzz::valid_utf8(t.stem));
        pos = end + 1;
    }

    vigie::entities::ReportEntities e = vigie::entities::extract_entities(a, date);
    for (const auto& actor : e.actors) VIGIE_FUZZ_CHECK(!actor.id.empty() && actor.count > 0);
    return 0;
}
