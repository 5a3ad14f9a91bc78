// HTML reports through Gumbo (Google's HTML5 parser, from Debian): the
// <title>, a publication date and the provenance (canonical URL, site name,
// author) from <head>, and the main text without
// scripts, styles, navigation, headers, footers and forms.
#include <gumbo.h>

#include <cstring>
#include <vector>

#include "indexer/formats.h"
#include "indexer/text_cleaner.h"

namespace vigie::indexer {
namespace {

bool skipped(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NAV: case GUMBO_TAG_HEADER:
        case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM: case GUMBO_TAG_NOSCRIPT:
        case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG: case GUMBO_TAG_BUTTON:
        case GUMBO_TAG_SELECT: case GUMBO_TAG_HEAD:
            return true;
        default:
            return false;
    }
}

bool block(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_BR: case GUMBO_TAG_LI: case GUMBO_TAG_H1:
        case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
        case GUMBO_TAG_TR: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
        case GUMBO_TAG_TABLE: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_PRE: case GUMBO_TAG_FIGCAPTION:
            return true;
        default:
            return false;
    }
}

// The tree is walked with an explicit stack, never by recursion: a page may
// nest elements as deep as it likes (issue 15: 60,000 <span> overflowed the
// call stack).
const GumboVector* children_of(const GumboNode* node) {
    if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) return &node->v.element.children;
    if (node->type == GUMBO_NODE_DOCUMENT) return &node->v.document.children;
    return nullptr;
}

const GumboNode* child(const GumboVector& v, unsigned i) { return static_cast<const GumboNode*>(v.data[i]); }

// Calls `visit(node)` on every node in document order; a visit returning
// false skips the node's children. `leave(node)` is called after them.
template <typename Visit, typename Leave>
void walk(const GumboNode* root, Visit&& visit, Leave&& leave) {
    struct Frame {
        const GumboNode* node;
        unsigned next;
    };
    std::vector<Frame> stack;
    if (!visit(root)) return;
    stack.push_back({root, 0});
    while (!stack.empty()) {
        Frame& top = stack.back();
        const GumboVector* kids = children_of(top.node);
        if (!kids || top.next >= kids->length) {
            const GumboNode* done = top.node;
            stack.pop_back();
            leave(done);
            continue;
        }
        const GumboNode* c = child(*kids, top.next++);
        if (visit(c)) stack.push_back({c, 0});
    }
}

void text_of(const GumboNode* root, std::string& out) {
    walk(
        root,
        [&](const GumboNode* node) {
            if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) {
                out += node->v.text.text;
                return false;
            }
            if (node->type == GUMBO_NODE_WHITESPACE) {
                out += ' ';
                return false;
            }
            if (node->type != GUMBO_NODE_ELEMENT) return node->type == GUMBO_NODE_DOCUMENT;
            GumboTag tag = node->v.element.tag;
            if (skipped(tag)) return false;
            if (block(tag)) out += "\n\n";
            return true;
        },
        [&](const GumboNode* node) {
            if (node->type == GUMBO_NODE_ELEMENT && block(node->v.element.tag)) out += "\n\n";
        });
}

// The first <article>, else <main>, else nullptr.
const GumboNode* find_main(const GumboNode* root, GumboTag want) {
    const GumboNode* found = nullptr;
    walk(
        root,
        [&](const GumboNode* node) {
            if (found) return false;
            if (node->type == GUMBO_NODE_ELEMENT && node->v.element.tag == want) found = node;
            return !found && (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_DOCUMENT);
        },
        [](const GumboNode*) {});
    return found;
}

// What the page says of itself: title, publication date, and where it was
// published (<link rel=canonical>, og:url, og:site_name, author,
// article:author). The first of each kind in the page wins, in this order
// of preference.
struct HeadInfo {
    std::string title, date;
    std::string canonical, og_url, site_name, author, article_author;
};

