#include "schema/schema.h"

#include <nlohmann/json.hpp>

namespace vigie::schema {

std::string serialize(const StoredReport& r) {
    nlohmann::json j = {{"v", 1},         {"id", r.id},     {"path", r.path},
                        {"title", r.title}, {"date", r.date}, {"body", r.body},
                        {"format", r.format}};
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

std::string stub_path(const std::string& db_dir) { return db_dir + "/current"; }
std::string lock_path(const std::string& db_dir) { return db_dir + "/write.lock"; }

}  // namespace vigie::schema
