// The web page's files, embedded at build time (cmake/EmbedFile.cmake).
#include <string_view>

#include "server/api.h"

#define VIGIE_ASSET(sym) \
    extern "C" const char sym[]; \
    extern "C" const char sym##_end[];
VIGIE_ASSET(vigie_web_index_html)
VIGIE_ASSET(vigie_web_app_js)
VIGIE_ASSET(vigie_web_provenance_js)
VIGIE_ASSET(vigie_web_entity_js)
VIGIE_ASSET(vigie_web_duplicates_js)
VIGIE_ASSET(vigie_web_facet_pages_js)
VIGIE_ASSET(vigie_web_entity_map_js)
VIGIE_ASSET(vigie_web_first_answer_js)
VIGIE_ASSET(vigie_web_style_css)
VIGIE_ASSET(vigie_web_mali_regions_json)
VIGIE_ASSET(vigie_web_histogram_js)
VIGIE_ASSET(vigie_web_map_js)
#undef VIGIE_ASSET

namespace vigie::server {
namespace {

struct Asset {
    const char* pattern;  // a regex: dots escaped
    const char* begin;
    const char* end;
    const char* type;
};

}  // namespace

void add_asset_routes(HttpServer& server) {
    static const Asset kAssets[] = {
        {"/", vigie_web_index_html, vigie_web_index_html_end, "text/html; charset=utf-8"},
        {R"(/app\.js)", vigie_web_app_js, vigie_web_app_js_end, "text/javascript; charset=utf-8"},
        {R"(/provenance\.js)", vigie_web_provenance_js, vigie_web_provenance_js_end, "text/javascript; charset=utf-8"},
        {R"(/entity\.js)", vigie_web_entity_js, vigie_web_entity_js_end, "text/javascript; charset=utf-8"},
        {R"(/duplicates\.js)", vigie_web_duplicates_js, vigie_web_duplicates_js_end, "text/javascript; charset=utf-8"},
        {R"(/facet_pages\.js)", vigie_web_facet_pages_js, vigie_web_facet_pages_js_end, "text/javascript; charset=utf-8"},
        {R"(/entity_map\.js)", vigie_web_entity_map_js, vigie_web_entity_map_js_end, "text/javascript; charset=utf-8"},
        {R"(/first_answer\.js)", vigie_web_first_answer_js, vigie_web_first_answer_js_end, "text/javascript; charset=utf-8"},
        {R"(/style\.css)", vigie_web_style_css, vigie_web_style_css_end, "text/css; charset=utf-8"},
        {R"(/mali_regions\.json)", vigie_web_mali_regions_json, vigie_web_mali_regions_json_end,
         "application/json; charset=utf-8"},
        {R"(/histogram\.js)", vigie_web_histogram_js, vigie_web_histogram_js_end, "text/javascript; charset=utf-8"},
        {R"(/map\.js)", vigie_web_map_js, vigie_web_map_js_end, "text/javascript; charset=utf-8"},
    };
    for (const Asset& a : kAssets) {
        server.get(a.pattern, [&a](const httplib::Request&, httplib::Response& res) {
            res.set_header("Cache-Control", "no-cache");
            res.set_content(a.begin, static_cast<std::size_t>(a.end - a.begin), a.type);
        });
    }
}

}  // namespace vigie::server
