#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <deque>
#include <future>
#include <optional>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include <xapian.h>

#include "analyzers/french_analyzer.h"
#include "indexer/analysis_pool.h"
#include "indexer/bounded.h"
#include "indexer/document_builder.h"
#include "indexer/duplicates.h"
#include "indexer/formats.h"
#include "indexer/reader_process.h"
#include "indexer/indexer.h"
#include "indexer/report_reader.h"
#include "indexer/shard_set.h"
#include "schema/event_terms.h"
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
        if (fd < 0) return Error{path + ": cannot open lock file: " + std::strerror(errno), ErrorKind::kIo};
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            char buf[64] = {0};
            ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
            std::string holder = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : "unknown";
            while (!holder.empty() && holder.back() == '\n') holder.pop_back();
            ::close(fd);
            return Error{"index " + db_dir + " is being written by another process (lock " +
                         path + " held by pid " + holder + ")", ErrorKind::kUnavailable};
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

std::string generation_name(int gen) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "gen-%06d", gen);
    return buf;
}

// Points the stub at `gen` (and its shards) atomically (write a temporary
// file, then rename).
Expected<bool> switch_stub(const std::string& db_dir, int gen, unsigned shards) {
    std::string stub = schema::stub_path(db_dir), tmp = stub + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << ShardSet::stub_text(generation_name(gen), shards);
        out.flush();
        if (!out) return Error{tmp + ": cannot write stub file", ErrorKind::kIo};
    }
    if (std::rename(tmp.c_str(), stub.c_str()) != 0)
        return Error{stub + ": cannot replace stub file: " + std::strerror(errno), ErrorKind::kIo};
    return true;
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

// What the index holds for one report: its document and change signature.
struct Existing {
    Xapian::docid docid;
    std::string signature;  // "<size>:<mtime>:<hash>" of the file it came from
    bool consumed = false;  // taken over by a renamed file in this run
};

// The slot-2 source of a report: the file's absolute path, plus the
// report's key for multi-report files (JSONL), after a separator. A file
// name may hold the separator byte itself: in either part it is doubled, so
// the first single separator is the one between them (issue 15, case 6: a
// name holding 0x1F was split there, removed and re-added on alternate runs).
constexpr char kKeySeparator = '\x1f';
std::string escape_separator(const std::string& part) {
    std::string out;
    out.reserve(part.size());
    for (char c : part) {
        out += c;
        if (c == kKeySeparator) out += kKeySeparator;
    }
    return out;
}
std::string source_of(const std::string& abs, const std::string& key) {
    return key.empty() ? escape_separator(abs) : escape_separator(abs) + kKeySeparator + escape_separator(key);
}
std::string file_of(const std::string& source) {
    std::string file;
    for (std::size_t i = 0; i < source.size(); ++i) {
        if (source[i] == kKeySeparator) {
            if (i + 1 < source.size() && source[i + 1] == kKeySeparator) ++i;  // a doubled one: the byte itself
            else break;
        }
        file += source[i];
    }
    return file;
}
// The metadata key marking a feed whose reading has started and not ended
// (its value: the feed's signature). Bounded: a hash of the path, not the path.
std::string feed_key(const std::string& abs) { return "feed:" + content_hash(abs); }
std::string hash_of(const std::string& signature) {
    auto colon = signature.rfind(':');
    return colon == std::string::npos ? std::string() : signature.substr(colon + 1);
}

class Run {
public:
    Run(const IndexOptions& o, ShardSet& db, ReaderProcess& reader) : opts_(o), db_(db), reader_(reader), pool_(o.threads) {}

