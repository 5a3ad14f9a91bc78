#include "searcher/export.h"

#include <algorithm>
#include <cstdlib>

#include <nlohmann/json.hpp>

namespace vigie::searcher {
namespace {

void append_utf8(std::string& out, unsigned long cp) {
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string joined(const std::vector<std::string>& values) {
    std::string out;
    for (const std::string& v : values) out += (out.empty() ? "" : "; ") + v;
    return out;
}

// The order (id, date, outlet, title, url, …); author and source
// after url. `source` names the file or feed line, never a server path.
constexpr const char* kColumns[] = {"id",     "date",   "outlet", "title",     "url",    "author",
                                    "source", "actors", "places", "mentioned", "snippet"};

}  // namespace

std::optional<ExportFormat> parse_export_format(const std::string& name) {
    if (name == "csv") return ExportFormat::kCsv;
    if (name == "jsonl") return ExportFormat::kJsonl;
    return std::nullopt;
}

std::string plain_text(const std::string& html) {
    std::string out;
    out.reserve(html.size());
    for (std::size_t i = 0; i < html.size();) {
        if (html.compare(i, 3, "<b>") == 0) {
            i += 3;
        } else if (html.compare(i, 4, "</b>") == 0) {
            i += 4;
        } else if (html[i] == '&') {
            std::size_t semi = html.find(';', i);
            std::string name = semi == std::string::npos || semi - i > 10 ? "" : html.substr(i + 1, semi - i - 1);
            if (name == "amp") out += '&';
            else if (name == "lt") out += '<';
            else if (name == "gt") out += '>';
            else if (name == "quot") out += '"';
            else if (name == "apos") out += '\'';
            else if (name.size() > 1 && name[0] == '#') {
                bool hex = name[1] == 'x' || name[1] == 'X';
                append_utf8(out, std::strtoul(name.c_str() + (hex ? 2 : 1), nullptr, hex ? 16 : 10));
            } else {
                out += '&';
                ++i;
                continue;
            }
            i = semi + 1;
        } else {
            out += html[i++];
        }
    }
    return out;
}

std::string csv_field(const std::string& value) {
    std::string v = value;
    if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r'))
        v = "'" + v;
    if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
    std::string out = "\"";
    for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

Expected<Exporter> Exporter::start(Searcher& searcher, SearchRequest request, ExportOptions options) {
    if (options.batch == 0) options.batch = 1;
    request.offset = 0;
    request.limit = options.batch;
    // Every actor and place of the set, with its label, in one go: hits name
    // facet ids only. Later batches skip the facets' labels.
    request.facet_limit = 0;
    Exporter e(searcher, request, options);
    auto first = e.search();
    if (!first) return first.error();
    std::size_t total = first->total;
    if (total > options.max_rows && (!options.limit || *options.limit > options.max_rows))
        return Error{"la recherche donne " + std::to_string(total) + " rapports ; un export en contient au plus " +
                         std::to_string(options.max_rows) +
                         " : précisez la recherche (mots, acteur, lieu ou dates) pour en exporter moins",
                     ErrorKind::kInvalidArgument};
    e.rows_ = options.limit ? std::min(total, *options.limit) : total;
    for (const auto& v : first->facets["actor"]) e.labels_["a:" + v.id] = v.label;
    for (const auto& v : first->facets["place"]) e.labels_["p:" + v.id] = v.label;
    first->facets.clear();
    e.request_.facet_limit = 1;
    e.pending_ = std::move(*first);
    return e;
}

Expected<SearchResult> Exporter::search() {
    if (options_.search_time) request_.deadline = Clock::now() + *options_.search_time;
    return searcher_->search(request_);
}

Expected<bool> Exporter::next(std::ostream& out) {
    if (!header_done_) {
        header_done_ = true;
        if (options_.format == ExportFormat::kCsv) {
            out << "\xEF\xBB\xBF";  // the BOM: Excel reads the file as UTF-8 only with it
            for (std::size_t i = 0; i < std::size(kColumns); ++i) out << (i ? "," : "") << kColumns[i];
            out << "\r\n";
        }
        return true;
    }
    if (written_ >= rows_) return false;
    if (!pending_) {
        auto result = search();
        if (!result) return result.error();
        pending_ = std::move(*result);
    }
    SearchResult result = std::move(*pending_);
    pending_.reset();
    // Hits past the last full match (or flagged as partial, for a question)
    // are not counted in total; an empty page means the index changed.
    bool empty = result.hits.empty();
    write_rows(result, out);
    request_.offset += request_.limit;
    if (empty && written_ < rows_)
        return Error{"l'index a changé pendant l'export : " + std::to_string(written_) + " rapports écrits sur " +
                         std::to_string(rows_) + " ; relancez l'export",
                     ErrorKind::kUnavailable};
    return written_ < rows_;
}

void Exporter::write_rows(const SearchResult& result, std::ostream& out) {
    for (const Hit& hit : result.hits) {
        if (written_ >= rows_) return;
        if (!hit.missing.empty()) continue;  // a partial match: never counted, never exported
        std::vector<std::string> actors, places, mentioned;
        for (const auto& id : hit.actors) {
            auto it = labels_.find("a:" + id);
            actors.push_back(it == labels_.end() ? id : it->second);
        }
        for (const auto& id : hit.places) {
            auto it = labels_.find("p:" + id);
            places.push_back(it == labels_.end() ? id : it->second);
        }
        for (const auto& [text, date] : hit.mentioned) mentioned.push_back(date);
        std::string title = plain_text(hit.title), snippet = plain_text(hit.snippet);
        std::string date = hit.date.value_or("");
        if (options_.format == ExportFormat::kCsv) {
            const Provenance& p = hit.provenance;
            const std::string cells[] = {hit.id,   date,           p.outlet,       title,             p.url,  p.author,
                                         p.source, joined(actors), joined(places), joined(mentioned), snippet};
            for (std::size_t i = 0; i < std::size(cells); ++i) out << (i ? "," : "") << csv_field(cells[i]);
            out << "\r\n";
        } else {
            auto known = [](const std::string& v) { return v.empty() ? nlohmann::json(nullptr) : nlohmann::json(v); };
            const Provenance& p = hit.provenance;
            nlohmann::json row = {{"id", hit.id},         {"date", hit.date ? nlohmann::json(date) : nlohmann::json(nullptr)},
                                  {"outlet", known(p.outlet)}, {"title", title},
                                  {"url", known(p.url)},  {"author", known(p.author)},
                                  {"source", p.source},   {"actors", actors},
                                  {"places", places},     {"mentioned", mentioned},
                                  {"snippet", snippet}};
            out << row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        }
        ++written_;
    }
}

Expected<std::size_t> export_results(Searcher& searcher, const SearchRequest& request, const ExportOptions& options,
                                     std::ostream& out) {
    auto e = Exporter::start(searcher, request, options);
    if (!e) return e.error();
    for (;;) {
        auto more = e->next(out);
        if (!more) return more.error();
        if (!*more) break;
    }
    return e->rows();
}

}  // namespace vigie::searcher
