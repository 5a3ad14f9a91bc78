// index_stats(): what an index holds, from stored counts (searcher.h).
#include <filesystem>
#include <map>
#include <string>

#include <xapian.h>

#include "schema/schema.h"
#include "searcher/searcher.h"
#include "searcher/xapian_errors.h"

namespace vigie::searcher {
namespace {

// Reports per format: the XF<format> term frequencies when every report has
// one (no report read), else every report's stored data (an index written
// before the indexer wrote them).
std::map<std::string, std::size_t> format_counts(const Xapian::Database& db) {
    std::map<std::string, std::size_t> out;
    std::size_t counted = 0;
    std::string p(schema::kFormatPrefix);
    for (auto t = db.allterms_begin(p); t != db.allterms_end(p); ++t) {
        out[(*t).substr(p.size())] = t.get_termfreq();
        counted += t.get_termfreq();
    }
    if (counted == db.get_doccount()) return out;
    out.clear();
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        auto stored = schema::deserialize(db.get_document(*it).get_data());
        out[stored && !stored->format.empty() ? stored->format : "unknown"]++;
    }
    return out;
}

}  // namespace

Expected<IndexStats> index_stats(const std::string& db_dir) {
    Expected<Searcher> opened = Searcher::open(db_dir);
    if (!opened) return opened.error();
    IndexStats st;
    // An index run may commit during the read: read again from the new
    // revision, as a search does. More tries than a search: an index without
    // XF terms is read in full, long enough for several commits to land.
    constexpr int kStatsRetries = 10;
    for (int attempt = 0;; ++attempt) {
        try {
            Xapian::Database db(schema::stub_path(db_dir));
            st.reports = db.get_doccount();
            st.formats = format_counts(db);
            st.last_indexed = db.get_metadata("last_indexed");
            break;
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt + 1 >= kStatsRetries)
                return Error{"index " + db_dir + " kept changing during the read", ErrorKind::kUnavailable};
        } catch (const Xapian::NetworkError& e) {
            return Error{"cannot read index " + db_dir + ": " + kShardDown + e.get_description(),
                         ErrorKind::kUnavailable};
        } catch (const Xapian::Error& e) {
            return Error{"cannot read index " + db_dir + ": " + e.get_description(), xapian_kind(e)};
        }
    }
    schema::StubInfo info = schema::read_stub(db_dir);
    st.generation = info.generation;
    st.shards = info.shards;
    st.remote = info.remote;
    std::error_code ec;
    if (!st.generation.empty())
        for (const auto& f : std::filesystem::recursive_directory_iterator(db_dir + "/" + st.generation, ec))
            if (f.is_regular_file(ec)) st.bytes_on_disk += f.file_size(ec);
    return st;
}

}  // namespace vigie::searcher
