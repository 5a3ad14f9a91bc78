// DocumentBuilder: turns a Report into a Xapian::Document in the index format
// (docs/index-format.md), through the shared French analyzer.
#pragma once

#include <set>
#include <string>

#include <xapian.h>

#include "analyzers/french_analyzer.h"
#include "indexer/report_reader.h"

namespace vigie::indexer {

struct BuiltDocument {
    Xapian::Document document;
    std::set<std::string> spellings;  // accent-folded words, for spelling data
    std::vector<std::pair<std::string, std::string>> person_labels;  // (actor id, label) outside the catalogue
};

// Not thread-safe (uses `analyzer`). `id` is the report's external id,
// `abs_path` its absolute path and `signature` the change signature.
BuiltDocument build_document(const Report& report, const std::string& id,
                             const std::string& abs_path, const std::string& signature,
                             analysis::FrenchAnalyzer& analyzer);

}  // namespace vigie::indexer
