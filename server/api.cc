#include "server/api.h"

#include <nlohmann/json.hpp>

#include "analyzers/entities/gazetteer.h"
#include "searcher/result_format.h"
#include "server/params.h"

namespace vigie::server {
namespace {

using nlohmann::json;
constexpr const char* kJson = "application/json; charset=utf-8";

void send(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(body.dump(2, ' ', false, json::error_handler_t::replace) + "\n", kJson);
}

void bad_request(httplib::Response& res, const BadParameter& bad) {
    send(res, 400, {{"error", bad.error}, {"parameter", bad.parameter}});
}

void unavailable(httplib::Response& res, const Error& e) { send(res, 503, {{"error", e.message}}); }

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

void search(SearcherPool& pool, const httplib::Request& req, httplib::Response& res) {
    searcher::SearchRequest request;
    if (auto bad = parse_search(req, request)) return bad_request(res, *bad);
    auto lease = pool.acquire();
    if (!lease) return unavailable(res, lease.error());
    auto result = (*lease)->search(request);
    if (!result && searcher::shard_unavailable(result.error())) return unavailable(res, result.error());
    if (!result) return bad_request(res, {"q", result.error().message});
    res.set_content(searcher::to_json(*result), kJson);
}

// Every value of every facet, as `vigie facets --json`, places with lat/lon.
void facets(SearcherPool& pool, const httplib::Request& req, httplib::Response& res) {
    if (auto bad = check_names(req, {"field"})) return bad_request(res, *bad);
    std::string field = req.get_param_value("field");
    if (!field.empty() && field != "actor" && field != "place" && field != "date" && field != "year")
        return bad_request(res, {"field", "field must be actor, place, date or year"});
    auto lease = pool.acquire();
    if (!lease) return unavailable(res, lease.error());
    searcher::SearchRequest request;
    request.limit = 0;
    request.facet_limit = 0;
    auto result = (*lease)->search(request);
    if (!result) return unavailable(res, result.error());
    json out = json::object();
    for (const auto& [name, values] : result->facets) {
        if (!field.empty() && name != field) continue;
        json list = json::array();
        for (const auto& v : values) list.push_back(facet_value(v, name == "place"));
        out[name] = list;
    }
    send(res, 200, out);
}

void report(SearcherPool& pool, const httplib::Request& req, httplib::Response& res) {
    if (auto bad = check_names(req, {"q"})) return bad_request(res, *bad);
    std::string q = req.get_param_value("q");
    if (q.size() > kMaxQueryBytes) return bad_request(res, {"q", "the query is longer than 1000 bytes"});
    std::string id = req.matches[1];
    auto lease = pool.acquire();
    if (!lease) return unavailable(res, lease.error());
    auto found = (*lease)->report(id, q);
    if (!found && searcher::shard_unavailable(found.error())) return unavailable(res, found.error());
    if (!found) return bad_request(res, {"q", found.error().message});
    if (!*found) return send(res, 404, {{"error", "no report with this id"}, {"parameter", "id"}});
    const searcher::Report& r = **found;
    json actors = json::array(), places = json::array(), mentioned = json::array();
    for (const auto& v : r.actors) actors.push_back(facet_value(v, false));
    for (const auto& v : r.places) places.push_back(facet_value(v, true));
    for (const auto& [text, value] : r.mentioned) mentioned.push_back({{"text", text}, {"date", value}});
    send(res, 200,
         {{"id", r.id}, {"path", r.path}, {"title", r.title}, {"date", r.date ? json(*r.date) : json(nullptr)},
          {"format", r.format}, {"body", r.body_html}, {"actors", actors}, {"places", places},
          {"mentioned", mentioned}, {"query", q}});
}

void stats(SearcherPool& pool, const httplib::Request& req, httplib::Response& res) {
    if (auto bad = check_names(req, {})) return bad_request(res, *bad);
    auto st = searcher::index_stats(pool.dir());
    if (!st) return unavailable(res, st.error());
    res.set_content(searcher::to_json(*st), kJson);
}

void health(SearcherPool& pool, httplib::Response& res) {
    auto lease = pool.acquire();
    if (!lease) return unavailable(res, lease.error());
    send(res, 200, {{"status", "ok"}, {"reports", (*lease)->document_count()}});
}

}  // namespace

void add_api_routes(httplib::Server& server, SearcherPool& pool) {
    server.Get("/api/search", [&pool](const auto& req, auto& res) { search(pool, req, res); });
    server.Get("/api/facets", [&pool](const auto& req, auto& res) { facets(pool, req, res); });
    server.Get(R"(/api/report/([^/]+))", [&pool](const auto& req, auto& res) { report(pool, req, res); });
    server.Get("/api/stats", [&pool](const auto& req, auto& res) { stats(pool, req, res); });
    server.Get("/healthz", [&pool](const auto&, auto& res) { health(pool, res); });
}

}  // namespace vigie::server
