// Errors as values at library boundaries: Expected<T> holds a T or an Error
// whose message names what was wrong (a path, a parameter) and why.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace vigie {

// What kind of failure, as LevelDB's Status: decides the CLI's exit status
// and the HTTP status in one place (cli/, server/), not at each caller.
enum class ErrorKind {
    kInvalidArgument,  // the caller's input is wrong: a bad option, query field, file content
    kNotFound,         // no such index, report or file
    kUnavailable,      // try again later: index being written, shard down, over budget
    kIo,               // the system failed: disk full, permission, read error
    kCorruption,       // what is on disk is not what Vigie wrote
};

struct Error {
    std::string message;
    ErrorKind kind = ErrorKind::kInvalidArgument;
};

// The name of a kind, for logs and JSON ("invalid_argument", "not_found", ...).
inline const char* kind_name(ErrorKind k) {
    switch (k) {
        case ErrorKind::kInvalidArgument: return "invalid_argument";
        case ErrorKind::kNotFound: return "not_found";
        case ErrorKind::kUnavailable: return "unavailable";
        case ErrorKind::kIo: return "io";
        case ErrorKind::kCorruption: return "corruption";
    }
    return "invalid_argument";
}

template <typename T>
class [[nodiscard]] Expected {
public:
    Expected(T value) : v_(std::move(value)) {}
    Expected(Error error) : v_(std::move(error)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() { return std::get<0>(v_); }
    const T& value() const { return std::get<0>(v_); }
    T& operator*() { return value(); }
    T* operator->() { return &value(); }
    const Error& error() const { return std::get<1>(v_); }

private:
    std::variant<T, Error> v_;
};

}  // namespace vigie
