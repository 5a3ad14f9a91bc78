#include "indexer/document_builder.h"

#include <algorithm>

#include "analyzers/entities/person_finder.h"
#include "analyzers/entity_extractor.h"
#include "analyzers/lexicon.h"
#include "analyzers/name_rule.h"
#include "indexer/bounded.h"
#include "indexer/duplicates.h"
#include "schema/event_terms.h"
#include "schema/schema.h"

namespace vigie::indexer {
namespace {

// Title words also go into the body field, before it, so that a plain query
// ranks a title match higher; a gap keeps phrases from spanning the two.
constexpr Xapian::termpos kFieldGap = 100;

// The terms of one word occurrence (docs/index-format.md, "Terms"): its
// folded spelling with its position, for names and quoted phrases; its lemma
// without position, unless the occurrence is a name; the evidence that the
// word is written with a capital inside a sentence.
void add_word(const analysis::AnalyzedToken& t, Xapian::termpos pos, const std::string& field,
              Xapian::Document& doc) {
    using namespace schema;
    // A "word" longer than any term Xapian takes (a run of letters with no
    // space) is not searchable as a word anyway: it is left out, not cut,
    // so that it never matches a word it is not.
    if (t.folded.size() + 4 > kMaxTermBytes || t.stem.size() + 4 > kMaxTermBytes) return;
    doc.add_posting(field + t.folded, pos);
    if (t.stop || t.number) return;
    bool name = analysis::NameRule::name_occurrence(t, false);
    if (!name && (t.lexicon & analysis::Lexicon::kCommon))
        doc.add_term(std::string(kStemPrefix) + field + t.stem);
    if (field.empty() && (t.lexicon & analysis::Lexicon::kCommon) && analysis::NameRule::capital_evidence(t))
        doc.add_boolean_term(std::string(kCapitalPrefix) + t.folded);
}

void note_word(const analysis::AnalyzedToken& t, BuiltDocument& out) {
    if (!t.number && !t.stop && t.folded.size() >= 2 && t.folded.size() + 4 <= kMaxTermBytes)
        out.spellings.insert(t.folded);
}

// Actors and places a format declares (Markdown front matter) count like
// mentions, resolved by id, alias or label like query prefixes are.
void add_declared_entities(const Report& report, analysis::FrenchAnalyzer& analyzer, entities::ReportEntities& found) {
    const auto& catalogue = entities::ActorCatalogue::builtin();
    const auto& gazetteer = entities::Gazetteer::builtin();
    for (const std::string& name : report.actors) {
        auto tokens = analyzer.analyze(name).tokens;
        if (tokens.empty()) continue;
        std::vector<std::string> ids = catalogue.aliases_in(entities::token_keys(tokens));
        // A declared name may be any length: its id is bounded (terms and
        // metadata keys are made of it).
        std::string slug = bounded_id(entities::person_id(tokens, 0, tokens.size() - 1));
        if (ids.empty()) ids.push_back(slug);  // a catalogue id, or a person's name
        for (const std::string& id : ids) {
            auto known = std::find_if(found.actors.begin(), found.actors.end(), [&](const auto& a) { return a.id == id; });
            if (known != found.actors.end()) {
                known->count++;
            } else if (const entities::Actor* a = catalogue.find(id)) {
                found.actors.push_back({a->id, a->label, a->type, 1});
            } else {
                found.actors.push_back({id, name, "person", 1});
            }
        }
    }
    for (const std::string& name : report.places) {
        auto tokens = analyzer.analyze(name).tokens;
        if (tokens.empty()) continue;
        std::vector<std::string> ids = gazetteer.named(entities::token_keys(tokens));
        if (ids.empty()) continue;
        std::string id = ids.front();  // the data's first homonym: a front matter should use ids for others
        for (const std::string& up : gazetteer.lineage(id)) {
            auto known = std::find_if(found.places.begin(), found.places.end(), [&](const auto& p) { return p.id == up; });
            if (known == found.places.end()) found.places.push_back({up, up == id ? 1u : 0u});
            else if (up == id) known->count++;
        }
    }
}

}  // namespace

BuiltDocument build_document(const Report& report, const std::string& id,
                             const std::string& abs_path, const std::string& signature,
                             analysis::FrenchAnalyzer& analyzer) {
    using namespace schema;
    BuiltDocument out;
    Xapian::Document& doc = out.document;
    doc.add_boolean_term(std::string(kIdPrefix) + id);
    if (!report.format.empty()) doc.add_boolean_term(std::string(kFormatPrefix) + report.format);

    Xapian::termpos pos = 0;
    analysis::Analysis title = analyzer.analyze(report.title);
    for (const auto& t : title.tokens) {
        pos = t.position;
        add_word(t, pos, std::string(kTitlePrefix), doc);
        add_word(t, pos, std::string(), doc);
        note_word(t, out);
    }
    Xapian::termpos base = pos + kFieldGap;
    analysis::Analysis body = analyzer.analyze(report.body);
    for (const auto& t : body.tokens) {
        add_word(t, base + t.position, std::string(), doc);
        note_word(t, out);
    }

    // Entities: weighted terms (wdf = mentions) so that a query naming an
    // actor ranks reports by how much they speak of it; packed slots for
    // the facet counts; ids in the document data for display.
    entities::ReportEntities found = entities::extract_entities(body, report.date);
    add_declared_entities(report, analyzer, found);
    for (auto& a : found.actors) a.id = bounded_id(a.id);  // persons found in the text too
    std::sort(found.actors.begin(), found.actors.end(),
              [](const auto& a, const auto& b) { return a.count != b.count ? a.count > b.count : a.id < b.id; });
    std::vector<std::string> actor_ids, place_ids, named_places;  // named_places: for display, named first
    for (const auto& a : found.actors) {
        doc.add_term(std::string(kActorPrefix) + a.id, static_cast<Xapian::termcount>(a.count));
        actor_ids.push_back(a.id);
        if (a.type == "person" && !entities::ActorCatalogue::builtin().find(a.id))
            out.person_labels.emplace_back(a.id, a.label);
    }
    std::sort(found.places.begin(), found.places.end(),
              [](const auto& a, const auto& b) { return a.count != b.count ? a.count > b.count : a.id < b.id; });
    for (const auto& p : found.places) {
        doc.add_term(std::string(kPlacePrefix) + p.id, static_cast<Xapian::termcount>(p.count));
        place_ids.push_back(p.id);
        if (p.count > 0) named_places.push_back(p.id);
    }
    for (const auto& p : found.places) {
        if (p.count == 0) named_places.push_back(p.id);  // parents after the places named
    }
    doc.add_value(kSlotActors, pack_ids(actor_ids));
    doc.add_value(kSlotPlaces, pack_ids(place_ids));

    if (!report.date.empty()) {
        doc.add_value(kSlotDateSort, date_sort_key(report.date));
        doc.add_value(kSlotDateMonth, report.date.substr(0, 7));
        doc.add_boolean_term(std::string(kDatePrefix) + report.date.substr(0, 4));
        if (report.date.size() >= 7) doc.add_boolean_term(std::string(kDatePrefix) + report.date.substr(0, 7));
    }
    doc.add_value(kSlotPath, abs_path);
    doc.add_value(kSlotSignature, signature);
    // Alone in its group until the grouping pass (group_duplicates) says otherwise.
    doc.add_value(kSlotFingerprint, encode(fingerprint(report.title, report.body, id, report.duplicate_of)));
    doc.add_value(kSlotGroup, id);

    StoredReport stored{id, report.path, report.title, report.date, report.body, report.format,
                        actor_ids, named_places, {}, {}, report.provenance};
    for (const auto& m : found.mentioned) {
        stored.mentioned.emplace_back(m.text, m.value);
        for (const std::string& term : event_terms(m.value)) doc.add_boolean_term(term);
    }
    stored.pages = report.pages;
    doc.set_data(serialize(stored));
    return out;
}

}  // namespace vigie::indexer
