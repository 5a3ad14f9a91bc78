// Query-string parameters of /api/search, checked one by one: a bad one
// is reported by name, for an HTTP 400 {"error", "parameter"}.
#pragma once

#include <httplib.h>

#include <initializer_list>
#include <optional>
#include <string>

#include "common/expected.h"
#include "searcher/searcher.h"

namespace vigie::server {

inline constexpr std::size_t kMaxQueryBytes = 1000;
inline constexpr unsigned kMaxLimit = 100;

struct BadParameter {
    std::string parameter, error;
};

// Fills `out` from the request, or names the first bad parameter.
std::optional<BadParameter> parse_search(const httplib::Request& req, searcher::SearchRequest& out);

// count=stories|reports: what facet counts count (docs/duplicates.md).
std::optional<BadParameter> parse_count(const httplib::Request& req, searcher::SearchRequest& out);

// event_from and event_to (also for /api/facets), each a date that exists,
// from not after to.
std::optional<BadParameter> parse_event_dates(const httplib::Request& req, searcher::SearchRequest& out);

// Checks that only `allowed` parameters are present, each at most once
// unless listed in `repeatable`.
std::optional<BadParameter> check_names(const httplib::Request& req, std::initializer_list<const char*> allowed,
                                        std::initializer_list<const char*> repeatable = {});

// A whole number in [0, max] when `name` is given; `out` unchanged when not.
std::optional<BadParameter> whole_number(const httplib::Request& req, const char* name, unsigned max, unsigned& out);

}  // namespace vigie::server
