// vigie: the command line. Thin: parses options, calls the libraries, prints.
// Every error ends as one line on stderr and a non-zero exit status.
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <cstdio>
#include <functional>
#include <iostream>
#include <optional>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "common/module_loader.h"
#include "indexer/indexer.h"
#include "schema/schema.h"
#include "searcher/entity.h"
#include "searcher/export.h"
#include "searcher/relaxation.h"
#include "searcher/result_format.h"
#include "searcher/searcher.h"
#include "server/server.h"
#include "vigie_version.h"  // generated at build time by cmake/GitVersion.cmake

namespace {

constexpr const char* kDefaultDb = "index";

// Exit statuses, in this one place (BSD sysexits values, which systemd and
// shell scripts know): 0 done; 2 some inputs failed, the others done (or a
// bad command line); an error's kind otherwise.
constexpr int kSomeInputsFailed = 2;
constexpr int kBadCommandLine = 2;  // as it always was (CLI11's parse errors)
constexpr int kUnexpected = 70;  // EX_SOFTWARE: a bug; the message says what
int exit_status(vigie::ErrorKind kind) {
    switch (kind) {
        case vigie::ErrorKind::kInvalidArgument: return 64;  // EX_USAGE
        case vigie::ErrorKind::kNotFound: return 66;         // EX_NOINPUT
        case vigie::ErrorKind::kUnavailable: return 75;      // EX_TEMPFAIL: try again later
        case vigie::ErrorKind::kIo: return 74;               // EX_IOERR
        case vigie::ErrorKind::kCorruption: return 65;       // EX_DATAERR
    }
    return kUnexpected;
}

int fail(const vigie::Error& error) {
    std::cerr << "vigie: " << error.message << "\n";
    return exit_status(error.kind);
}

// JSON for people's file names: a name that is not UTF-8 (Latin-1 on an old
// disk) is printed with U+FFFD, never a failed dump (issue 15, case 17).
std::string dump(const nlohmann::json& j) {
    return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
    return out;
}

// A progress bar on stderr, redrawn at most ten times a second.
class ProgressBar {
public:
    void operator()(const vigie::indexer::Progress& p) {
        auto now = std::chrono::steady_clock::now();
        if (p.files_done < p.files_total && now - last_ < std::chrono::milliseconds(100)) return;
        last_ = now;
        double secs = std::chrono::duration<double>(now - start_).count();
        double mb = p.bytes_done / 1e6, rate = secs > 0 ? mb / secs : 0;
        double frac = p.bytes_total ? double(p.bytes_done) / p.bytes_total : 1.0;
        double eta = frac > 0 ? secs / frac - secs : 0;
        int width = 30, filled = static_cast<int>(frac * width);
        std::fprintf(stderr, "\r[%s%s] %zu/%zu files  %.1f MB/s  ETA %.0fs ", std::string(filled, '#').c_str(),
                     std::string(width - filled, ' ').c_str(), p.files_done, p.files_total, rate, eta);
        if (p.files_done == p.files_total) std::fprintf(stderr, "\n");
    }

private:
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), last_;
};

