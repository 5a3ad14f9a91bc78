#include "analyzers/entities/actor_catalogue.h"

#include <map>

#include "analyzers/entities/evidence.h"
#include "analyzers/entities/tsv.h"
#include "analyzers/word_list.h"

extern "C" const char vigie_actors_tsv[];
extern "C" const char vigie_actors_tsv_end[];

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

}  // namespace

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
}

bool ActorCatalogue::confirmed(std::uint32_t entity, const std::vector<bool>& evidence_found) const {
    for (const auto& entry : evidence_[entity]) {
        bool all = true;
        for (std::uint32_t id : entry) all = all && evidence_found[id];
        if (all) return true;
    }
    return false;
}

const ActorCatalogue& ActorCatalogue::builtin() {
    static const ActorCatalogue catalogue(
        std::string_view(vigie_actors_tsv, static_cast<std::size_t>(vigie_actors_tsv_end - vigie_actors_tsv)));
    return catalogue;
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
