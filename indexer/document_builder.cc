#include "indexer/document_builder.h"

#include "schema/schema.h"

namespace vigie::indexer {
namespace {

// Title words also go into the body field, before it, so that a plain query
// ranks a title match higher; a gap keeps phrases from spanning the two.
constexpr Xapian::termpos kFieldGap = 100;

void note_word(const analysis::AnalyzedToken& t, BuiltDocument& out) {
    if (t.number || t.stop) return;
    if (t.folded.size() >= 2) out.spellings.insert(t.folded);
    if (t.form != t.folded) out.accented.insert(t.form);
}

}  // namespace

BuiltDocument build_document(const Report& report, const std::string& id,
                             const std::string& abs_path, const std::string& signature,
                             analysis::FrenchAnalyzer& analyzer) {
    using namespace schema;
    BuiltDocument out;
    Xapian::Document& doc = out.document;
    doc.add_boolean_term(std::string(kIdPrefix) + id);

    Xapian::termpos pos = 0;
    analysis::Analysis title = analyzer.analyze(report.title);
    for (const auto& t : title.tokens) {
        pos = t.position;
        doc.add_posting(std::string(kTitleStemPrefix) + t.stem, pos);
        doc.add_posting(std::string(kStemPrefix) + t.stem, pos);
        doc.add_term(std::string(kTitlePrefix) + t.form);
        doc.add_term(t.form);
        note_word(t, out);
    }
    Xapian::termpos base = pos + kFieldGap;
    analysis::Analysis body = analyzer.analyze(report.body);
    for (const auto& t : body.tokens) {
        doc.add_posting(std::string(kStemPrefix) + t.stem, base + t.position);
        doc.add_term(t.form);
        note_word(t, out);
    }

    if (!report.date.empty()) {
        doc.add_value(kSlotDateSort, date_sort_key(report.date));
        doc.add_value(kSlotDateMonth, report.date.substr(0, 7));
        doc.add_boolean_term(std::string(kDatePrefix) + report.date.substr(0, 4));
        if (report.date.size() >= 7) doc.add_boolean_term(std::string(kDatePrefix) + report.date.substr(0, 7));
    }
    doc.add_value(kSlotPath, abs_path);
    doc.add_value(kSlotSignature, signature);

    StoredReport stored{id, report.path, report.title, report.date, report.body, report.format};
    doc.set_data(serialize(stored));
    return out;
}

}  // namespace vigie::indexer
