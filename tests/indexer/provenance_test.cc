// Provenance (issue 13): each format's URL, outlet and author, one row per
// case; and the URL rule that keeps anything but http(s) off the page.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "indexer/formats.h"
#include "schema/provenance.h"
#include "schema/schema.h"
#include "support/minimal_pdf.h"

namespace {

using namespace vigie::indexer;

// A one-page PDF with `info` as its information dictionary's entries
// (`/Author (…) /URL (…)`), byte offsets right so that poppler reads it
// without repairing it.
std::string pdf_with_info(const std::string& info) {
    std::string content = "BT /F1 12 Tf 72 720 Td (Rapport sur les violations au centre du Mali) Tj ET";
    std::vector<std::string> objects = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
        "/Contents 4 0 R >>",
        "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        "<< " + info + " >>",
    };
    return vigie::testing::minimal_pdf(objects, " /Info 6 0 R");
}

const std::string kBody = "Des soldats ont arrêté des civils à Mopti, selon plusieurs témoins.";

std::string html(const std::string& head) {
    return "<!DOCTYPE html><html><head><title>Arrestations à Mopti</title>" + head +
           "</head><body><article><p>" + kBody + "</p></article></body></html>";
}

std::string markdown(const std::string& front) { return "---\ntitle: Arrestations\n" + front + "---\n\n" + kBody + "\n"; }

struct Case {
    const char* what;
    std::string file, bytes;
    std::string url, outlet, author;
};

TEST(Provenance, EachFormatGivesUrlOutletAndAuthor) {
    const std::string hostile_quotes = "https://example.org/a\\\"onmouseover=\\\"alert(1)";
    const Case cases[] = {
        // Feeds: OrangeSum's fields (url, author, section: no outlet field).
        {"feed: url and author, outlet from the host", "f.jsonl",
         R"J({"id":"a1","title":"T","body":")J" + kBody +
             R"J(","url":"https://actu.orange.fr/monde/a.html","author":"Orange avec AFP","section":"monde"})J",
         "https://actu.orange.fr/monde/a.html", "actu.orange.fr", "Orange avec AFP"},
        {"feed: an outlet field wins over the host", "f.jsonl",
         R"J({"id":"a2","body":")J" + kBody + R"J(","url":"http://www.journaldumali.com/x","outlet":"Journal du Mali"})J",
         "http://www.journaldumali.com/x", "Journal du Mali", ""},
        {"feed: www. dropped from the host", "f.jsonl",
         R"J({"id":"a3","body":")J" + kBody + R"J(","url":"https://www.Example.org:8443/p?q=1#x"})J",
         "https://www.Example.org:8443/p?q=1#x", "example.org", ""},
        {"feed: author null, no url", "f.jsonl", R"J({"id":"a4","body":")J" + kBody + R"J(","author":null})J", "", "", ""},
        {"feed: a list of authors", "f.jsonl",
         R"J({"id":"a5","body":")J" + kBody + R"J(","authors":["Awa Traoré","Jean Dupont"]})J", "", "",
         "Awa Traoré, Jean Dupont"},
        {"feed: javascript: is dropped", "f.jsonl",
         R"J({"id":"a6","body":")J" + kBody + R"J(","url":"javascript:alert(1)","author":"AFP"})J", "", "", "AFP"},
        {"feed: upper-case JavaScript: too", "f.jsonl",
         R"J({"id":"a7","body":")J" + kBody + R"J(","url":" JaVaScRiPt:alert(1)"})J", "", "", ""},
        {"feed: quotes inside are encoded", "f.jsonl",
         R"J({"id":"a8","body":")J" + kBody + R"J(","url":")J" + hostile_quotes + R"J("})J",
         "https://example.org/a%22onmouseover=%22alert(1)", "example.org", ""},
        {"feed: an author on several lines is one line", "f.jsonl",
         R"J({"id":"a9","body":")J" + kBody + R"J(","author":"  par Awa\n\tTraoré  "})J", "", "", "par Awa Traoré"},
        // HTML pages.
        {"html: canonical, og:site_name, author", "p.html",
         html(R"J(<link rel="canonical" href="https://www.amnesty.org/fr/mali"><meta property="og:url" content="https://other.example/x">)J"
              R"J(<meta property="og:site_name" content="Amnesty International"><meta name="author" content="Équipe Sahel">)J"),
         "https://www.amnesty.org/fr/mali", "Amnesty International", "Équipe Sahel"},
        {"html: relative canonical, og:url kept; article:author a name", "p.html",
         html(R"J(<link rel="Canonical" href="/fr/mali"><meta property="og:url" content="https://hrw.org/fr/news/1">)J"
              R"J(<meta property="article:author" content="Corinne Dufka">)J"),
         "https://hrw.org/fr/news/1", "hrw.org", "Corinne Dufka"},
        {"html: article:author a profile URL is no author", "p.html",
         html(R"J(<meta property="og:url" content="https://journal.example/a"><meta property="article:author" content="https://facebook.com/journal">)J"),
         "https://journal.example/a", "journal.example", ""},
        {"html: javascript: canonical, data: og:url", "p.html",
         html(R"J(<link rel="canonical" href="javascript:alert(1)"><meta property="og:url" content="data:text/html,x">)J"),
         "", "", ""},
        {"html: nothing", "p.html", html(""), "", "", ""},
        // Markdown front matter.
        {"md: url, source as outlet, author", "r.md",
         markdown("source: Rapport d'ONG\nurl: https://example.org/moura\nauthor: Awa Traoré\n"),
         "https://example.org/moura", "Rapport d'ONG", "Awa Traoré"},
        {"md: outlet key; authors as a list", "r.md",
         markdown("outlet: \"Studio Tamani\"\nauthors: [Awa Traoré, Jean Dupont]\n"), "", "Studio Tamani",
         "Awa Traoré, Jean Dupont"},
        {"md: source holding an address", "r.md", markdown("source: https://ong.example/rapport\n"),
         "https://ong.example/rapport", "ong.example", ""},
        {"md: a YAML list of authors", "r.md", markdown("author:\n  - Awa Traoré\n  - Jean Dupont\n"), "", "",
         "Awa Traoré, Jean Dupont"},
        {"md: a file: URL is dropped", "r.md", markdown("url: file:///etc/passwd\n"), "", "", ""},
        // PDF information dictionary.
        {"pdf: Author and URL", "r.pdf", pdf_with_info("/Author (Human Rights Watch) /URL (https://www.hrw.org/fr/r.pdf)"),
         "https://www.hrw.org/fr/r.pdf", "hrw.org", "Human Rights Watch"},
        {"pdf: Author only", "r.pdf", pdf_with_info("/Author (MINUSMA)"), "", "", "MINUSMA"},
        {"pdf: a javascript: URL is dropped", "r.pdf", pdf_with_info("/URL (javascript:alert\\(1\\))"), "", "", ""},
    };
    for (const Case& c : cases) {
        ReadResult r = read_reports("/tmp/" + c.file, c.bytes, 1 << 20);
        ASSERT_EQ(r.reports.size(), 1u) << c.what << (r.failures.empty() ? "" : ": " + r.failures[0].reason);
        const auto& p = r.reports[0].provenance;
        EXPECT_EQ(p.url, c.url) << c.what;
        EXPECT_EQ(p.outlet, c.outlet) << c.what;
        EXPECT_EQ(p.author, c.author) << c.what;
        EXPECT_EQ(p.source, "") << c.what << ": the index writer names the source";
    }
}

