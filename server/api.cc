#include "server/api.h"

#include <limits>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "analyzers/entities/gazetteer.h"
#include "searcher/entity.h"
#include "searcher/export.h"
#include "searcher/facet_filter.h"
#include "searcher/relaxation.h"
#include "searcher/result_format.h"
#include "server/error_status.h"
#include "server/params.h"

namespace vigie::server {
namespace {

using nlohmann::json;
constexpr const char* kJson = "application/json; charset=utf-8";
// Values of one facet in one answer of /api/facets, when paged (limit=).
constexpr unsigned kMaxFacetValues = 1000;

void send(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(body.dump(2, ' ', false, json::error_handler_t::replace) + "\n", kJson);
}

void bad_request(httplib::Response& res, const BadParameter& bad) {
    send_error(res, Error{bad.error, ErrorKind::kInvalidArgument}, bad.parameter);
}

// A query the searcher refused names "q"; any other kind speaks for itself.
void search_error(httplib::Response& res, const Error& e) {
    send_error(res, e, e.kind == ErrorKind::kInvalidArgument ? "q" : "");
}

json facet_value(const searcher::FacetValue& v, bool position) {
    json out = {{"id", v.id}, {"label", v.label}, {"count", v.count}};
    if (!v.type.empty()) out["type"] = v.type;
    if (!v.parent.empty()) out["parent"] = v.parent;
    if (position) {
        const entities::Place* p = entities::Gazetteer::builtin().find(v.id);
        if (p && p->has_position) {
            out["lat"] = p->lat;
            out["lon"] = p->lon;
        }
    }
    return out;
}

void search(SearcherPool& pool, std::chrono::milliseconds time, const httplib::Request& req, httplib::Response& res) {
    searcher::SearchRequest request;
    if (auto bad = parse_search(req, request)) return bad_request(res, *bad);
    auto lease = pool.acquire();
    if (!lease) return send_error(res, lease.error());
    request.deadline = searcher::Clock::now() + time;
    auto result = (*lease)->search(request);
    if (!result) return search_error(res, result.error());
    searcher::add_relaxations(*(*lease).operator->(), request, *result);
    res.set_content(searcher::to_json(*result), kJson);
}

// An actor's or a place's page (searcher/entity.h): /api/entity?type=place&id=mopti.
void entity(SearcherPool& pool, std::chrono::milliseconds time, const httplib::Request& req, httplib::Response& res) {
    if (auto bad = check_names(req, {"type", "id"})) return bad_request(res, *bad);
    searcher::EntityRequest request;
    request.type = req.get_param_value("type");
    request.id = req.get_param_value("id");
    if (request.type != "actor" && request.type != "place")
        return bad_request(res, {"type", "type must be actor or place"});
    if (request.id.empty() || request.id.size() > 200)
        return bad_request(res, {"id", "id must be a facet id (1 to 200 bytes)"});
    auto lease = pool.acquire();
    if (!lease) return send_error(res, lease.error());
    request.deadline = searcher::Clock::now() + time;
    auto page = searcher::entity_page(*(*lease).operator->(), request);
    if (!page) return send_error(res, page.error());
    if (!*page)
        return send_error(res, Error{"no " + request.type + " with this id in the catalogue, the gazetteer or the index",
                                     ErrorKind::kNotFound},
                          "id");
    res.set_content(searcher::to_json(**page), kJson);
}

// The whole result set as CSV or JSON lines (docs/export.md), streamed one
// batch at a time: the first search (and the cap) is run here, so that its
// errors get their HTTP status; a later failure cuts the chunked answer.
// Each search of the export (one per batch of rows) has /api/search's time;
// the whole answer is bounded by the server's write timeout.
void export_results(SearcherPool& pool, std::chrono::milliseconds time, std::size_t max_rows,
                    const httplib::Request& req, httplib::Response& res) {
    std::string format = req.get_param_value("format");
    auto parsed = searcher::parse_export_format(format);
    if (!parsed || req.get_param_value_count("format") != 1)
        return bad_request(res, {"format", "format doit être csv ou jsonl"});
    for (const char* name : {"limit", "offset", "facet_limit"})
        if (req.has_param(name))
            return bad_request(res, {name, std::string(name) + " ne s'applique pas à un export : il contient tout le résultat"});
    httplib::Request search_req;
    search_req.params = req.params;
    search_req.params.erase("format");
    searcher::SearchRequest request;
    if (auto bad = parse_search(search_req, request)) return bad_request(res, *bad);
    auto lease = pool.acquire();
    if (!lease) return send_error(res, lease.error());
    searcher::ExportOptions options;
    options.search_time = time;
    options.format = *parsed;
    options.max_rows = max_rows;
    auto exporter = searcher::Exporter::start(*(*lease).operator->(), request, options);
    if (!exporter) return search_error(res, exporter.error());
    struct Stream {
        SearcherPool::Lease lease;
        searcher::Exporter exporter;
    };
    auto stream = std::make_shared<Stream>(Stream{std::move(*lease), std::move(*exporter)});
    bool csv = *parsed == searcher::ExportFormat::kCsv;
    res.set_header("Content-Disposition", csv ? "attachment; filename=\"vigie-export.csv\""
                                              : "attachment; filename=\"vigie-export.jsonl\"");
    res.set_header("X-Vigie-Rows", std::to_string(stream->exporter.rows()));
    res.set_chunked_content_provider(csv ? "text/csv; charset=utf-8" : "application/x-ndjson",
                                     [stream](std::size_t, httplib::DataSink& sink) {
                                         std::ostringstream out;
                                         auto more = stream->exporter.next(out);
                                         if (!more) return false;
                                         std::string bytes = out.str();
                                         if (!bytes.empty() && !sink.write(bytes.data(), bytes.size())) return false;
                                         if (!*more) sink.done();
                                         return true;
                                     });
}

// Every value of every facet (or of `field` alone) over the results of the
// search filters given (none: the whole index), places with lat/lon: what
// the page fetches when a list is opened (« plus… », its filter box, a
// region of the map). Without filters it is `vigie facets --json`.
void facets(SearcherPool& pool, std::chrono::milliseconds time, const httplib::Request& req, httplib::Response& res) {
    if (req.get_param_value_count("field") > 1) return bad_request(res, {"field", "field may be given only once"});
    std::string field = req.get_param_value("field");
    if (!field.empty() && field != "actor" && field != "place" && field != "date" && field != "year")
        return bad_request(res, {"field", "field must be actor, place, date or year"});
    if (req.has_param("sort")) return bad_request(res, {"sort", "sort does not apply to facets"});
    // One page of one facet's values, those matching `match` (the page's
    // « plus… » and filter box): a few KB instead of the whole list.
    unsigned value_limit = 0, value_offset = 0;
    for (const char* name : {"match", "type", "limit", "offset"}) {
        if (!req.has_param(name)) continue;
        if (field.empty()) return bad_request(res, {name, std::string(name) + " needs field (one facet's values)"});
        if (req.get_param_value_count(name) > 1)
            return bad_request(res, {name, std::string(name) + " may be given only once"});
    }
    bool paged = false;
    for (const char* name : {"match", "type", "limit", "offset"}) paged |= req.has_param(name);
    std::string match = req.get_param_value("match");
    if (match.size() > 200) return bad_request(res, {"match", "match is longer than 200 bytes"});
    if (auto bad = whole_number(req, "limit", kMaxFacetValues, value_limit)) return bad_request(res, *bad);
    if (auto bad = whole_number(req, "offset", std::numeric_limits<unsigned>::max(), value_offset))
        return bad_request(res, *bad);
    httplib::Request search_req;
    search_req.params = req.params;
    std::string value_type = req.get_param_value("type");
    if (value_type.size() > 100) return bad_request(res, {"type", "type is longer than 100 bytes"});
    for (const char* name : {"field", "match", "type", "limit", "offset"}) search_req.params.erase(name);
    searcher::SearchRequest request;
    request.facet_limit = 0;
    if (auto bad = parse_search(search_req, request)) return bad_request(res, *bad);
    request.limit = 0;
    auto lease = pool.acquire();
    if (!lease) return send_error(res, lease.error());
    request.deadline = searcher::Clock::now() + time;
    auto result = (*lease)->search(request);
    if (!result) return search_error(res, result.error());
    json out = json::object();
    for (const auto& [name, values] : result->facets) {
        if (!field.empty() && name != field) continue;
        json list = json::array();
        if (field.empty()) {
            for (const auto& v : values) list.push_back(facet_value(v, name == "place"));
        } else {
            searcher::FacetPage page = searcher::facet_page(name, values, match, value_type, value_offset, value_limit);
            for (const auto& v : page.values) list.push_back(facet_value(v, name == "place"));
            if (paged) out["matched"] = page.matched;
        }
        out[name] = list;
    }
    if (request.count == searcher::Count::kStories) out["count"] = "stories";
    // Compact: the whole actor list of a large index runs to megabytes.
    res.status = 200;
    res.set_content(out.dump(-1, ' ', false, json::error_handler_t::replace) + "\n", kJson);
}

// A report's body comes in pages of at most kMaxBodyBytes of its text
// (offset and length in bytes of the plain text, cut on a character): a
// 40 MB report must not cost the server 40 MB per reader. "truncated" and
// "next_offset" say how to get the rest.
void report(SearcherPool& pool, const httplib::Request& req, httplib::Response& res) {
    if (auto bad = check_names(req, {"q", "offset", "length"})) return bad_request(res, *bad);
    std::string q = req.get_param_value("q");
    if (q.size() > kMaxQueryBytes) return bad_request(res, {"q", "the query is longer than 1000 bytes"});
    unsigned offset = 0, length = kMaxBodyBytes;
    if (auto bad = whole_number(req, "offset", std::numeric_limits<unsigned>::max(), offset)) return bad_request(res, *bad);
    if (auto bad = whole_number(req, "length", kMaxBodyBytes, length)) return bad_request(res, *bad);
    std::string id = req.matches[1];
    auto lease = pool.acquire();
    if (!lease) return send_error(res, lease.error());
    auto found = (*lease)->report(id, q, searcher::BodyPage{offset, length});
    if (!found) return search_error(res, found.error());
    if (!*found) return send_error(res, Error{"no report with this id", ErrorKind::kNotFound}, "id");
    const searcher::Report& r = **found;
    json actors = json::array(), places = json::array(), mentioned = json::array();
    for (const auto& v : r.actors) actors.push_back(facet_value(v, false));
    for (const auto& v : r.places) places.push_back(facet_value(v, true));
    for (const auto& [text, value] : r.mentioned) mentioned.push_back({{"text", text}, {"date", value}});
    json out = {{"id", r.id}, {"path", r.path}, {"title", r.title}, {"date", r.date ? json(*r.date) : json(nullptr)},
                {"format", r.format}, {"body", r.body_html}, {"actors", actors}, {"places", places},
                {"mentioned", mentioned}, {"query", q}, {"body_offset", r.body_offset},
                {"body_bytes", r.body_bytes}, {"truncated", r.truncated}};
    if (r.truncated) out["next_offset"] = r.body_offset + r.body_length;
    searcher::add_provenance(out, r.provenance);
    send(res, 200, out);
}

void stats(SearcherPool& pool, const httplib::Request& req, httplib::Response& res) {
    if (auto bad = check_names(req, {})) return bad_request(res, *bad);
    auto st = searcher::index_stats(pool.dir());
    if (!st) return send_error(res, st.error());
    res.set_content(searcher::to_json(*st), kJson);
}

void health(SearcherPool& pool, httplib::Response& res) {
    auto lease = pool.acquire();
    if (!lease) return send_error(res, lease.error());
    send(res, 200, {{"status", "ok"}, {"reports", (*lease)->document_count()}});
}

}  // namespace

void add_api_routes(HttpServer& server, SearcherPool& pool, std::chrono::milliseconds search_time,
                    std::size_t export_max_rows) {
    server.get("/api/export", [&pool, search_time, export_max_rows](const auto& req, auto& res) {
        export_results(pool, search_time, export_max_rows, req, res);
    });
    server.get("/api/search", [&pool, search_time](const auto& req, auto& res) { search(pool, search_time, req, res); });
    server.get("/api/entity", [&pool, search_time](const auto& req, auto& res) { entity(pool, search_time, req, res); });
    server.get("/api/facets", [&pool, search_time](const auto& req, auto& res) { facets(pool, search_time, req, res); });
    server.get(R"(/api/report/([^/]+))", [&pool](const auto& req, auto& res) { report(pool, req, res); });
    server.get("/api/stats", [&pool](const auto& req, auto& res) { stats(pool, req, res); });
    server.get("/healthz", [&pool](const auto&, auto& res) { health(pool, res); });
}

}  // namespace vigie::server