    IndexSummary go() {
        load_existing();
        std::vector<std::string> roots, files;
        for (const std::string& p : opts_.paths) collect(p, roots, files);
        for (const std::string& f : files) seen_.insert(absolute_path(f));
        find_vanished(roots);
        progress_.files_total = files.size();
        for (const std::string& f : files) {
            struct stat st;
            if (::stat(f.c_str(), &st) == 0) progress_.bytes_total += static_cast<std::uint64_t>(st.st_size);
        }
        for (const std::string& f : files) {
            index_file(f);
            ++progress_.files_done;
            if (opts_.progress) opts_.progress(progress_);
        }
        drain(0);
        flush_spellings();
        for (const auto& [hash, source] : vanished_) {
            Existing& e = existing_[source];
            if (e.consumed) continue;
            db_.delete_document(e.docid);
            ++summary_.removed;
        }
        // Groups are recomputed over the whole index from the stored
        // fingerprints (no report is read again): a report added, changed or
        // removed may join, split or leave a group of reports not touched here.
        db_.commit();  // the reports first: the pass's time is its own
        GroupingSummary grouped = group_duplicates(db_);
        summary_.groups = grouped.groups;
        summary_.grouped_reports = grouped.in_groups;
        summary_.regrouped = grouped.rewritten;
        summary_.grouping_seconds = grouped.seconds;
        db_.set_metadata("last_indexed", now_iso());
        db_.commit();
        // Only once every report of the feeds is committed (a sharded index
        // commits its metadata first) are they marked as read to their end.
        if (!feeds_read_.empty()) {
            for (const std::string& key : feeds_read_) db_.set_metadata(key, "");
            db_.commit();
        }
        summary_.documents = db_.get_doccount();
        return summary_;
    }

private:
    struct Pending {
        std::string source, signature, id;
        std::string where;       // the file (path:line in a feed), for a failure
        std::uint64_t cost = 0;  // its memory estimate, while in flight
        std::optional<Xapian::docid> target;
        std::future<BuiltDocument> built;
    };

    static std::string now_iso() {
        std::time_t t = std::time(nullptr);
        char buf[32];
        std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
        return buf;
    }

    void load_existing() {
        for (auto it = db_.valuestream_begin(schema::kSlotPath); it != db_.valuestream_end(schema::kSlotPath); ++it) {
            std::string signature = db_.get_document(it.get_docid()).get_value(schema::kSlotSignature);
            existing_[*it] = Existing{it.get_docid(), signature};
            by_file_[file_of(*it)].push_back(*it);
        }
    }

    void fail(const std::string& path, const std::string& reason) {
        summary_.failures.push_back(Failure{path, reason});
    }

    void collect(const std::string& path, std::vector<std::string>& roots, std::vector<std::string>& files) {
        std::error_code ec;
        fs::file_status st = fs::status(path, ec);
        if (ec || !fs::exists(st)) {
            fail(path, path + ": no such file or directory");
            return;
        }
        roots.push_back(absolute_path(path));
        if (!fs::is_directory(st)) {
            files.push_back(path);
            shown_as_.emplace(path, as_utf8(fs::path(path).filename().string()));
            return;
        }
        std::vector<fs::path> found;
        fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
        if (ec) {
            fail(path, path + ": cannot list folder: " + ec.message());
            return;
        }
        for (; it != end; it.increment(ec)) {
            if (ec) {
                fail(path, path + ": cannot list folder: " + ec.message());
                break;
            }
            const fs::path& p = it->path();
            if (p.filename().string().rfind('.', 0) == 0) {
                if (it->is_directory(ec)) it.disable_recursion_pending();
                continue;
            }
            if (!is_report_path(p.string())) continue;
            if (it->is_regular_file(ec)) {
                found.push_back(p);
            } else if (it->is_symlink(ec) && !fs::exists(p, ec)) {
                fail(p.string(), p.string() + ": broken symbolic link");
            }
        }
        std::sort(found.begin(), found.end());
        for (const fs::path& f : found) {
            files.push_back(f.string());
            // A file's name for the page: relative to the folder indexed,
            // never the server's absolute path.
            shown_as_.emplace(f.string(), as_utf8(f.lexically_relative(path).string()));
        }
    }

    // Reports of files that are gone from an indexed root, by content hash:
    // a new file with the same content is the same report renamed or moved.
    void find_vanished(const std::vector<std::string>& roots) {
        for (const auto& [source, e] : existing_) {
            std::string file = file_of(source);
            if (seen_.count(file)) continue;
            bool inside = std::any_of(roots.begin(), roots.end(), [&](const std::string& r) { return under_root(file, r); });
            if (inside) vanished_.emplace(hash_of(e.signature), source);
        }
    }

