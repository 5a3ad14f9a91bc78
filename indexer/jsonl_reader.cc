// News-feed exports: one report per line, as a JSON object with id, title,
// date and body (and optional heading, url, outlet, author); gzip-compressed files
// are read as they are. A bad line is reported with its number; the others
// are indexed.
#include <zlib.h>

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <optional>

#include "indexer/formats.h"
#include "indexer/text_cleaner.h"

namespace vigie::indexer {
namespace {

// Inflates gzip data given in pieces, concatenated members included.
class Gunzip {
public:
    explicit Gunzip(const std::string& path) : path_(path) {
        if (inflateInit2(&zs_, 16 + MAX_WBITS) != Z_OK) error_ = path + ": cannot start gzip decoding";
        else started_ = true;
    }
    ~Gunzip() {
        if (started_) inflateEnd(&zs_);
    }
    Gunzip(const Gunzip&) = delete;
    Gunzip& operator=(const Gunzip&) = delete;

    // Inflates `in`, handing the output to `out` piece by piece; false on
    // damaged data (error() says where).
    template <typename F>
    bool feed(std::string_view in, F&& out) {
        if (!started_) return false;
        zs_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
        zs_.avail_in = static_cast<uInt>(in.size());
        do {
            if (stopped_) return true;
            if (ended_ && zs_.avail_in > 0) {  // another member follows
                inflateReset(&zs_);
                ended_ = false;
            }
            zs_.next_out = reinterpret_cast<Bytef*>(buf_);
            zs_.avail_out = sizeof buf_;
            int rc = inflate(&zs_, Z_NO_FLUSH);
            if (rc == Z_BUF_ERROR && zs_.avail_in == 0) break;  // all taken; more input needed
            if (rc != Z_OK && rc != Z_STREAM_END) {
                error_ = path_ + ": damaged gzip data after " + std::to_string(inflated_) + " bytes";
                return false;
            }
            std::size_t made = sizeof buf_ - zs_.avail_out;
            inflated_ += made;
            if (made) out(std::string_view(buf_, made));
            ended_ = rc == Z_STREAM_END;
        } while (zs_.avail_in > 0 || zs_.avail_out == 0);
        return true;
    }

    // Called from `out`: inflate no more (the output is not wanted).
    void stop() { stopped_ = true; }

    // After the last piece: false when the data stops inside a member.
    bool complete() const { return ended_; }
    const std::string& error() const { return error_; }

private:
    std::string path_, error_;
    z_stream zs_{};
    bool started_ = false, ended_ = false, stopped_ = false;
    std::uint64_t inflated_ = 0;
    char buf_[1 << 16];
};

std::string string_field(const nlohmann::json& j, const char* name) {
    auto it = j.find(name);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The first of `names` holding a string; a list of strings (several
// authors) is joined with ", ".
std::string first_field(const nlohmann::json& j, std::initializer_list<const char*> names) {
    for (const char* name : names) {
        auto it = j.find(name);
        if (it == j.end()) continue;
        if (it->is_string() && !it->get<std::string>().empty()) return it->get<std::string>();
        if (!it->is_array()) continue;
        std::string joined;
        for (const auto& v : *it)
            if (v.is_string() && !v.get<std::string>().empty()) joined += (joined.empty() ? "" : ", ") + v.get<std::string>();
        if (!joined.empty()) return joined;
    }
    return {};
}

}  // namespace

namespace {

// One feed line: a report, or a failure naming path:line (nothing for a blank line).
void read_line(const std::string& path, std::size_t line_no, std::string_view line, std::size_t max_report_bytes,
               std::vector<Report>& reports, std::vector<Failure>& failures) {
    std::string where = path + ":" + std::to_string(line_no);
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) return;
    if (line.size() > max_report_bytes) {
        failures.push_back({where, where + ": line of " + std::to_string(line.size()) + " bytes, over the limit"});
        return;
    }
    std::string encoding;
    Expected<std::string> text = decode_text(where, std::string(line), &encoding);
    if (!text) {
        failures.push_back({where, text.error().message});
        return;
    }
    nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        failures.push_back({where, where + ": not a JSON object"});
        return;
    }
    Report r;
    r.path = path;
    r.format = "jsonl";
    r.encoding = encoding;
    r.line = line_no;
    // An id is a string or a number (kept as written: 42, not "line-2").
    auto id = j.find("id");
    if (id != j.end() && id->is_string()) r.key = id->get<std::string>();
    else if (id != j.end() && id->is_number()) r.key = id->dump();
    if (r.key.empty()) r.key = "line-" + std::to_string(line_no);
    std::string heading = string_field(j, "heading"), body = string_field(j, "body");
    if (body.empty()) body = string_field(j, "text");
    std::string full = heading.empty() ? body : heading + "\n\n" + body;
    CleanedText cleaned = clean_report_text(full);
    r.title = make_title(string_field(j, "title"));
    if (r.title.empty()) r.title = cleaned.title;
    r.body = std::move(cleaned.body);
    std::string date = string_field(j, "date");
    if (date.empty()) date = string_field(j, "published_time");
    r.date = date.empty() ? cleaned.date : parse_header_date(date);
    if (r.body.empty() && r.title.empty()) {
        failures.push_back({where, where + ": no title and no body"});
        return;
    }
    // Provenance: the outlet from its own field, else (schema::tidy) the URL's host.
    r.provenance.url = first_field(j, {"url", "link", "canonical_url"});
    r.provenance.outlet = first_field(j, {"outlet", "site_name", "publisher", "source"});
    r.provenance.author = first_field(j, {"author", "authors", "byline"});
    schema::tidy(r.provenance);
    r.duplicate_of = string_field(j, "duplicate_of");
    if (r.duplicate_of == r.key) r.duplicate_of.clear();
    reports.push_back(std::move(r));
}

// Splits text given in pieces into lines, numbered from 1. Each byte is
// searched for '\n' once (the part of the buffer already searched is not
// searched again), and a line over `max_line` bytes is not kept: the bytes
// up to its end are dropped as they come and `on_long(line, bytes)` is
// called, so that a feed without newlines, or a gzip bomb, is read in
// linear time and bounded memory (issue 15, case 14).
class LineSplitter {
public:
    explicit LineSplitter(std::size_t max_line) : max_line_(max_line) {}

