// A PDF file from its numbered objects (1 0 obj … in order) with a correct
// cross-reference table, for tests that make their own PDFs.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace vigie::testing {

// `trailer_extra` is added to the trailer after `/Root 1 0 R` (`/Info 6 0 R`).
inline std::string minimal_pdf(const std::vector<std::string>& objects, const std::string& trailer_extra = "") {
    std::string pdf = "%PDF-1.4\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    std::size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (std::size_t off : offsets) {
        char line[32];
        std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
        pdf += line;
    }
    pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R" + trailer_extra +
           " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

}  // namespace vigie::testing