    void index_file(const std::string& path) {
        std::string abs = absolute_path(path);
        if (!done_files_.insert(abs).second) return;
        struct stat st;
        if (::stat(path.c_str(), &st) != 0) return fail(path, path + ": " + std::strerror(errno));
        progress_.bytes_done += static_cast<std::uint64_t>(st.st_size);
        std::string quick = std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
                            std::to_string(st.st_mtim.tv_nsec);
        const std::vector<std::string>& sources = by_file_[abs];
        auto all_signed = [&](auto pred) {
            return !sources.empty() && std::all_of(sources.begin(), sources.end(), [&](const std::string& s) {
                return pred(existing_[s].signature);
            });
        };
        // A feed whose last reading was cut (kill -9) is read again, whatever
        // its reports carry: the reports after the cut were never written.
        bool interrupted = !db_.get_metadata(feed_key(abs)).empty();
        if (!interrupted && all_signed([&](const std::string& sig) { return sig.rfind(quick + ":", 0) == 0; })) {
            summary_.unchanged += sources.size();
            return;
        }
        // A feed is hashed, then read, as a stream: any size in bounded memory.
        bool feed = is_feed_path(path);
        std::optional<std::string> bytes;
        std::string hash;
        if (feed) {
            if (!S_ISREG(st.st_mode)) return fail(path, path + ": not a regular file");
            Expected<std::string> h = hash_file(path);
            if (!h) return fail(path, h.error().message);
            hash = *h;
        } else {
            Expected<std::string> read = read_file(path, opts_.max_file_bytes);
            if (!read) return fail(path, read.error().message);
            bytes = std::move(*read);
            hash = content_hash(*bytes);
        }
        std::string signature = quick + ":" + hash;
        if (!interrupted && all_signed([&](const std::string& sig) { return hash_of(sig) == hash; })) {
            for (const std::string& s : sources) {  // touched, not changed
                Xapian::Document d = db_.get_document(existing_[s].docid);
                d.add_value(schema::kSlotSignature, signature);
                db_.replace_document(existing_[s].docid, d);
            }
            summary_.unchanged += sources.size();
            return;
        }
        std::unordered_set<std::string> produced;
        std::unordered_map<std::string, std::size_t> key_lines;  // a feed's ids, and the line that gave each
        auto take = [&](Report&& report) {
            if (!report.key.empty()) {
                auto [first, fresh] = key_lines.emplace(report.key, report.line);
                if (!fresh) {  // issue 15, case 19: never replace silently
                    std::string where = path + ":" + std::to_string(report.line);
                    return fail(where, where + ": id \"" + as_utf8(report.key) + "\" already given on line " +
                                           std::to_string(first->second) + "; this line is not indexed");
                }
            }
            if (report.encoding == "windows-1252")
                summary_.notes.push_back({path, path + (report.key.empty() ? "" : " (" + report.key + ")") +
                                                    ": not UTF-8, decoded as windows-1252"});
            std::string source = source_of(abs, report.key);
            produced.insert(source);
            report.provenance.source = shown_as_[path] + (report.key.empty() ? "" : "#" + as_utf8(report.key));
            auto old = existing_.find(source);
            if (feed && old != existing_.end() && old->second.signature == signature) {
                ++summary_.unchanged;  // written by the run that was cut: resume after it
                return;
            }
            store(std::move(report), source, signature, hash);
        };
        bool complete;
        std::size_t failures_before = summary_.failures.size();
        if (feed) {
            // Marked as being read until its end is written, so that a run cut
            // in the middle is resumed by the next (issue 15, case 4).
            db_.set_metadata(feed_key(abs), signature);
            complete = stream_jsonl(path, opts_.max_file_bytes, take, summary_.failures);
            feeds_read_.push_back(feed_key(abs));
        } else {
            // Parsed in a child process, under the time and memory budgets.
            bytes.reset();
            ReadResult read = reader_.read(path);
            for (Failure& f : read.failures) summary_.failures.push_back(std::move(f));
            for (Report& report : read.reports) take(std::move(report));
            complete = true;
        }
        // Reports gone from a changed file; none when any of it could not be
        // read (a damaged line, a truncated gzip, an unreadable file): the
        // report a damaged line held stays as it was (issue 15, case 5).
        if (!complete || summary_.failures.size() != failures_before) return;
        for (const std::string& s : sources) {
            if (produced.count(s) || existing_[s].consumed) continue;
            db_.delete_document(existing_[s].docid);
            existing_[s].consumed = true;
            ++summary_.removed;
        }
    }

