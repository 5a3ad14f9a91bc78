#include "indexer/report_reader.h"

#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

#include "indexer/text_cleaner.h"

namespace vigie::indexer {

bool is_valid_utf8(const std::string& bytes) {
    int32_t i = 0, n = static_cast<int32_t>(bytes.size());
    while (i < n) {
        UChar32 c;
        U8_NEXT(bytes.data(), i, n, c);
        if (c < 0) return false;
    }
    return true;
}

void ContentHasher::update(std::string_view bytes) {
    for (unsigned char c : bytes) {
        h_ ^= c;
        h_ *= 1099511628211ULL;
    }
}

std::string ContentHasher::hex() const {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h_));
    return buf;
}

std::string content_hash(const std::string& bytes) {
    ContentHasher h;
    h.update(bytes);
    return h.hex();
}

Expected<std::string> hash_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{path + ": cannot open: " + std::strerror(errno)};
    ContentHasher h;
    std::string block(1 << 20, '\0');
    while (in) {
        in.read(block.data(), static_cast<std::streamsize>(block.size()));
        h.update(std::string_view(block.data(), static_cast<std::size_t>(in.gcount())));
    }
    if (in.bad()) return Error{path + ": read error"};
    return h.hex();
}

Expected<std::string> read_file(const std::string& path, std::uint64_t max_bytes) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) return Error{path + ": " + std::strerror(errno)};
    if (S_ISDIR(st.st_mode)) return Error{path + ": is a directory"};
    if (!S_ISREG(st.st_mode)) return Error{path + ": not a regular file"};
    if (static_cast<std::uint64_t>(st.st_size) > max_bytes)
        return Error{path + ": file is " + std::to_string(st.st_size) + " bytes, over the " +
                     std::to_string(max_bytes) + "-byte limit"};
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{path + ": cannot open: " + std::strerror(errno)};
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) return Error{path + ": read error"};
    return ss.str();
}

Expected<std::string> decode_text(const std::string& path, const std::string& bytes, std::string* encoding) {
    if (bytes.find('\0') != std::string::npos)
        return Error{path + ": binary content (NUL bytes), not a text report"};
    if (is_valid_utf8(bytes)) {
        if (encoding) *encoding = "utf-8";
        return bytes;
    }
    std::string text;
    icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), "windows-1252");
    u.toUTF8String(text);
    if (encoding) *encoding = "windows-1252";
    return text;
}

Expected<Report> read_text_report(const std::string& path, const std::string& bytes) {
    Report r;
    r.path = path;
    r.format = "txt";
    Expected<std::string> text = decode_text(path, bytes, &r.encoding);
    if (!text) return text.error();
    CleanedText cleaned = clean_report_text(*text);
    if (cleaned.body.empty() && cleaned.title.empty()) return Error{path + ": empty report (no text)"};
    r.title = std::move(cleaned.title);
    r.body = std::move(cleaned.body);
    r.date = std::move(cleaned.date);
    return r;
}

}  // namespace vigie::indexer
