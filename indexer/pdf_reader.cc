// PDF reports through poppler-cpp (from Debian): the text of each page, with
// the offsets where pages start kept so that a hit can name its page.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <memory>

#include "indexer/formats.h"
#include "indexer/text_cleaner.h"

namespace vigie::indexer {

ReadResult read_pdf(const std::string& path, const std::string& bytes, std::size_t) {
    // Poppler prints its own complaints on stderr; ours name the file instead.
    static const bool quiet = [] {
        poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
        return true;
    }();
    (void)quiet;
    ReadResult out;
    auto fail = [&](const std::string& why) {
        out.failures.push_back({path, path + ": " + why});
        return out;
    };
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!doc) return fail("not a readable PDF (damaged or truncated)");
    if (doc->is_locked()) return fail("encrypted PDF (password required)");
    Report r;
    r.path = path;
    r.format = "pdf";
    r.encoding = "pdf";
    poppler::byte_array title_bytes = doc->get_title().to_utf8();
    std::string title(title_bytes.begin(), title_bytes.end());
    for (int i = 0; i < doc->pages(); ++i) {
        std::unique_ptr<poppler::page> page(doc->create_page(i));
        r.pages.push_back(r.body.size());
        if (!page) continue;
        poppler::byte_array text = page->text().to_utf8();
        std::string page_text(text.begin(), text.end());
        for (char& c : page_text)
            if (c == '\f') c = '\n';
        r.body += page_text;
        r.body += "\n\n";
    }
    if (r.body.find_first_not_of(" \n\r\t") == std::string::npos) return fail("no text in the PDF (scanned images?)");
    // Cleaning would move the page offsets: keep the body as extracted, take
    // the title and date from the text.
    CleanedText cleaned = clean_report_text(r.body);
    r.title = make_title(title.empty() ? cleaned.title : title);
    r.date = cleaned.date;
    // Provenance from the information dictionary: /Author, and an address
    // only when the PDF carries one (/URL or /Source, not standard keys;
    // tidy() keeps it only if it is http(s)). No outlet key exists: the
    // outlet comes from that address's host, when there is one.
    auto info = [&](const char* key) {
        poppler::byte_array bytes = doc->info_key(key).to_utf8();
        return std::string(bytes.begin(), bytes.end());
    };
    r.provenance.author = info("Author");
    r.provenance.url = info("URL");
    if (schema::web_url(r.provenance.url).empty()) r.provenance.url = info("Source");
    schema::tidy(r.provenance);
    out.reports.push_back(std::move(r));
    return out;
}

}  // namespace vigie::indexer
