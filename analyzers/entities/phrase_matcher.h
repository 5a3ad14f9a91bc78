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

class PhraseMatcher {
public:
    PhraseMatcher();
    ~PhraseMatcher();
    PhraseMatcher(PhraseMatcher&&) noexcept;

    // Adds `name` (free text, analysed with `analyzer`) for `entity`.
    // Several entities may share a name: all are returned for it.
    void add(analysis::FrenchAnalyzer& analyzer, std::string_view name, std::uint32_t entity,
             std::uint32_t flags);

    // Longest non-overlapping matches, in text order. Every entity sharing
    // the longest name at a position is returned (same first/last).
    std::vector<Match> find(const std::vector<TokenKeys>& tokens) const;

private:
    struct Node;
    std::unique_ptr<Node> root_;
};

}  // namespace vigie::entities