    template <typename F, typename L>
    void feed(std::string_view piece, F&& on_line, L&& on_long) {
        while (!piece.empty()) {
            std::size_t eol = piece.find('\n');
            std::string_view head = piece.substr(0, eol == std::string_view::npos ? piece.size() : eol);
            if (long_) {
                long_bytes_ += head.size();
            } else if (buffer_.size() + head.size() > max_line_) {
                long_ = true;
                long_bytes_ = buffer_.size() + head.size();
                buffer_.clear();
                buffer_.shrink_to_fit();
            } else {
                buffer_.append(head);
            }
            if (eol == std::string_view::npos) return;
            end_line(on_line, on_long);
            piece.remove_prefix(eol + 1);
        }
    }
    template <typename F, typename L>
    void finish(F&& on_line, L&& on_long) {
        if (!buffer_.empty() || long_) end_line(on_line, on_long);
    }

private:
    template <typename F, typename L>
    void end_line(F&& on_line, L&& on_long) {
        ++line_no_;
        if (long_) on_long(line_no_, long_bytes_);
        else on_line(line_no_, std::string_view(buffer_));
        buffer_.clear();
        long_ = false;
        long_bytes_ = 0;
    }

    std::size_t max_line_;
    std::string buffer_;
    std::size_t line_no_ = 0;
    bool long_ = false;
    std::uint64_t long_bytes_ = 0;
};

void too_long(const std::string& path, std::size_t line_no, std::uint64_t bytes, std::vector<Failure>& failures) {
    std::string where = path + ":" + std::to_string(line_no);
    failures.push_back({where, where + ": line of " + std::to_string(bytes) + " bytes, over the limit"});
}

}  // namespace

ReadResult read_jsonl(const std::string& path, const std::string& bytes, std::size_t max_report_bytes) {
    ReadResult out;
    LineSplitter lines(max_report_bytes);
    auto on_line = [&](std::size_t n, std::string_view line) {
        read_line(path, n, line, max_report_bytes, out.reports, out.failures);
    };
    auto on_long = [&](std::size_t n, std::uint64_t bytes) { too_long(path, n, bytes, out.failures); };
    if (bytes.size() >= 2 && bytes[0] == '\x1f' && bytes[1] == '\x8b') {
        // Inflated piece by piece into lines, never whole: a gzip bomb is cut
        // once it inflates past what a file of reports read at once may hold
        // (a feed named .jsonl.gz is read as a stream instead, any size).
        const std::uint64_t cap = 16 * static_cast<std::uint64_t>(max_report_bytes);
        std::uint64_t inflated = 0;
        bool over = false;
        Gunzip gz(path);
        bool ok = gz.feed(bytes, [&](std::string_view piece) {
            inflated += piece.size();
            if (inflated > cap) {
                over = true;
                gz.stop();
            } else {
                lines.feed(piece, on_line, on_long);
            }
        });
        if (over) {
            out.reports.clear();
            out.failures.push_back({path, path + ": gzip data inflating to over " + std::to_string(cap) +
                                              " bytes; name the feed .jsonl.gz to read it as a stream"});
            return out;
        }
        if (!ok || !gz.complete()) {
            out.failures.push_back({path, ok ? path + ": truncated gzip file" : gz.error()});
            return out;
        }
    } else {
        lines.feed(bytes, on_line, on_long);
    }
    lines.finish(on_line, on_long);
    return out;
}

bool stream_jsonl(const std::string& path, std::size_t max_report_bytes,
                  const std::function<void(Report&&)>& on_report, std::vector<Failure>& failures) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        failures.push_back({path, path + ": cannot open: " + std::strerror(errno)});
        return false;
    }
    std::vector<Report> reports;
    LineSplitter lines(max_report_bytes);
    auto on_line = [&](std::size_t n, std::string_view line) {
        read_line(path, n, line, max_report_bytes, reports, failures);
        for (Report& r : reports) on_report(std::move(r));
        reports.clear();
    };
    std::string block(1 << 20, '\0');
    std::optional<Gunzip> gz;  // set when the file starts like gzip
    bool first = true;
    auto on_long = [&](std::size_t n, std::uint64_t bytes) { too_long(path, n, bytes, failures); };
    auto to_lines = [&](std::string_view piece) { lines.feed(piece, on_line, on_long); };
    while (in) {
        in.read(block.data(), static_cast<std::streamsize>(block.size()));
        std::string_view got(block.data(), static_cast<std::size_t>(in.gcount()));
        if (got.empty()) break;
        if (first) {
            first = false;
            if (got.size() >= 2 && got[0] == '\x1f' && got[1] == '\x8b') gz.emplace(path);
        }
        if (!gz) {
            to_lines(got);
        } else if (!gz->feed(got, to_lines)) {
            failures.push_back({path, gz->error()});
            return false;
        }
    }
    if (in.bad()) failures.push_back({path, path + ": read error"});
    if (gz && !gz->complete()) {
        failures.push_back({path, path + ": truncated gzip file"});
        return false;
    }
    lines.finish(on_line, on_long);
    return !in.bad();
}

}  // namespace vigie::indexer
