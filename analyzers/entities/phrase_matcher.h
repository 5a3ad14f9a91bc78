// PhraseMatcher: finds names (sequences of analysed words) in a token
// stream, longest match first, left to right, without overlaps.
//
// A name's word written with a capital in the data ("Wagner", "FAMa",
// "Ségou") must appear with the same accent-free spelling; a word written in
// lower case ("soldats", "maliens", "armée") matches any inflection of it
// (same accent-free Snowball stem). So "soldats maliens" also finds "soldat
// malien", while "Mali" never matches "mal".
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyzers/french_analyzer.h"

namespace vigie::entities {

struct TokenKeys {
    std::string exact;  // "F" + accent-free form
    std::string stem;   // "S" + accent-free stem
    bool capitalized;   // the surface starts with an upper-case letter
};

std::vector<TokenKeys> token_keys(const std::vector<analysis::AnalyzedToken>& tokens);

struct Match {
    std::uint32_t entity;   // caller's index
    std::uint32_t flags;    // caller's flags for this name
    std::size_t first, last;  // token indexes, inclusive
};

// Built with add(), then frozen into a flat form (docs/entity-tables.md):
// sorted arrays that are searched in place, so a matcher compiled at build
// time is read from the binary without being rebuilt.
class PhraseMatcher {
public:
    PhraseMatcher();
    ~PhraseMatcher();
    PhraseMatcher(PhraseMatcher&&) noexcept;
    PhraseMatcher& operator=(PhraseMatcher&&) noexcept;
    // A matcher over the flat form `flat` (as serialize() writes it), which
    // must stay alive; a form that does not hold together gives an empty one.
    explicit PhraseMatcher(std::string_view flat);

    // Adds `name` (free text, analysed with `analyzer`) for `entity`.
    // Several entities may share a name: all are returned for it.
    void add(analysis::FrenchAnalyzer& analyzer, std::string_view name, std::uint32_t entity,
             std::uint32_t flags);

    // Longest non-overlapping matches, in text order. Every entity sharing
    // the longest name at a position is returned (same first/last).
    std::vector<Match> find(const std::vector<TokenKeys>& tokens) const;

    // Appends the flat form of the names added so far to `out`.
    void serialize(std::string& out) const;

private:
    struct Node;
    struct Flat;
    std::vector<Match> find_flat(const std::vector<TokenKeys>& tokens) const;
    std::unique_ptr<Node> root_;  // while names are added
    std::unique_ptr<Flat> flat_;  // read in place
};

}  // namespace vigie::entities