    // Where a report goes (the docid it replaces, its id) is decided here, in
    // order; its document is built on a worker; drain() writes the built
    // documents in the order they came.
    void store(Report report, const std::string& source, const std::string& signature, const std::string& hash) {
        if (pending_sources_.count(source)) drain(0);  // the same id twice in a feed: the first must be written
        std::string where = report.line ? report.path + ":" + std::to_string(report.line) : report.path;
        // A report costs many times its size to analyse (positions, terms,
        // spellings: 50-85x measured, issue 15 case 7). One that would not
        // fit the budget fails alone, before any memory is spent on it; the
        // reports in flight together stay within the budget too.
        std::uint64_t cost = memory_estimate(report);
        if (cost > opts_.max_memory_bytes)
            return fail(where, where + ": report of " + std::to_string(report.body.size() >> 20) +
                                   " MB would need about " + std::to_string(cost >> 20) +
                                   " MB to index, over the memory budget of " +
                                   std::to_string(opts_.max_memory_bytes >> 20) + " MB (--max-memory)");
        while (!pending_.empty() && in_flight_ + cost > opts_.max_memory_bytes) drain(pending_.size() - 1);
        auto old = existing_.find(source);
        Pending job;
        job.source = source;
        job.signature = signature;
        job.where = where;
        job.cost = cost;
        in_flight_ += cost;
        if (old != existing_.end()) {
            job.target = old->second.docid;
        } else if (report.key.empty()) {
            auto renamed = vanished_.find(hash);
            if (renamed != vanished_.end() && !existing_[renamed->second].consumed) {
                job.target = existing_[renamed->second].docid;
                existing_[renamed->second].consumed = true;
            }
        }
        job.id = job.target ? stored_id(*job.target) : new_id(report);
        job.built = pool_.submit([report = std::move(report), id = job.id, source, signature](analysis::FrenchAnalyzer& analyzer) {
            return build_document(report, id, source, signature, analyzer);
        });
        pending_sources_.insert(source);
        pending_.push_back(std::move(job));
        drain(kMaxPending);
    }

    // Xapian rewrites a spelling fragment's whole word list at each commit
    // that adds a word to it: per batch, that was a third of the writer's
    // work. Words are counted here and given to Xapian a few times per run.
    void flush_spellings() {
        for (const auto& [word, count] : spelling_counts_) db_.add_spelling(word, count);
        spelling_counts_.clear();
    }

    // Writes built documents, oldest first, until at most `keep` wait.
    void drain(std::size_t keep) {
        while (pending_.size() > keep) {
            Pending job = std::move(pending_.front());
            pending_.pop_front();
            pending_sources_.erase(job.source);
            in_flight_ -= job.cost;
            // What fails while one report is built or written fails that
            // report, named, and the run goes on (issue 15, cases 3 and 7).
            try {
                write(job, job.built.get());
            } catch (const std::bad_alloc&) {
                fail(job.where, job.where + ": out of memory while indexing this report (lower --threads or "
                                            "raise --max-memory)");
            } catch (const Xapian::DatabaseError&) {
                throw;  // the index itself: the run stops, as before
            } catch (const Xapian::Error& e) {
                fail(job.where, job.where + ": cannot index: " + e.get_description());
            }
        }
    }

    // Keeps `label` among the spellings of person `actor` (schema::kSpellingsKey).
    void add_spelling(const std::string& actor, const std::string& label) {
        if (!spellings_added_.insert(actor + '\n' + label).second) return;
        std::string key = std::string(schema::kSpellingsKey) + actor;
        std::string spellings = db_.get_metadata(key);
        std::vector<std::string> known = schema::unpack_ids(spellings);
        if (known.size() >= schema::kMaxSpellings || std::find(known.begin(), known.end(), label) != known.end()) return;
        known.push_back(label);
        db_.set_metadata(key, schema::pack_ids(known));
    }

    static std::uint64_t memory_estimate(const Report& report) {
        return kMemoryPerByte * (report.body.size() + report.title.size());
    }

    void write(const Pending& job, BuiltDocument built) {
        for (const std::string& w : built.spellings) ++spelling_counts_[w];
        if (spelling_counts_.size() >= kMaxSpellingWords) flush_spellings();
        for (const auto& [actor, label] : built.person_labels) {
            std::string key = std::string(schema::kLabelKey) + actor;
            if (labels_added_.insert(actor).second && db_.get_metadata(key).empty()) db_.set_metadata(key, label);
            add_spelling(actor, label);
        }
        if (job.target) {
            db_.replace_document(*job.target, built.document);
            ++summary_.updated;
        } else {
            Xapian::docid did = db_.replace_document(std::string(schema::kIdPrefix) + job.id, built.document);
            existing_[job.source] = Existing{did, job.signature};
            ++summary_.added;
        }
        if (++uncommitted_ >= opts_.batch_size) {
            db_.commit();
            uncommitted_ = 0;
        }
    }

