#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <unordered_set>

#include <xapian.h>

#include "analyzers/french_analyzer.h"
#include "indexer/document_builder.h"
#include "indexer/indexer.h"
#include "indexer/report_reader.h"
#include "schema/schema.h"

namespace fs = std::filesystem;

namespace vigie::indexer {
namespace {

// Holds DIR/write.lock with flock() for the life of the object.
class WriteLock {
public:
    static Expected<WriteLock> acquire(const std::string& db_dir) {
        std::string path = schema::lock_path(db_dir);
        int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0) return Error{path + ": cannot open lock file: " + std::strerror(errno)};
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            char buf[64] = {0};
            ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
            std::string holder = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : "unknown";
            while (!holder.empty() && holder.back() == '\n') holder.pop_back();
            ::close(fd);
            return Error{"index " + db_dir + " is being written by another process (lock " +
                         path + " held by pid " + holder + ")"};
        }
        std::string pid = std::to_string(::getpid()) + "\n";
        if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
            // The pid is informative only; the flock is what excludes.
        }
        return WriteLock(fd);
    }
    WriteLock(WriteLock&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
    WriteLock(const WriteLock&) = delete;
    ~WriteLock() {
        if (fd_ >= 0) ::close(fd_);
    }

private:
    explicit WriteLock(int fd) : fd_(fd) {}
    int fd_;
};

// The generation the stub points at ("auto gen-000003" -> 3), or 0.
int current_generation(const std::string& db_dir) {
    std::ifstream in(schema::stub_path(db_dir));
    std::string kind, target;
    if (!(in >> kind >> target) || target.rfind("gen-", 0) != 0) return 0;
    try {
        return std::stoi(target.substr(4));
    } catch (...) {
        return 0;
    }
}

std::string generation_name(int gen) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "gen-%06d", gen);
    return buf;
}

// Points the stub at `gen` atomically (write a temporary file, then rename).
Expected<bool> switch_stub(const std::string& db_dir, int gen) {
    std::string stub = schema::stub_path(db_dir), tmp = stub + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << "auto " << generation_name(gen) << "\n";
        out.flush();
        if (!out) return Error{tmp + ": cannot write stub file"};
    }
    if (std::rename(tmp.c_str(), stub.c_str()) != 0)
        return Error{stub + ": cannot replace stub file: " + std::strerror(errno)};
    return true;
}

bool is_report_file(const fs::path& p) {
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
    return ext == ".txt";
}

std::string absolute_path(const std::string& p) {
    std::error_code ec;
    fs::path abs = fs::weakly_canonical(fs::absolute(p, ec), ec);
    return ec ? fs::absolute(p).lexically_normal().string() : abs.string();
}

bool under_root(const std::string& path, const std::string& root) {
    return path == root || (path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
                            (root.back() == '/' || path[root.size()] == '/'));
}

struct Existing {
    Xapian::docid docid;
    std::string signature;
};

class Run {
public:
    Run(const IndexOptions& o, Xapian::WritableDatabase& db) : opts_(o), db_(db) {}

    IndexSummary go() {
        load_existing();
        std::vector<std::string> roots;
        for (const std::string& p : opts_.paths) collect(p, roots);
        remove_vanished(roots);
        db_.commit();
        summary_.documents = db_.get_doccount();
        return summary_;
    }

private:
    void load_existing() {
        for (auto it = db_.valuestream_begin(schema::kSlotPath); it != db_.valuestream_end(schema::kSlotPath); ++it)
            existing_[*it] = Existing{it.get_docid(), db_.get_document(it.get_docid()).get_value(schema::kSlotSignature)};
    }

    void fail(const std::string& path, const std::string& reason) {
        summary_.failures.push_back(Failure{path, reason});
    }

    void collect(const std::string& path, std::vector<std::string>& roots) {
        std::error_code ec;
        fs::file_status st = fs::status(path, ec);
        if (ec || !fs::exists(st)) {
            fail(path, path + ": no such file or directory");
            return;
        }
        roots.push_back(absolute_path(path));
        if (!fs::is_directory(st)) {
            index_file(path);
            return;
        }
        std::vector<fs::path> files;
        fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
        if (ec) {
            fail(path, path + ": cannot list folder: " + ec.message());
            return;
        }
        for (; it != end; it.increment(ec)) {
            if (ec) {
                fail(it->path().string(), it->path().string() + ": " + ec.message());
                break;
            }
            const fs::path& p = it->path();
            if (p.filename().string().rfind('.', 0) == 0) {
                if (it->is_directory(ec)) it.disable_recursion_pending();
                continue;
            }
            if (!is_report_file(p)) continue;
            if (it->is_regular_file(ec)) {
                files.push_back(p);
            } else if (it->is_symlink(ec) && !fs::exists(p, ec)) {
                fail(p.string(), p.string() + ": broken symbolic link");
            }
        }
        std::sort(files.begin(), files.end());
        for (const fs::path& f : files) index_file(f.string());
    }

