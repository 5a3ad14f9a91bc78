// The interface of the PDF module (vigie_pdf.so, indexer/pdf_module.cc):
// poppler-cpp and its libraries are loaded only when a PDF is read, so the
// commands that read none start without them (common/module_loader.h).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace vigie::indexer {

struct PdfText {
    enum Status { kOk, kUnreadable, kLocked } status = kUnreadable;
    std::string title;               // /Title, UTF-8
    std::vector<std::string> pages;  // each page's text, UTF-8
    std::vector<bool> page_missing;  // per page: poppler could not open it
    std::string author, url, source;  // /Author, /URL, /Source
};

// extern "C" void vigie_pdf_extract(const char* data, std::size_t size, PdfText* out);
using PdfExtract = void (*)(const char* data, std::size_t size, PdfText* out);
inline constexpr const char* kPdfModule = "vigie_pdf.so";
inline constexpr const char* kPdfExtractSymbol = "vigie_pdf_extract";

}  // namespace vigie::indexer
