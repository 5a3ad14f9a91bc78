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

#include "indexer/formats.h"
#include "indexer/text_cleaner.h"

namespace vigie::indexer {
namespace {

Expected<std::string> gunzip(const std::string& path, const std::string& bytes) {
    z_stream zs{};
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) return Error{path + ": cannot start gzip decoding"};
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    zs.avail_in = static_cast<uInt>(bytes.size());
    std::string out;
    char buf[1 << 16];
    int rc;
    do {
        zs.next_out = reinterpret_cast<Bytef*>(buf);
        zs.avail_out = sizeof buf;
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            inflateEnd(&zs);
            return Error{path + ": damaged gzip data after " + std::to_string(out.size()) + " bytes"};
        }
        out.append(buf, sizeof buf - zs.avail_out);
        // Concatenated gzip members: go on with the next one.
        if (rc == Z_STREAM_END && zs.avail_in > 0) {
            inflateReset(&zs);
            rc = Z_OK;
        }
    } while (rc != Z_STREAM_END && (zs.avail_in > 0 || zs.avail_out == 0));
    inflateEnd(&zs);
    if (rc != Z_STREAM_END) return Error{path + ": truncated gzip file"};
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
    std::string block(1 << 20, '\0'), out(1 << 18, '\0');
    z_stream zs{};
    bool gzip = false, first = true, ended = false;
    std::uint64_t inflated = 0;
    int rc = Z_OK;
    while (in) {
        in.read(block.data(), static_cast<std::streamsize>(block.size()));
        std::size_t got = static_cast<std::size_t>(in.gcount());
        if (got == 0) break;
        if (first) {
            first = false;
            gzip = got >= 2 && block[0] == '\x1f' && block[1] == '\x8b';
            if (gzip && inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) {
                failures.push_back({path, path + ": cannot start gzip decoding"});
                return false;
            }
        }
        if (!gzip) {
            lines.feed(std::string_view(block.data(), got), on_line);
            continue;
        }
        zs.next_in = reinterpret_cast<Bytef*>(block.data());
        zs.avail_in = static_cast<uInt>(got);
        while (zs.avail_in > 0) {
            if (ended) {  // another gzip member follows (concatenated feeds)
                inflateReset(&zs);
                ended = false;
            }
            zs.next_out = reinterpret_cast<Bytef*>(out.data());
            zs.avail_out = static_cast<uInt>(out.size());
            rc = inflate(&zs, Z_NO_FLUSH);
            if (rc != Z_OK && rc != Z_STREAM_END) {
                inflateEnd(&zs);
                failures.push_back({path, path + ": damaged gzip data after " + std::to_string(inflated) + " bytes"});
                return false;
            }
            std::size_t made = out.size() - zs.avail_out;
            inflated += made;
            lines.feed(std::string_view(out.data(), made), on_line);
            ended = rc == Z_STREAM_END;
        }
    }
    if (in.bad()) failures.push_back({path, path + ": read error"});
    if (gzip) {
        inflateEnd(&zs);
        if (!ended) {
            failures.push_back({path, path + ": truncated gzip file"});
            return false;
        }
    }
    lines.finish(on_line);
    return !in.bad();
}

}  // namespace vigie::indexer