    std::string stored_id(Xapian::docid did) {
        auto r = schema::deserialize(db_.get_document(did).get_data());
        return r ? r->id : std::to_string(did);
    }

    // The file name without extension (or the report's own id in a feed);
    // suffixed with a hash of its source when another report holds that id.
    // Always valid UTF-8 (a Latin-1 file name is converted) and cut on a
    // character boundary, so that the id a hit shows is the id
    // /api/report/ answers for (issue 15, case 16).
    std::string new_id(const Report& report) {
        std::string id = as_utf8(report.key.empty() ? fs::path(report.path).stem().string() : report.key);
        for (char& c : id)
            if (static_cast<unsigned char>(c) < 0x20 || c == '/') c = '_';
        if (id.empty()) id = "report";
        id = bounded_id(id);
        std::string term = std::string(schema::kIdPrefix) + id;
        if (db_.term_exists(term) || ids_used_.count(id))
            id += "-" + content_hash(absolute_path(report.path) + report.key).substr(0, 8);
        ids_used_.insert(id);
        return id;
    }

    // Enough documents in flight to keep the workers busy while one is written.
    static constexpr std::size_t kMaxPending = 256;
    static constexpr std::size_t kMaxSpellingWords = 1000000;
    // Bytes of memory one byte of report text costs while it is analysed
    // and written: above the 50-85x measured on French text (issue 15).
    static constexpr std::uint64_t kMemoryPerByte = 100;
    std::uint64_t in_flight_ = 0;

    const IndexOptions& opts_;
    ShardSet& db_;  // one database, or the shards of a sharded index
    ReaderProcess& reader_;
    AnalysisPool pool_;
    std::deque<Pending> pending_;
    std::unordered_set<std::string> pending_sources_;
    std::unordered_map<std::string, Xapian::termcount> spelling_counts_;
    std::map<std::string, Existing> existing_;                    // by source
    std::map<std::string, std::vector<std::string>> by_file_;     // file -> its sources
    std::multimap<std::string, std::string> vanished_;            // content hash -> source
    std::unordered_set<std::string> seen_, done_files_, ids_used_, labels_added_, spellings_added_;
    std::unordered_map<std::string, std::string> shown_as_;  // file as walked -> its source name (Provenance)
    std::vector<std::string> feeds_read_;  // metadata keys of the feeds read in this run
    IndexSummary summary_;
    Progress progress_;
    unsigned uncommitted_ = 0;
};

}  // namespace

// Removes the generations newer than the live one: what a killed --rebuild
// or --compact left half-written (issue 15, case 19). Under the write lock,
// so no other writer is building one.
void remove_unfinished_generations(const std::string& dir, int live) {
    std::error_code ec;
    std::vector<fs::path> unfinished;  // listed first: no removal while the folder is read
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (name.size() != 10 || name.rfind("gen-", 0) != 0) continue;
        if (name.find_first_not_of("0123456789", 4) != std::string::npos) continue;
        if (std::stoi(name.substr(4)) > live) unfinished.push_back(it->path());
    }
    for (const fs::path& p : unfinished) fs::remove_all(p, ec);
}

// Writes generation `gen` compacted (Xapian's compaction: full B-tree
// blocks, merged postings) as generation gen+1 and points the stub at it.
Expected<bool> compact_generation(const std::string& dir, int gen, unsigned shards) {
    std::string from = dir + "/" + generation_name(gen), to = dir + "/" + generation_name(gen + 1);
    std::error_code ec;
    fs::remove_all(to, ec);  // leftovers of an interrupted compaction
    std::vector<std::string> members;
    if (shards == 0) {
        members.push_back("");
    } else {
        fs::create_directories(to, ec);
        members.push_back(std::string(schema::kLexiconName));
        for (unsigned k = 0; k < shards; ++k) members.push_back(schema::shard_name(k));
    }
    for (const std::string& m : members) {
        Xapian::Database source(m.empty() ? from : from + "/" + m);
        source.compact(m.empty() ? to : to + "/" + m, Xapian::DBCOMPACT_NO_RENUMBER | Xapian::Compactor::FULL);
    }
    return switch_stub(dir, gen + 1, shards);
}

