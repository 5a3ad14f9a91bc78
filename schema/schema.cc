#include "schema/schema.h"

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace vigie::schema {

std::string serialize(const StoredReport& r) {
    nlohmann::json j = {{"v", 1},         {"id", r.id},     {"path", r.path},
                        {"title", r.title}, {"date", r.date}, {"body", r.body},
                        {"format", r.format}, {"actors", r.actors}, {"places", r.places}};
    nlohmann::json mentioned = nlohmann::json::array();
    for (const auto& [text, value] : r.mentioned) mentioned.push_back({{"text", text}, {"value", value}});
    j["mentioned"] = mentioned;
    if (!r.pages.empty()) j["pages"] = r.pages;
    // Provenance: each key only when known, so that an index written before
    // them and a report without them read the same.
    const Provenance& p = r.provenance;
    for (const auto& [key, value] : {std::pair{"url", &p.url}, {"outlet", &p.outlet}, {"author", &p.author},
                                     {"source", &p.source}})
        if (!value->empty()) j[key] = *value;
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<StoredReport> deserialize(std::string_view data) {
    nlohmann::json j = nlohmann::json::parse(data, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("id")) return std::nullopt;
    StoredReport r;
    r.id = j.value("id", "");
    r.path = j.value("path", "");
    r.title = j.value("title", "");
    r.date = j.value("date", "");
    r.body = j.value("body", "");
    r.format = j.value("format", "");
    if (j.contains("actors") && j["actors"].is_array()) r.actors = j["actors"].get<std::vector<std::string>>();
    if (j.contains("places") && j["places"].is_array()) r.places = j["places"].get<std::vector<std::string>>();
    if (j.contains("pages") && j["pages"].is_array()) r.pages = j["pages"].get<std::vector<std::size_t>>();
    if (j.contains("mentioned") && j["mentioned"].is_array())
        for (const auto& m : j["mentioned"]) r.mentioned.emplace_back(m.value("text", ""), m.value("value", ""));
    auto text = [&](const char* key) {
        auto it = j.find(key);
        return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    // Checked again on the way out: the data may come from another writer.
    r.provenance = {web_url(text("url")), one_line(text("outlet")), one_line(text("author")), text("source")};
    return r;
}

std::string date_sort_key(std::string_view date) {
    std::string key;
    for (char c : date)
        if (c >= '0' && c <= '9') key.push_back(c);
    if (key.empty()) return key;
    key.resize(8, '0');
    return key;
}

std::string pack_ids(const std::vector<std::string>& ids) {
    std::string out;
    for (const std::string& id : ids) {
        if (!out.empty()) out += '\n';
        out += id;
    }
    return out;
}

std::vector<std::string> unpack_ids(std::string_view packed) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < packed.size()) {
        std::size_t end = packed.find('\n', pos);
        if (end == std::string_view::npos) end = packed.size();
        if (end > pos) out.emplace_back(packed.substr(pos, end - pos));
        pos = end + 1;
    }
    return out;
}

std::string shard_name(unsigned shard) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "shard-%02u", shard);
    return buf;
}

unsigned shard_of(std::string_view id_term, unsigned shards) {
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a 64
    for (unsigned char c : id_term) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return shards ? static_cast<unsigned>(h % shards) : 0;
}

StubInfo read_stub(const std::string& db_dir) {
    StubInfo info;
    std::ifstream in(stub_path(db_dir));
    if (!in) return info;
    info.exists = true;
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        std::string kind, target;
        if (!(words >> kind)) continue;
        words >> target;
        info.lines.push_back(line);
        if (kind == "remote") {
            info.remote = true;
            ++info.shards;
            continue;
        }
        if (target.rfind("gen-", 0) == 0 && info.generation.empty()) {
            info.generation = target.substr(0, target.find('/'));
            try {
                info.generation_number = std::stoi(info.generation.substr(4));
            } catch (...) {
                info.generation_number = 0;
            }
        }
        auto slash = target.rfind('/');
        std::string last = slash == std::string::npos ? target : target.substr(slash + 1);
        if (last.rfind("shard-", 0) == 0) ++info.shards;
    }
    return info;
}

std::string stub_path(const std::string& db_dir) { return db_dir + "/current"; }
std::string lock_path(const std::string& db_dir) { return db_dir + "/write.lock"; }

}  // namespace vigie::schema
