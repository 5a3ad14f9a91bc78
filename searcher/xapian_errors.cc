#include "searcher/xapian_errors.h"

#include <string_view>

namespace vigie::searcher {

ErrorKind xapian_kind(const Xapian::Error& e) {
    // Xapian::Error is not polymorphic: its type is told by name.
    std::string_view type = e.get_type();
    if (type == "DatabaseCorruptError" || type == "DatabaseVersionError") return ErrorKind::kCorruption;
    if (type == "DatabaseModifiedError" || type == "DatabaseLockError" || type.find("Network") != std::string_view::npos ||
        type.find("Timeout") != std::string_view::npos)
        return ErrorKind::kUnavailable;
    return ErrorKind::kIo;
}

}  // namespace vigie::searcher