    void index_file(const std::string& path) {
        std::string abs = absolute_path(path);
        if (!seen_.insert(abs).second) return;
        struct stat st;
        if (::stat(path.c_str(), &st) != 0) {
            fail(path, path + ": " + std::strerror(errno));
            return;
        }
        std::string quick = std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) +
                            "." + std::to_string(st.st_mtim.tv_nsec);
        auto old = existing_.find(abs);
        if (old != existing_.end() && old->second.signature.rfind(quick + ":", 0) == 0) {
            ++summary_.unchanged;
            return;
        }
        Expected<std::string> bytes = read_file(path, opts_.max_file_bytes);
        if (!bytes) return fail(path, bytes.error().message);
        std::string hash = content_hash(*bytes);
        std::string signature = quick + ":" + hash;
        if (old != existing_.end()) {
            auto colon = old->second.signature.rfind(':');
            if (colon != std::string::npos && old->second.signature.substr(colon + 1) == hash) {
                Xapian::Document d = db_.get_document(old->second.docid);
                d.add_value(schema::kSlotSignature, signature);
                db_.replace_document(old->second.docid, d);
                ++summary_.unchanged;
                return;
            }
        }
        Expected<Report> report = read_text_report(path, *bytes);
        if (!report) return fail(path, report.error().message);

        std::string id = old != existing_.end() ? stored_id(old->second.docid) : new_id(path, abs);
        BuiltDocument built = build_document(*report, id, abs, signature, analyzer_);
        for (const std::string& w : built.spellings) db_.add_spelling(w);
        for (const auto& [actor, label] : built.person_labels) {
            std::string key = std::string(schema::kLabelKey) + actor;
            if (labels_added_.insert(actor).second && db_.get_metadata(key).empty()) db_.set_metadata(key, label);
        }
        for (const auto& [key, form] : built.synonyms) {
            if (synonyms_added_.insert(key + '\t' + form).second) db_.add_synonym(key, form);
        }
        if (old != existing_.end()) {
            db_.replace_document(old->second.docid, built.document);
            ++summary_.updated;
        } else {
            Xapian::docid did = db_.replace_document(std::string(schema::kIdPrefix) + id, built.document);
            existing_[abs] = Existing{did, signature};
            ++summary_.added;
        }
        if (++pending_ >= opts_.batch_size) {
            db_.commit();
            pending_ = 0;
        }
    }

    std::string stored_id(Xapian::docid did) {
        auto r = schema::deserialize(db_.get_document(did).get_data());
        return r ? r->id : std::to_string(did);
    }

    // The file name without extension; suffixed with a hash of the path when
    // another file already holds that id.
    std::string new_id(const std::string& path, const std::string& abs) {
        std::string id = fs::path(path).stem().string();
        if (id.empty()) id = "report";
        std::string term = std::string(schema::kIdPrefix) + id;
        if (db_.term_exists(term) || ids_used_.count(id)) id += "-" + content_hash(abs).substr(0, 8);
        ids_used_.insert(id);
        return id;
    }

    void remove_vanished(const std::vector<std::string>& roots) {
        for (const auto& [key, e] : existing_) {
            // A named copy: clang before 16 cannot capture a structured binding.
            const std::string& path = key;
            if (seen_.count(path)) continue;
            bool inside = std::any_of(roots.begin(), roots.end(),
                                      [&](const std::string& r) { return under_root(path, r); });
            if (!inside) continue;
            db_.delete_document(e.docid);
            ++summary_.removed;
        }
    }

    const IndexOptions& opts_;
    Xapian::WritableDatabase& db_;
    analysis::FrenchAnalyzer analyzer_;
    std::map<std::string, Existing> existing_;  // by absolute path
    std::unordered_set<std::string> seen_, ids_used_, synonyms_added_, labels_added_;
    IndexSummary summary_;
    unsigned pending_ = 0;
};

}  // namespace

Expected<IndexSummary> index_paths(const IndexOptions& options) {
    const std::string& dir = options.db_dir;
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return Error{dir + ": cannot create index folder: " + ec.message()};
    Expected<WriteLock> lock = WriteLock::acquire(dir);
    if (!lock) return lock.error();

    int live = current_generation(dir);
    bool fresh = options.rebuild || live == 0;
    int gen = fresh ? live + 1 : live;
    std::string gen_dir = dir + "/" + generation_name(gen);
    try {
        if (fresh) fs::remove_all(gen_dir, ec);  // leftovers of an interrupted rebuild
        Xapian::WritableDatabase db(gen_dir, fresh ? Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS
                                                   : Xapian::DB_OPEN);
        IndexSummary summary = Run(options, db).go();
        db.close();
        if (fresh) {
            Expected<bool> switched = switch_stub(dir, gen);
            if (!switched) return switched.error();
            if (live != 0) fs::remove_all(dir + "/" + generation_name(live), ec);
        }
        return summary;
    } catch (const Xapian::Error& e) {
        return Error{"index " + gen_dir + ": " + e.get_description()};
    }
}

}  // namespace vigie::indexer