int run_index(const std::string& db, std::vector<std::string> paths, bool rebuild, bool json, bool quiet,
              double max_mb, unsigned batch, unsigned threads, unsigned shards, bool compact, double max_memory_mb,
              unsigned max_seconds) {
    if (paths.empty()) paths.push_back("seeds");
    vigie::indexer::IndexOptions options;
    options.db_dir = db;
    options.paths = paths;
    options.rebuild = rebuild;
    options.max_file_bytes = static_cast<std::uint64_t>(max_mb * 1024 * 1024);
    options.max_memory_bytes = static_cast<std::uint64_t>(max_memory_mb * 1024 * 1024);
    options.max_seconds = max_seconds;
    options.batch_size = batch;
    options.threads = threads;
    options.compact = compact;
    options.shards = shards;
    ProgressBar bar;
    if (!quiet && ::isatty(STDERR_FILENO)) options.progress = std::ref(bar);
    auto summary = vigie::indexer::index_paths(options);
    if (!summary) return fail(summary.error());
    const auto& s = *summary;
    if (json) {
        nlohmann::json failures = nlohmann::json::array();
        for (const auto& f : s.failures) failures.push_back({{"path", f.path}, {"reason", f.reason}});
        nlohmann::json notes = nlohmann::json::array();
        for (const auto& n : s.notes) notes.push_back({{"path", n.path}, {"reason", n.reason}});
        nlohmann::json j = {{"added", s.added},         {"updated", s.updated},
                            {"removed", s.removed},     {"unchanged", s.unchanged},
                            {"failed", s.failures.size()}, {"failures", failures},
                            {"notes", notes},         {"documents", s.documents},
                            {"groups", s.groups},     {"grouped_reports", s.grouped_reports},
                            {"regrouped", s.regrouped}, {"grouping_seconds", s.grouping_seconds}};
        std::cout << dump(j) << "\n";
    } else {
        std::cout << "indexed into " << db << ": " << s.added << " added, " << s.updated << " updated, "
                  << s.removed << " removed, " << s.unchanged << " unchanged, " << s.failures.size()
                  << " failed; " << s.documents << " reports in the index\n"
                  << "duplicates: " << s.groups << " groups of " << s.grouped_reports << " reports ("
                  << s.regrouped << " regrouped in " << s.grouping_seconds << " s)\n";
    }
    for (const auto& n : s.notes) std::cerr << "vigie: note: " << n.reason << "\n";
    for (const auto& f : s.failures) std::cerr << "vigie: failed: " << f.reason << "\n";
    return s.failures.empty() ? 0 : kSomeInputsFailed;
}

int run_stats(const std::string& db, bool json) {
    auto st = vigie::searcher::index_stats(db);
    if (!st) return fail(st.error());
    if (json) {
        std::cout << vigie::searcher::to_json(*st);
        return 0;
    }
    std::cout << "index " << db << " (" << st->generation
              << (st->shards ? ", " + std::to_string(st->shards) + (st->remote ? " remote" : "") + " shards" : "")
              << ")\n"
              << "  reports: " << st->reports << "\n  formats:";
    for (const auto& [f, n] : st->formats) std::cout << " " << f << " " << n;
    std::cout << "\n  last indexed: " << (st->last_indexed.empty() ? "unknown" : st->last_indexed) << "\n"
              << "  size on disk: " << st->bytes_on_disk / 1024 << " KiB\n";
    return 0;
}

int run_search(const std::string& db, const vigie::searcher::SearchRequest& req, bool json) {
    auto searcher = vigie::searcher::Searcher::open(db);
    if (!searcher) return fail(searcher.error());
    searcher->set_facet_column(false);  // one command, few searches: counted from the value slots
    auto result = searcher->search(req);
    if (!result) return fail(result.error());
    vigie::searcher::add_relaxations(*searcher, req, *result);
    if (req.explain) std::cerr << result->explanation << "\n";
    std::cout << (json ? vigie::searcher::to_json(*result)
                       : vigie::searcher::to_text(*result, ::isatty(STDOUT_FILENO) != 0));
    return 0;
}

// --format csv|jsonl: the whole result set (docs/export.md), `limit` rows at
// most when --limit was given. Nothing is written when the search fails.
int run_export(const std::string& db, const vigie::searcher::SearchRequest& req, const std::string& format,
               std::optional<std::size_t> limit) {
    auto searcher = vigie::searcher::Searcher::open(db);
    if (!searcher) return fail(searcher.error());
    vigie::searcher::ExportOptions options;
    options.format = *vigie::searcher::parse_export_format(format);
    options.limit = limit;
    auto rows = vigie::searcher::export_results(*searcher, req, options, std::cout);
    std::cout.flush();
    if (!rows) return fail(rows.error());
    if (!std::cout) return fail(vigie::Error{"could not write the export to stdout", vigie::ErrorKind::kIo});
    return 0;
}

