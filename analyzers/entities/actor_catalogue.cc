#include "analyzers/entities/actor_catalogue.h"

#include <cstring>
#include <map>

#include "analyzers/entities/evidence.h"
#include "analyzers/entities/tsv.h"
#include "analyzers/word_list.h"


namespace vigie::entities {
namespace {

std::size_t capitals(std::string_view s) {
    std::size_t n = 0;
    for (char c : s) n += c >= 'A' && c <= 'Z';
    return n;
}

// kAcronym for a one-word name written with two capitals or more.
std::uint32_t acronym_flag(std::string_view name) {
    return capitals(name) >= 2 && name.find(' ') == std::string_view::npos ? ActorCatalogue::kAcronym : 0;
}

// The compiled form (docs/entity-tables.md): the magic, then little-endian
// u32 and strings (a u32 length, then the bytes): the number of actors and
// of evidence phrases; per actor its id, label, type, affiliation, label
// words, unambiguous aliases (a count, then the strings) and evidence entries (a count, then per entry a count and the
// phrase ids); then the name matcher and the evidence matcher, each a string
// holding its flat form (phrase_matcher.h).
constexpr std::string_view kMagic = "VACTORS2";

void put_u32(std::string& out, std::uint32_t v) {
    char b[4];
    std::memcpy(b, &v, 4);
    out.append(b, 4);
}

void put_string(std::string& out, std::string_view s) {
    put_u32(out, static_cast<std::uint32_t>(s.size()));
    out += s;
}

// Reads what put_u32 and put_string wrote; ok() false once past the end.
struct Reader {
    std::string_view in;
    bool failed = false;
    std::uint32_t u32() {
        if (in.size() < 4) return failed = true, 0;
        std::uint32_t v;
        std::memcpy(&v, in.data(), 4);
        in.remove_prefix(4);
        return v;
    }
    std::string_view string() {
        std::uint32_t n = u32();
        if (in.size() < n) return failed = true, std::string_view();
        std::string_view s = in.substr(0, n);
        in.remove_prefix(n);
        return s;
    }
};

}  // namespace

ActorCatalogue::ActorCatalogue(Compiled, std::string_view compiled) { load(compiled); }

void ActorCatalogue::load(std::string_view compiled) {
    if (compiled.substr(0, kMagic.size()) != kMagic) return;
    Reader r{compiled.substr(kMagic.size())};
    std::uint32_t n = r.u32();
    std::uint32_t phrases = r.u32();
    std::vector<Actor> actors;
    std::vector<std::vector<std::vector<std::uint32_t>>> evidence;
    std::vector<std::string> label_words;
    for (std::uint32_t i = 0; i < n && !r.failed; ++i) {
        Actor a;
        a.id = r.string();
        a.label = r.string();
        a.type = r.string();
        a.affiliation = r.string();
        label_words.emplace_back(r.string());
        std::uint32_t aliases = r.u32();
        for (std::uint32_t k = 0; k < aliases && !r.failed; ++k) a.aliases.emplace_back(r.string());
        std::vector<std::vector<std::uint32_t>> entries(r.u32());
        for (auto& entry : entries) {
            entry.resize(r.u32());
            for (auto& id : entry) id = r.u32();
            if (r.failed) break;
        }
        actors.push_back(std::move(a));
        evidence.push_back(std::move(entries));
    }
    std::string_view names = r.string(), evidence_names = r.string();
    if (r.failed || !r.in.empty()) return;
    actors_ = std::move(actors);
    evidence_ = std::move(evidence);
    label_words_ = std::move(label_words);
    evidence_phrases_ = phrases;
    by_id_.clear();
    for (std::size_t i = 0; i < actors_.size(); ++i) by_id_.emplace(actors_[i].id, i);
    matcher_ = PhraseMatcher(names);
    evidence_matcher_ = PhraseMatcher(evidence_names);
    blob_ = compiled;
}

ActorCatalogue::ActorCatalogue(std::string_view tsv) {
    TsvTable table(tsv);
    analysis::FrenchAnalyzer analyzer;
    for (std::size_t r = 0; r < table.size(); ++r) {
        Actor a{std::string(table.get(r, "id")), std::string(table.get(r, "label")),
                std::string(table.get(r, "type")), std::string(table.get(r, "affiliation")), {}};
        if (a.id.empty() || by_id_.count(a.id)) continue;
        auto index = static_cast<std::uint32_t>(actors_.size());
        by_id_[a.id] = index;
        // The label minus a trailing "(ACRONYM)" is a name too.
        std::string label = a.label;
        if (auto paren = label.find(" ("); paren != std::string::npos) {
            matcher_.add(analyzer, label.substr(0, paren), index, 0);
            std::string inner = label.substr(paren + 2);
            if (!inner.empty() && inner.back() == ')') inner.pop_back();
            matcher_.add(analyzer, inner, index, acronym_flag(inner));
        } else {
            matcher_.add(analyzer, label, index, acronym_flag(label));
        }
        for (const std::string& alias : split(table.get(r, "aliases"), '|')) {
            bool ambiguous = alias[0] == '?';
            std::string_view name = ambiguous ? std::string_view(alias).substr(1) : std::string_view(alias);
            matcher_.add(analyzer, name, index, (ambiguous ? kAmbiguous : 0) | acronym_flag(name));
            if (!ambiguous) a.aliases.emplace_back(name);
        }
        // Evidence for the '?' aliases: '|'-separated entries, each of
        // '+'-joined phrases that must all be in the report.
        std::vector<std::vector<std::uint32_t>> entries;
        std::map<std::string, std::uint32_t> phrase_ids;
        for (const std::string& entry : split(table.get(r, "evidence"), '|')) {
            std::vector<std::uint32_t> ids;
            for (const std::string& phrase : split(entry, '+')) {
                if (phrase.empty()) continue;
                auto [it, fresh] = phrase_ids.try_emplace(phrase, evidence_phrases_);
                if (fresh) evidence_matcher_.add(analyzer, phrase, evidence_phrases_++, 0);
                ids.push_back(it->second);
            }
            if (!ids.empty()) entries.push_back(std::move(ids));
        }
        evidence_.push_back(std::move(entries));
        std::string words = " ";
        for (const auto& t : analyzer.analyze(a.label).tokens) words += t.folded + " ";
        label_words_.push_back(std::move(words));
        actors_.push_back(std::move(a));
    }
    // Compiled and read back, as builtin() reads it: one form to match with.
    std::string out(kMagic);
    put_u32(out, static_cast<std::uint32_t>(actors_.size()));
    put_u32(out, evidence_phrases_);
    for (std::size_t i = 0; i < actors_.size(); ++i) {
        const Actor& a = actors_[i];
        for (std::string_view s : {std::string_view(a.id), std::string_view(a.label), std::string_view(a.type),
                                    std::string_view(a.affiliation), std::string_view(label_words_[i])})
            put_string(out, s);
        put_u32(out, static_cast<std::uint32_t>(a.aliases.size()));
        for (const std::string& alias : a.aliases) put_string(out, alias);
        put_u32(out, static_cast<std::uint32_t>(evidence_[i].size()));
        for (const auto& entry : evidence_[i]) {
            put_u32(out, static_cast<std::uint32_t>(entry.size()));
            for (std::uint32_t id : entry) put_u32(out, id);
        }
    }
    std::string m;
    matcher_.serialize(m);
    put_string(out, m);
    m.clear();
    evidence_matcher_.serialize(m);
    put_string(out, m);
    owned_ = std::move(out);
    load(owned_);
}

bool ActorCatalogue::confirmed(std::uint32_t entity, const std::vector<bool>& evidence_found) const {
    for (const auto& entry : evidence_[entity]) {
        bool all = true;
        for (std::uint32_t id : entry) all = all && evidence_found[id];
        if (all) return true;
    }
    return false;
}

const Actor* ActorCatalogue::find(std::string_view id) const {
    auto it = by_id_.find(std::string(id));
    return it == by_id_.end() ? nullptr : &actors_[it->second];
}

std::vector<ActorMention> ActorCatalogue::recognise(const std::vector<TokenKeys>& tokens, std::vector<bool>* covered,
                                                    const analysis::Analysis* analysis) const {
    // "Richard Wagner": a first name that is not the actor's own, right before
    // a one-word alias, makes it another person's name.
    auto other_persons_name = [&](const Match& m) {
        if (!analysis || m.first != m.last || m.first == 0) return false;
        const auto& t = analysis->tokens;
        std::size_t before = m.first - 1;
        if (!evidence::joined(analysis->text, t, before, m.first) || !tokens[before].capitalized) return false;
        if (!analysis::WordList::first_names().contains(t[before].folded)) return false;
        return label_words_[m.entity].find(" " + t[before].folded + " ") == std::string::npos;
    };
    std::vector<bool> evidence_found(evidence_phrases_, false);
    if (evidence_phrases_ > 0)
        for (const Match& m : evidence_matcher_.find(tokens)) evidence_found[m.entity] = true;

    std::map<std::uint32_t, std::size_t> sure, maybe;
    std::vector<Match> maybe_matches;
    // Acronyms written without their capitals ("Aqmi", "Minusma", "Fama"),
    // counted in `maybe` below when the report names another organisation
    // or force of the catalogue for sure: the context of a report on armed
    // groups and missions, not of a dance show called "Fama revolution".
    std::map<std::uint32_t, std::size_t> lowered_counts;
    std::vector<Match> lowered_matches;
    for (const Match& m : matcher_.find(tokens)) {
        if (other_persons_name(m)) continue;
        // An acronym written without its capitals ("Fama") may be a word or
        // a name: it counts like a '?' alias, with evidence only.
        bool lowered = (m.flags & kAcronym) && analysis && capitals(analysis->tokens[m.first].surface) < 2;
        // A name shared by several actors with no ambiguity mark is kept for
        // each; marked ones wait for evidence.
        if (lowered) {
            lowered_counts[m.entity]++;
            lowered_matches.push_back(m);
            continue;
        }
        if (m.flags & kAmbiguous) {
            maybe[m.entity]++;
            maybe_matches.push_back(m);
            continue;
        }
        sure[m.entity]++;
        if (covered)
            for (std::size_t i = m.first; i <= m.last; ++i) (*covered)[i] = true;
    }
    bool organisations = false;
    for (const auto& [entity, n] : sure) organisations = organisations || actors_[entity].type != "person";
    if (organisations) {
        for (const auto& [entity, n] : lowered_counts) {
            maybe[entity] += n;
            sure.try_emplace(entity, 0);  // vouched for by the context, like a sure mention
        }
        maybe_matches.insert(maybe_matches.end(), lowered_matches.begin(), lowered_matches.end());
    }
    std::map<std::uint32_t, std::size_t> counts = sure;
    for (const auto& [entity, n] : maybe) {
        if (!sure.count(entity) && !confirmed(entity, evidence_found)) continue;
        counts[entity] += n;
    }
    if (covered)
        for (const Match& m : maybe_matches)
            if (counts.count(m.entity))
                for (std::size_t i = m.first; i <= m.last; ++i) (*covered)[i] = true;
    std::vector<ActorMention> out;
    for (const auto& [entity, n] : counts) out.push_back({actors_[entity].id, n});
    return out;
}

std::vector<std::string> ActorCatalogue::aliases_in(const std::vector<TokenKeys>& tokens) const {
    std::vector<std::string> out;
    for (const Match& m : matcher_.find(tokens))
        if (!(m.flags & kAmbiguous) && m.first == 0 && m.last + 1 == tokens.size())
            out.push_back(actors_[m.entity].id);
    return out;
}

}  // namespace vigie::entities
