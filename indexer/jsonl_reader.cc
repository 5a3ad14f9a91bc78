// News-feed exports: one report per line, as a JSON object with id, title,
// date and body (and optional heading, url, author); gzip-compressed files
// are read as they are. A bad line is reported with its number; the others
// are indexed.
#include <zlib.h>

#include <nlohmann/json.hpp>

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
    std::size_t pos = 0, line_no = 0;
    while (pos < data.size()) {
        std::size_t eol = data.find('\n', pos);
        if (eol == std::string::npos) eol = data.size();
        std::string_view line(data.data() + pos, eol - pos);
        pos = eol + 1;
        ++line_no;
        std::string where = path + ":" + std::to_string(line_no);
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
        if (line.size() > max_report_bytes) {
            out.failures.push_back({where, where + ": line of " + std::to_string(line.size()) + " bytes, over the limit"});
            continue;
        }
        std::string encoding;
        Expected<std::string> text = decode_text(where, std::string(line), &encoding);
        if (!text) {
            out.failures.push_back({where, text.error().message});
            continue;
        }
        nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
        if (j.is_discarded() || !j.is_object()) {
            out.failures.push_back({where, where + ": not a JSON object"});
            continue;
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
            out.failures.push_back({where, where + ": no title and no body"});
            continue;
        }
        out.reports.push_back(std::move(r));
    }
    return out;
}

}  // namespace vigie::indexer