int run_facets(const std::string& db, const std::string& field, bool json, const std::string& count) {
    auto searcher = vigie::searcher::Searcher::open(db);
    if (!searcher) return fail(searcher.error());
    searcher->set_facet_column(false);  // one command, few searches: counted from the value slots
    vigie::searcher::SearchRequest req;
    req.count = count == "stories" ? vigie::searcher::Count::kStories : vigie::searcher::Count::kReports;
    req.limit = 0;
    req.facet_limit = 0;
    auto result = searcher->search(req);
    if (!result) return fail(result.error());
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [name, values] : result->facets) {
        if (!field.empty() && name != field) continue;
        nlohmann::json list = nlohmann::json::array();
        for (const auto& v : values) {
            nlohmann::json value = {{"id", v.id}, {"label", v.label}, {"count", v.count}};
            if (!v.type.empty()) value["type"] = v.type;
            if (!v.parent.empty()) value["parent"] = v.parent;
            list.push_back(value);
        }
        out[name] = list;
        if (!json) {
            std::cout << name << ":\n";
            for (const auto& v : values)
                std::cout << "  " << v.count << "\t" << v.id << "\t" << v.label << (v.type.empty() ? "" : "\t" + v.type)
                          << "\n";
        }
    }
    if (json) std::cout << dump(out) << "\n";
    return 0;
}

int run_entity(const std::string& db, const std::string& type, const std::string& id, bool json) {
    auto searcher = vigie::searcher::Searcher::open(db);
    if (!searcher) return fail(searcher.error());
    searcher->set_facet_column(false);  // one command, few searches: counted from the value slots
    vigie::searcher::EntityRequest req;
    req.type = type;
    req.id = id;
    auto page = vigie::searcher::entity_page(*searcher, req);
    if (!page) return fail(page.error());
    if (!*page)
        return fail(vigie::Error{"no " + type + " " + id + " in the catalogue, the gazetteer or the index " + db,
                                 vigie::ErrorKind::kNotFound});
    std::cout << (json ? vigie::searcher::to_json(**page) : vigie::searcher::to_text(**page));
    return 0;
}

// `vigie serve` runs vigie-serve in this process (exec: same pid, same
// output), so that the other commands need not load cpp-httplib and OpenSSL.
int run_serve(const vigie::server::ServeOptions& options) {
    std::string error;
    std::string path = vigie::find_module("vigie-serve", error);
    if (path.empty()) return fail(vigie::Error{"cannot serve: " + error, vigie::ErrorKind::kNotFound});
    std::string port = std::to_string(options.port);
    const char* args[] = {path.c_str(), "--db", options.db_dir.c_str(), "--host", options.host.c_str(),
                          "--port", port.c_str(), nullptr};
    std::cout.flush();
    ::execv(path.c_str(), const_cast<char* const*>(args));
    return fail(vigie::Error{"cannot serve: " + path + ": " + std::strerror(errno), vigie::ErrorKind::kIo});
}

