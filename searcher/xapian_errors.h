// What a Xapian failure means for the caller, shared by the searcher's
// files: its ErrorKind, and the words that mark a shard that did not answer.
#pragma once

#include <xapian.h>

#include "common/expected.h"

namespace vigie::searcher {

// In error messages: shard_unavailable() looks for it.
inline constexpr const char* kShardDown = "a shard did not answer: ";

ErrorKind xapian_kind(const Xapian::Error& e);

}  // namespace vigie::searcher