TEST(Provenance, OnlyHttpUrlsAreKept) {
    const struct {
        std::string in, out;
    } cases[] = {
        {"https://a.example/b", "https://a.example/b"},
        {"HTTP://A.example", "http://A.example"},
        {"  https://x.example/a b  ", "https://x.example/a%20b"},
        {"https://x.example/<script>'", "https://x.example/%3Cscript%3E%27"},
        {"https://user@host.example/", "https://user@host.example/"},
        {"javascript:alert(1)", ""},
        {"javascript://example.org/%0Aalert(1)", ""},
        {"data:text/html,<script>alert(1)</script>", ""},
        {"vbscript:x", ""},
        {"ftp://x.example/a", ""},
        {"//x.example/a", ""},
        {"/relative/path", ""},
        {"https://", ""},
        {"https:///path", ""},
        {"https://ev\"il.example/", ""},
        {"https://x.example\\@y.example/", ""},
        {"https://x.example/a\nb", ""},
        {"https://x.example/" + std::string(3000, 'a'), ""},
    };
    for (const auto& c : cases) EXPECT_EQ(vigie::schema::web_url(c.in), c.out) << c.in;
    EXPECT_EQ(vigie::schema::url_host("https://good.example@evil.example/x"), "evil.example");
    EXPECT_EQ(vigie::schema::url_host("http://[::1]:8080/"), "[::1]");
}

TEST(Provenance, StoredOnlyWhenKnownAndCheckedOnTheWayOut) {
    using namespace vigie::schema;
    StoredReport r;
    r.id = "a";
    r.provenance = {"https://a.example/x", "A", "B", "feed.jsonl#a"};
    auto back = deserialize(serialize(r));
    ASSERT_TRUE(back);
    EXPECT_EQ(back->provenance.url, "https://a.example/x");
    EXPECT_EQ(back->provenance.outlet, "A");
    EXPECT_EQ(back->provenance.author, "B");
    EXPECT_EQ(back->provenance.source, "feed.jsonl#a");
    // An old document (none of the keys) and a hostile one (another writer).
    EXPECT_EQ(serialize(StoredReport{}).find("\"url\""), std::string::npos);
    auto old = deserialize(R"J({"v":1,"id":"x","path":"/srv/data/f.jsonl","format":"jsonl"})J");
    ASSERT_TRUE(old);
    EXPECT_TRUE(old->provenance.url.empty() && old->provenance.source.empty());
    auto hostile = deserialize(R"J({"v":1,"id":"x","url":"javascript:alert(1)","author":"a\nb"})J");
    ASSERT_TRUE(hostile);
    EXPECT_EQ(hostile->provenance.url, "");
    EXPECT_EQ(hostile->provenance.author, "a b");
    EXPECT_EQ(fallback_source("/srv/data/f.jsonl", "jsonl", "x"), "f.jsonl#x");
    EXPECT_EQ(fallback_source("/srv/data/r.pdf", "pdf", "r"), "r.pdf");
}

}  // namespace