int run_analyze(const std::string& text, const std::string& db, bool json) {
    auto words = vigie::searcher::analyze_words(text, db);
    if (!words) return fail(words.error());
    nlohmann::json tokens = nlohmann::json::array();
    for (const auto& w : *words) {
        if (json) {
            tokens.push_back({{"position", w.position}, {"surface", w.surface}, {"form", w.form},
                              {"folded", w.folded},     {"stem", w.lemma},      {"lemma", w.lemma},
                              {"stop", w.stop},         {"in_dictionary", w.in_dictionary},
                              {"name", w.name},         {"why", w.why},         {"terms", w.terms}});
            continue;
        }
        std::cout << w.position << "\t" << w.surface << "\t-> ";
        for (std::size_t i = 0; i < w.terms.size(); ++i) std::cout << (i ? " " : "") << w.terms[i];
        std::cout << "\t" << (w.stop ? "stop word: indexed for phrases, not ranked"
                                      : (w.name ? "name: " : "word: ") + w.why)
                  << (w.lemma != w.form && !w.name && !w.stop ? " (lemma " + w.lemma + ")" : "") << "\n";
    }
    if (json) std::cout << dump(nlohmann::json({{"text", text}, {"tokens", tokens}})) << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Vigie: search French reports on human-rights abuses"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "vigie " VIGIE_VERSION " (commit " VIGIE_COMMIT ")",
                         "print the version and the git commit it was built from, and exit");
    std::string db = kDefaultDb;
    bool json = false;

    auto* index = app.add_subcommand("index", "index report files (default: seeds/)");
    std::vector<std::string> paths;
    bool rebuild = false;
    index->add_option("--db", db, "index folder")->capture_default_str();
    index->add_flag("--rebuild", rebuild, "build a fresh index and switch to it when complete");
    index->add_flag("--json", json, "print the summary as JSON");
    bool quiet = false;
    double max_mb = 50;
    index->add_flag("--quiet", quiet, "no progress bar");
    unsigned batch = 1000;
    index->add_option("--batch-size", batch, "reports per commit")->capture_default_str()->check(CLI::Range(1u, 1000000u));
    unsigned threads = 0;
    bool compact = false;
    index->add_flag("--compact", compact, "afterwards, rewrite the index compacted (smaller, faster to search)");
    index->add_option("--threads", threads, "analysis threads (0: one per core)")->capture_default_str()->check(CLI::Range(0u, 256u));
    index->add_option("--max-size", max_mb, "largest file (in a JSONL feed: line) to read, in MB")->capture_default_str()->check(CLI::PositiveNumber);
    double max_memory_mb = 2048;
    index->add_option("--max-memory", max_memory_mb,
                      "memory one report may take to index, in MB (about 100x its text); over it the report fails")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    unsigned max_seconds = 60;
    index->add_option("--max-seconds", max_seconds,
                      "CPU seconds one file (not a feed) may take to be read; over it the file fails")
        ->capture_default_str()
        ->check(CLI::Range(1u, 86400u));
    unsigned shards = 0;
    index->add_option("--shards", shards,
                      "split the index into N shards (a new index, or with --rebuild; see docs/scaling.md)")
        ->check(CLI::Range(1u, 256u));
    index->add_option("paths", paths, "files or folders to index");

    auto* search = app.add_subcommand("search", "search the index");
    vigie::searcher::SearchRequest req;
    std::vector<std::string> words;
    std::string sort = "relevance";
    search->add_option("--db", db, "index folder")->capture_default_str();
    search->add_flag("--json", json, "print JSON (see CONTRACT.md); same as --format json");
    std::string format = "text";
    search->add_option("--format", format, "text, json, or the whole result set as csv or jsonl (docs/export.md)")
        ->check(CLI::IsMember({"text", "json", "csv", "jsonl"}));
    search->add_option("--limit", req.limit, "hits to show")->capture_default_str()->check(CLI::Range(0u, 10000u));
    search->add_option("--offset", req.offset, "hits to skip")->capture_default_str();
    search->add_option("--sort", sort, "relevance or date")->check(CLI::IsMember({"relevance", "date"}));
    search->add_option("--actor", req.actors, "only reports naming this actor id (repeatable: any of them; with --place, both must hold)");
    search->add_option("--place", req.places, "only reports naming this place id (repeatable: any of them; with --actor, both must hold)");
    search->add_option("--from", req.from, "from this date, inclusive (YYYY[-MM[-DD]])");
    search->add_option("--to", req.to, "up to this date, inclusive (YYYY[-MM[-DD]])");
    search->add_option("--event-from", req.event_from,
                       "reports mentioning an event date wholly on or after this one (YYYY[-MM[-DD]]; docs/event-dates.md)");
    search->add_option("--event-to", req.event_to, "reports mentioning an event date wholly on or before this one");
    search->add_option("--facet-limit", req.facet_limit, "values per facet (0: all)")->capture_default_str();
    search->add_flag("--explain", req.explain, "print the Xapian query to stderr");
    search->add_flag("--group", req.group, "one hit per story: duplicates of a report shown as its versions (docs/duplicates.md)");
    std::string count = "reports";
    search->add_option("--count", count, "what facet counts count: reports, or stories (duplicates once)")
        ->capture_default_str()
        ->check(CLI::IsMember({"reports", "stories"}));
    search->add_option("query", words, "query words");

    auto* facets = app.add_subcommand("facets", "list facet values with their counts");
    std::string field;
    facets->add_option("--db", db, "index folder")->capture_default_str();
    facets->add_flag("--json", json, "print JSON");
    facets->add_option("--field", field, "actor, place, date or year")
        ->check(CLI::IsMember({"actor", "place", "date", "year"}));
    facets->add_option("--count", count, "what counts count: reports, or stories (duplicates once)")
        ->capture_default_str()
        ->check(CLI::IsMember({"reports", "stories"}));

    auto* entity = app.add_subcommand("entity", "an actor's or a place's page: names, reports per month, who and where "
                                                "is named with it, latest reports");
    std::string entity_type, entity_id;
    entity->add_option("--db", db, "index folder")->capture_default_str();
    entity->add_flag("--json", json, "print JSON (see CONTRACT.md)");
    entity->add_option("type", entity_type, "actor or place")->required()->check(CLI::IsMember({"actor", "place"}));
    entity->add_option("id", entity_id, "its facet id (fama, mopti)")->required();

    auto* stats = app.add_subcommand("stats", "what the index holds");
    stats->add_option("--db", db, "index folder")->capture_default_str();
    stats->add_flag("--json", json, "print JSON");

    auto* serve = app.add_subcommand("serve", "serve the web page and the JSON API over HTTP");
    vigie::server::ServeOptions serve_options;
    serve->add_option("--db", db, "index folder")->capture_default_str();
    serve->add_option("--host", serve_options.host, "address to listen on")->capture_default_str();
    serve->add_option("--port", serve_options.port, "port (0: any free one)")
        ->capture_default_str()
        ->check(CLI::Range(0, 65535));

    auto* analyze = app.add_subcommand("analyze", "show how text is analysed into index terms");
    std::vector<std::string> text;
    analyze->add_flag("--json", json, "print JSON");
    std::string analyze_db;
    analyze->add_option("--db", analyze_db, "decide names with this index's evidence, as a search there does");
    analyze->add_option("text", text, "French text")->required();

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);
        std::cerr << "vigie: " << e.what() << " (see vigie --help)\n";
        return kBadCommandLine;
    }
    try {
        if (*index) return run_index(db, paths, rebuild, json, quiet, max_mb, batch, threads, shards, compact,
                                     max_memory_mb, max_seconds);
        if (*stats) return run_stats(db, json);
        if (*search) {
            req.query = join(words);
            req.sort = sort == "date" ? vigie::searcher::Sort::kDate : vigie::searcher::Sort::kRelevance;
            req.count = count == "stories" ? vigie::searcher::Count::kStories : vigie::searcher::Count::kReports;
            if (format == "csv" || format == "jsonl")
                return run_export(db, req, format,
                                  search->count("--limit") ? std::optional<std::size_t>(req.limit) : std::nullopt);
            return run_search(db, req, json || format == "json");
        }
        if (*facets) return run_facets(db, field, json, count);
        if (*entity) return run_entity(db, entity_type, entity_id, json);
        if (*serve) {
            serve_options.db_dir = db;
            return run_serve(serve_options);
        }
        if (*analyze) return run_analyze(join(text), analyze_db, json);
    } catch (const std::exception& e) {
        std::cerr << "vigie: unexpected error: " << e.what() << "\n";
        return kUnexpected;
    }
    return kUnexpected;
}
