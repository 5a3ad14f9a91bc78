// vigie_pdf.so: the text of a PDF through poppler-cpp (from Debian), loaded
// by indexer/pdf_reader.cc when the first PDF is read.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <memory>

#include "indexer/pdf_module.h"

namespace {

std::string utf8(const poppler::ustring& s) {
    poppler::byte_array bytes = s.to_utf8();
    return std::string(bytes.begin(), bytes.end());
}

}  // namespace

extern "C" __attribute__((visibility("default"))) void vigie_pdf_extract(const char* data, std::size_t size,
                                                                         vigie::indexer::PdfText* out) {
    using vigie::indexer::PdfText;
    // Poppler prints its own complaints on stderr; ours name the file instead.
    static const bool quiet = [] {
        poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
        return true;
    }();
    (void)quiet;
    *out = PdfText{};
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(data, static_cast<int>(size)));
    if (!doc) return;
    if (doc->is_locked()) {
        out->status = PdfText::kLocked;
        return;
    }
    out->status = PdfText::kOk;
    out->title = utf8(doc->get_title());
    for (int i = 0; i < doc->pages(); ++i) {
        std::unique_ptr<poppler::page> page(doc->create_page(i));
        out->pages.push_back(page ? utf8(page->text()) : std::string());
        out->page_missing.push_back(!page);
    }
    out->author = utf8(doc->info_key("Author"));
    out->url = utf8(doc->info_key("URL"));
    out->source = utf8(doc->info_key("Source"));
}
