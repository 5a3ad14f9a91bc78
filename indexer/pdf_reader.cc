// PDF reports: the text of each page, through poppler-cpp in the PDF module
// (indexer/pdf_module.cc, loaded on the first PDF), with the offsets where
// pages start kept so that a hit can name its page.
#include <mutex>

#include "common/module_loader.h"
#include "indexer/formats.h"
#include "indexer/pdf_module.h"
#include "indexer/text_cleaner.h"

namespace vigie::indexer {
namespace {

// The module's entry point, or null with the reason.
PdfExtract pdf_extract(std::string& error) {
    static std::once_flag once;
    static PdfExtract extract = nullptr;
    static std::string why;
    std::call_once(once, [] {
        void* module = open_module(kPdfModule, why);
        if (!module) return;
        extract = reinterpret_cast<PdfExtract>(::dlsym(module, kPdfExtractSymbol));
        if (!extract) why = std::string(kPdfModule) + " has no " + kPdfExtractSymbol;
    });
    error = why;
    return extract;
}

}  // namespace

ReadResult read_pdf(const std::string& path, const std::string& bytes, std::size_t) {
    ReadResult out;
    auto fail = [&](const std::string& why) {
        out.failures.push_back({path, path + ": " + why});
        return out;
    };
    std::string error;
    PdfExtract extract = pdf_extract(error);
    if (!extract) return fail("PDF reader unavailable (" + error + ")");
    PdfText pdf;
    extract(bytes.data(), bytes.size(), &pdf);
    if (pdf.status == PdfText::kUnreadable) return fail("not a readable PDF (damaged or truncated)");
    if (pdf.status == PdfText::kLocked) return fail("encrypted PDF (password required)");
    Report r;
    r.path = path;
    r.format = "pdf";
    r.encoding = "pdf";
    const std::string& title = pdf.title;
    for (std::size_t i = 0; i < pdf.pages.size(); ++i) {
        r.pages.push_back(r.body.size());
        if (pdf.page_missing[i]) continue;
        std::string& page_text = pdf.pages[i];
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
    r.provenance.author = pdf.author;
    r.provenance.url = pdf.url;
    if (schema::web_url(r.provenance.url).empty()) r.provenance.url = pdf.source;
    schema::tidy(r.provenance);
    out.reports.push_back(std::move(r));
    return out;
}

}  // namespace vigie::indexer