std::string lower_ascii(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

void keep_first(std::string& slot, const char* value) {
    if (slot.empty() && value) slot = value;
}

HeadInfo head_info(const GumboNode* root) {
    HeadInfo h;
    walk(
        root,
        [&](const GumboNode* node) {
            if (node->type != GUMBO_NODE_ELEMENT) return node->type == GUMBO_NODE_DOCUMENT;
            const GumboElement& e = node->v.element;
            if (e.tag == GUMBO_TAG_TITLE && h.title.empty() && e.children.length > 0) {
                const GumboNode* t = child(e.children, 0);
                if (t->type == GUMBO_NODE_TEXT) h.title = t->v.text.text;
            }
            if (e.tag == GUMBO_TAG_LINK) {
                const GumboAttribute* rel = gumbo_get_attribute(&e.attributes, "rel");
                const GumboAttribute* href = gumbo_get_attribute(&e.attributes, "href");
                if (rel && href && lower_ascii(rel->value) == "canonical") keep_first(h.canonical, href->value);
            }
            if (e.tag == GUMBO_TAG_META) {
                const GumboAttribute* name = gumbo_get_attribute(&e.attributes, "property");
                if (!name) name = gumbo_get_attribute(&e.attributes, "name");
                const GumboAttribute* content = gumbo_get_attribute(&e.attributes, "content");
                if (name && content) {
                    std::string n = lower_ascii(name->value);
                    if (h.date.empty() &&
                        (n == "article:published_time" || n == "date" || n == "dc.date" || n == "dc.date.issued" ||
                         n == "dcterms.date" || n == "pubdate" || n == "publication_date"))
                        h.date = parse_header_date(content->value);
                    if (n == "og:url") keep_first(h.og_url, content->value);
                    if (n == "og:site_name") keep_first(h.site_name, content->value);
                    if (n == "author" || n == "dc.creator") keep_first(h.author, content->value);
                    if (n == "article:author") keep_first(h.article_author, content->value);
                }
            }
            if (e.tag == GUMBO_TAG_TIME && h.date.empty()) {
                if (const GumboAttribute* dt = gumbo_get_attribute(&e.attributes, "datetime"))
                    h.date = parse_header_date(dt->value);
            }
            return true;
        },
        [](const GumboNode*) {});
    return h;
}

}  // namespace

ReadResult read_html(const std::string& path, const std::string& bytes, std::size_t) {
    ReadResult out;
    Report r;
    r.path = path;
    r.format = "html";
    Expected<std::string> text = decode_text(path, bytes, &r.encoding);
    if (!text) {
        out.failures.push_back({path, text.error().message});
        return out;
    }
    GumboOutput* doc = gumbo_parse_with_options(&kGumboDefaultOptions, text->data(), text->size());
    if (!doc) {
        out.failures.push_back({path, path + ": cannot parse HTML"});
        return out;
    }
    HeadInfo head = head_info(doc->root);
    std::string& title = head.title;
    std::string& date = head.date;
    std::string raw;
    const GumboNode* main = find_main(doc->root, GUMBO_TAG_ARTICLE);
    if (!main) main = find_main(doc->root, GUMBO_TAG_MAIN);
    text_of(main ? main : doc->root, raw);
    gumbo_destroy_output(&kGumboDefaultOptions, doc);

    // Collapse runs of spaces inside lines; blank lines separate blocks.
    std::string collapsed;
    bool space = false;
    for (char c : raw) {
        if (c == ' ' || c == '\t' || c == '\r') {
            space = true;
            continue;
        }
        if (space && !collapsed.empty() && collapsed.back() != '\n' && c != '\n') collapsed += ' ';
        space = false;
        collapsed += c;
    }
    CleanedText cleaned = clean_report_text(collapsed);
    r.title = make_title(title.empty() ? cleaned.title : title);
    r.body = std::move(cleaned.body);
    r.date = date.empty() ? cleaned.date : date;
    if (r.body.empty()) {
        out.failures.push_back({path, path + ": no text in the HTML page"});
        return out;
    }
    // A relative canonical address (no base to resolve it against) is not kept.
    r.provenance.url = schema::web_url(head.canonical).empty() ? head.og_url : head.canonical;
    r.provenance.outlet = head.site_name;
    // article:author is often a profile's address: tidy() drops an author that is a URL.
    r.provenance.author = head.author;
    schema::tidy(r.provenance);
    if (r.provenance.author.empty()) {
        r.provenance.author = head.article_author;
        schema::tidy(r.provenance);
    }
    out.reports.push_back(std::move(r));
    return out;
}

}  // namespace vigie::indexer
