// News-feed exports: one report per line, as a JSON object with id, title,
// date and body (and optional heading, url, author); gzip-compressed files
// are read as they are. A bad line is reported with its number; the others
// are indexed.
#include <zlib.h>

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
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

    // After the last piece: false when the data stops inside a member.
    bool complete() const { return ended_; }
    const std::string& error() const { return error_; }

private:
    std::string path_, error_;
    z_stream zs_{};
    bool started_ = false, ended_ = false;
    std::uint64_t inflated_ = 0;
    char buf_[1 << 16];
};

Expected<std::string> gunzip(const std::string& path, const std::string& bytes) {
    Gunzip gz(path);
    std::string out;
    if (!gz.feed(bytes, [&](std::string_view piece) { out.append(piece); })) return Error{gz.error()};
    if (!gz.complete()) return Error{path + ": truncated gzip file"};
    return out;
}

std::string string_field(const nlohmann::json& j, const char* name) {
    auto it = j.find(name);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
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
    r.key = string_field(j, "id");
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
    reports.push_back(std::move(r));
}

// Splits text given in pieces into lines, numbered from 1.
class LineSplitter {
public:
    template <typename F>
    void feed(std::string_view piece, F&& on_line) {
        buffer_.append(piece);
        std::size_t pos = 0, eol;
        while ((eol = buffer_.find('\n', pos)) != std::string::npos) {
            on_line(++line_no_, std::string_view(buffer_).substr(pos, eol - pos));
            pos = eol + 1;
        }
        buffer_.erase(0, pos);
    }
    template <typename F>
    void finish(F&& on_line) {
        if (!buffer_.empty()) on_line(++line_no_, std::string_view(buffer_));
        buffer_.clear();
    }

private:
    std::string buffer_;
    std::size_t line_no_ = 0;
};

}  // namespace

ReadResult read_jsonl(const std::string& path, const std::string& bytes, std::size_t max_report_bytes) {
    ReadResult out;
    std::string data;
    if (bytes.size() >= 2 && bytes[0] == '\x1f' && bytes[1] == '\x8b') {
        Expected<std::string> raw = gunzip(path, bytes);
        if (!raw) {
            out.failures.push_back({path, raw.error().message});
            return out;
        }
        data = std::move(*raw);
    } else {
        data = bytes;
    }
    LineSplitter lines;
    auto on_line = [&](std::size_t n, std::string_view line) {
        read_line(path, n, line, max_report_bytes, out.reports, out.failures);
    };
    lines.feed(data, on_line);
    lines.finish(on_line);
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
    LineSplitter lines;
    auto on_line = [&](std::size_t n, std::string_view line) {
        read_line(path, n, line, max_report_bytes, reports, failures);
        for (Report& r : reports) on_report(std::move(r));
        reports.clear();
    };
    std::string block(1 << 20, '\0');
    std::optional<Gunzip> gz;  // set when the file starts like gzip
    bool first = true;
    auto to_lines = [&](std::string_view piece) { lines.feed(piece, on_line); };
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
    lines.finish(on_line);
    return !in.bad();
}

}  // namespace vigie::indexer
