// searcher::Searcher::search on a tiny real index (three generated French
// reports, indexed once into a temporary folder with indexer::index_paths),
// with arbitrary bytes as the query text. Input lines: the query, then
// optionally --from and --to; the input's length picks the sort order, the
// limit and the offset. Every result is also rendered as JSON and text.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

#include "fuzz/fuzz_util.h"
#include "indexer/indexer.h"
#include "searcher/result_format.h"
#include "searcher/searcher.h"

namespace {

const char* const kReports[][2] = {
    {"a.txt",
     " date 2022-06 Au Mali, l’armée malienne et le groupe Wagner ont tué 132 civils à Diallassagou, "
     "dans le cercle de Bankass (région de Mopti), le 19 mai.\n\n"
     "Selon l'ONU, « les exactions » des FAMa se poursuivent ; le colonel Assimi Goïta dément. "
     "Un bilan de 17 557 déplacés fin mars 2022.\n"},
    {"b.txt",
     "Burkina Faso : des jihadistes du JNIM attaquent Djibo\n\n"
     "Publié le 5 novembre 2022\n"
     "Home » Afrique\n"
     "Les réfugiés fuient vers Ouagadougou. Le porte-parole du gouvernement, Jean-Emmanuel Ouédraogo, "
     "parle d'Al-Qaïda au Maghreb islamique et de l’État islamique au Sahel (EIGS) début 2021.\n"
     "0 comments\n"},
    {"c.txt",
     " date 2021-03-14 Niger : à Tillabéri, des hommes armés ont attaqué le village de Banibangou.\n"
     "Amnesty International dénonce des « crimes de guerre » ; le président Mohamed Bazoum promet une enquête "
     "sur les armes et l’armée. Segou, Ségou, coup d'État, aujourd’hui.\n"},
};

struct Index {
    std::string dir;
    std::unique_ptr<vigie::searcher::Searcher> searcher;

    Index() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "vigie-fuzz-XXXXXX").string();
        if (!::mkdtemp(tmpl.data())) std::abort();
        dir = tmpl;
        std::filesystem::create_directories(dir + "/reports");
        for (const auto& r : kReports) std::ofstream(dir + "/reports/" + r[0], std::ios::binary) << r[1];
        vigie::indexer::IndexOptions opts;
        opts.db_dir = dir + "/db";
        opts.paths = {dir + "/reports"};
        auto summary = vigie::indexer::index_paths(opts);
        if (!summary.ok() || summary->added != 3) {
            std::fprintf(stderr, "cannot build the fuzz index in %s\n", dir.c_str());
            std::abort();
        }
        auto s = vigie::searcher::Searcher::open(opts.db_dir);
        if (!s.ok()) std::abort();
        searcher = std::make_unique<vigie::searcher::Searcher>(std::move(*s));
    }
    ~Index() {
        searcher.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

Index& index() {
    static Index i;
    return i;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    index();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    std::string_view lines[3];
    for (std::size_t k = 0, pos = 0; k < 3 && pos <= in.size(); ++k) {
        std::size_t eol = k == 2 ? std::string_view::npos : in.find('\n', pos);
        if (eol == std::string_view::npos) eol = in.size();
        lines[k] = in.substr(pos, eol - pos);
        pos = eol + 1;
    }
    vigie::searcher::SearchRequest req;
    req.query = std::string(lines[0]);
    req.from = std::string(lines[1]);
    req.to = std::string(lines[2]);
    req.sort = size % 2 ? vigie::searcher::Sort::kDate : vigie::searcher::Sort::kRelevance;
    req.limit = static_cast<unsigned>(size % 5);
    req.offset = static_cast<unsigned>(size % 3 == 0 ? 1 : 0);
    req.explain = size % 7 == 0;
    req.facet_limit = static_cast<unsigned>(size % 4);

    auto result = index().searcher->search(req);
    if (result.ok()) {
        VIGIE_FUZZ_CHECK(result->total <= 3 && result->hits.size() <= req.limit);
        (void)vigie::searcher::to_json(*result);
        (void)vigie::searcher::to_text(*result, size % 2);
    } else {
        VIGIE_FUZZ_CHECK(!result.error().message.empty());
    }
    return 0;
}