Expected<IndexSummary> index_paths(const IndexOptions& options) {
    const std::string& dir = options.db_dir;
    // First, while this process has no thread, no lock and no open index.
    ReaderProcess reader(ReadBudget{options.max_file_bytes, options.max_memory_bytes, options.max_seconds});
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return Error{dir + ": cannot create index folder: " + ec.message(), ErrorKind::kIo};
    Expected<WriteLock> lock = WriteLock::acquire(dir);
    if (!lock) return lock.error();

    schema::StubInfo stub = schema::read_stub(dir);
    if (stub.remote)
        return Error{"index " + dir + " lists remote shards (" + schema::stub_path(dir) +
                     "); index into the folder the shards were copied from"};
    int live = stub.generation_number;
    // An index in another format cannot be added to: its terms mean other
    // things. Rebuilding it here could drop the reports of folders this run
    // does not name, so the user is asked to.
    if (live != 0 && !options.rebuild) {
        std::string format;
        try {
            format = Xapian::Database(schema::stub_path(dir)).get_metadata(std::string(schema::kFormatKey));
        } catch (const Xapian::Error&) {
            format = std::to_string(schema::kFormatVersion);  // unreadable: the run below reports it
        }
        if (format != std::to_string(schema::kFormatVersion))
            return Error{"index " + dir + " was written by another version of Vigie (index format " +
                         (format.empty() ? std::string("1") : format) + ", this one writes " +
                         std::to_string(schema::kFormatVersion) + "): run vigie index --rebuild --db " + dir +
                         " with every folder it holds"};
    }
    const bool rebuild = options.rebuild;
    // The shard count of an index is fixed: reports are routed by a hash of
    // their id modulo the count, so another count means re-routing them all.
    if (live != 0 && options.shards && options.shards != stub.shards && !rebuild)
        return Error{"index " + dir + (stub.shards ? " has " + std::to_string(stub.shards) + " shards"
                                                   : std::string(" is not sharded")) +
                     "; --shards " + std::to_string(options.shards) + " needs --rebuild (every report is re-routed)"};
    unsigned shards = options.shards ? options.shards : live != 0 ? stub.shards : 0;
    // A rebuild writes a new generation beside the live one and switches at
    // the end. The very first index is live from its first commit instead,
    // so that an interrupted first run keeps what it committed.
    bool beside = rebuild && live != 0;
    int gen = live == 0 ? 1 : beside ? live + 1 : live;
    std::string gen_dir = dir + "/" + generation_name(gen);
    remove_unfinished_generations(dir, live);
    try {
        bool create = beside || live == 0;
        if (create) fs::remove_all(gen_dir, ec);  // leftovers of an interrupted run
        if (create && shards) fs::create_directories(gen_dir, ec);
        ShardSet db(gen_dir, shards, create);
        if (create) {
            db.set_metadata(std::string(schema::kFormatKey), std::to_string(schema::kFormatVersion));
            // Only a new generation: an older one updated here keeps reports without event terms.
            db.set_metadata(std::string(schema::kEventTermsKey), "1");
        }
        if (live == 0) {
            db.commit();
            Expected<bool> switched = switch_stub(dir, gen, shards);
            if (!switched) return switched.error();
        }
        IndexSummary summary = Run(options, db, reader).go();
        db.close();
        int replaced = live;  // the generation readers may still hold
        if (beside) {
            Expected<bool> switched = switch_stub(dir, gen, shards);
            if (!switched) return switched.error();
        }
        if (options.compact) {
            // Compacted into the next generation, which then goes live the same way.
            Expected<bool> compacted = compact_generation(dir, gen, shards);
            if (!compacted) return compacted.error();
            replaced = gen;
            gen = gen + 1;
        }
        if (gen != live) {
            // The generation just replaced stays one more round for readers
            // that opened it before the switch; older ones go.
            for (int old = replaced - 1; old >= 1; --old) {
                std::string old_dir = dir + "/" + generation_name(old);
                if (!fs::exists(old_dir, ec)) continue;
                fs::remove_all(old_dir, ec);
            }
        }
        return summary;
    } catch (const Xapian::DatabaseCorruptError& e) {
        return Error{"index " + gen_dir + ": " + e.get_description(), ErrorKind::kCorruption};
    } catch (const Xapian::DatabaseLockError& e) {
        return Error{"index " + gen_dir + ": " + e.get_description(), ErrorKind::kUnavailable};
    } catch (const Xapian::Error& e) {
        return Error{"index " + gen_dir + ": " + e.get_description(), ErrorKind::kIo};
    }
}

}  // namespace vigie::indexer
