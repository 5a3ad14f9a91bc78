#include "searcher/query_syntax.h"

#include <algorithm>
#include <optional>

namespace vigie::searcher {
namespace {

enum class Lex { kWord, kPhrase, kAnd, kOr, kNot, kOpen, kClose };

struct Lexeme {
    Lex kind = Lex::kWord;
    std::string text;   // word or phrase content
    std::string field;  // "title", "date", "actor", "place" or empty
    char sign = 0;      // '+' or '-' before a word, phrase or bracket
    bool wildcard = false;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Opening and closing quote marks: " “ ” « ».
std::size_t quote_at(std::string_view s, std::size_t i) {
    if (s[i] == '"') return 1;
    for (std::string_view q : {"\u201C", "\u201D", "\u00AB", "\u00BB"})
        if (s.substr(i, q.size()) == q) return q.size();
    return 0;
}

std::string field_name(std::string_view name) {
    std::string n(name);
    std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (n == "title" || n == "titre") return "title";
    if (n == "date") return "date";
    if (n == "actor" || n == "acteur") return "actor";
    if (n == "place" || n == "lieu") return "place";
    return {};
}

std::vector<Lexeme> lex(std::string_view s) {
    std::vector<Lexeme> out;
    std::size_t i = 0;
    while (i < s.size()) {
        if (is_space(s[i])) {
            ++i;
            continue;
        }
        Lexeme lx;
        if ((s[i] == '-' || s[i] == '+') && i + 1 < s.size() && !is_space(s[i + 1])) lx.sign = s[i++];
        if (s[i] == '(' || s[i] == ')') {
            lx.kind = s[i] == '(' ? Lex::kOpen : Lex::kClose;
            if (lx.kind == Lex::kClose) lx.sign = 0;
            out.push_back(std::move(lx));
            ++i;
            continue;
        }
        // A field: letters, ':', then something.
        std::size_t j = i;
        while (j < s.size() && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z'))) ++j;
        if (j > i && j + 1 < s.size() && s[j] == ':' && !is_space(s[j + 1]) && s[j + 1] != ')') {
            std::string f = field_name(s.substr(i, j - i));
            if (!f.empty()) {
                lx.field = f;
                i = j + 1;
            }
        }
        if (std::size_t q = quote_at(s, i)) {
            std::size_t start = i + q, end = start;
            while (end < s.size() && !quote_at(s, end)) ++end;
            lx.kind = Lex::kPhrase;
            lx.text = std::string(s.substr(start, end - start));
            i = end < s.size() ? end + quote_at(s, end) : end;  // an unclosed quote runs to the end
            out.push_back(std::move(lx));
            continue;
        }
        std::size_t start = i;
        while (i < s.size() && !is_space(s[i]) && s[i] != '(' && s[i] != ')' && !quote_at(s, i)) ++i;
        lx.text = std::string(s.substr(start, i - start));
        if (lx.sign == 0 && lx.field.empty()) {
            if (lx.text == "AND") lx.kind = Lex::kAnd;
            if (lx.text == "OR") lx.kind = Lex::kOr;
            if (lx.text == "NOT") lx.kind = Lex::kNot;
        }
        if (lx.kind == Lex::kWord && lx.text.size() > 1 && lx.text.back() == '*') {
            while (lx.text.size() > 1 && lx.text.back() == '*') lx.text.pop_back();
            lx.wildcard = true;
        }
        if (lx.kind != Lex::kWord || !lx.text.empty()) out.push_back(std::move(lx));
    }
    // French thousands: "17 557" typed as two words is one number.
    auto digits = [](const std::string& t) {
        return !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    for (std::size_t k = 0; k + 1 < out.size(); ++k) {
        Lexeme &a = out[k], &b = out[k + 1];
        if (a.kind == Lex::kWord && b.kind == Lex::kWord && a.field.empty() && b.field.empty() && b.sign == 0 &&
            !a.wildcard && !b.wildcard && digits(a.text) && a.text.size() <= 3 && digits(b.text) &&
            b.text.size() == 3) {
            a.text += b.text;
            out.erase(out.begin() + static_cast<long>(k) + 1);
            --k;
        }
    }
    return out;
}

class Parser {
public:
    explicit Parser(std::vector<Lexeme> lx) : lx_(std::move(lx)) {}

    QueryNode parse() { return simplify(parse_any()); }

private:
    const Lexeme* peek() const { return pos_ < lx_.size() ? &lx_[pos_] : nullptr; }

    QueryNode parse_any() {
        QueryNode any;
        any.kind = QueryNode::Kind::kAny;
        any.children.push_back(parse_all());
        while (peek() && peek()->kind == Lex::kOr) {
            ++pos_;
            any.children.push_back(parse_all());
        }
        // "a OR" or "OR b": an empty side is no alternative.
        std::erase_if(any.children, [](const QueryNode& n) { return n.children.empty(); });
        return any;
    }

    QueryNode parse_all() {
        QueryNode all;
        all.kind = QueryNode::Kind::kAll;
        bool negate = false;
        while (const Lexeme* l = peek()) {
            if (l->kind == Lex::kOr || (l->kind == Lex::kClose && depth_ > 0)) break;
            if (l->kind == Lex::kClose) {  // a ')' with no '(': skipped
                ++pos_;
                continue;
            }
            if (l->kind == Lex::kAnd) {
                ++pos_;
                continue;
            }
            if (l->kind == Lex::kNot) {
                ++pos_;
                negate = true;
                continue;
            }
            std::optional<QueryNode> item = parse_item();
            if (!item) continue;
            if (negate) item->excluded = true;
            negate = false;
            all.children.push_back(std::move(*item));
        }
        return all;
    }

    std::optional<QueryNode> parse_item() {
        const Lexeme& l = lx_[pos_++];
        if (l.kind == Lex::kOpen) {
            if (depth_ >= kMaxQueryNesting) return std::nullopt;  // too deep: the bracket is ignored
            ++depth_;
            QueryNode inner = parse_any();
            --depth_;
            if (peek() && peek()->kind == Lex::kClose) ++pos_;  // a missing ')' closes at the end
            inner = simplify(std::move(inner));
            if (inner.children.empty() && inner.kind != QueryNode::Kind::kWord) return std::nullopt;
            if (l.sign == '-') inner.excluded = true;
            return inner;
        }
        QueryNode n;
        n.text = l.text;
        n.excluded = l.sign == '-';
        n.title = l.field == "title";
        if (l.field == "date") n.kind = QueryNode::Kind::kDate;
        else if (l.field == "actor") n.kind = QueryNode::Kind::kActor;
        else if (l.field == "place") n.kind = QueryNode::Kind::kPlace;
        else if (l.kind == Lex::kPhrase) n.kind = QueryNode::Kind::kPhrase;
        else if (l.wildcard) n.kind = QueryNode::Kind::kWildcard;
        else n.kind = QueryNode::Kind::kWord;
        return n;
    }

    // One alternative is that alternative; a sequence of one item that is a
    // group is that group.
    static QueryNode simplify(QueryNode n) {
        if (n.kind == QueryNode::Kind::kAny && n.children.size() == 1) {
            bool excluded = n.excluded;
            QueryNode only = std::move(n.children.front());
            only.excluded = only.excluded != excluded;
            n = std::move(only);
        }
        if (n.kind == QueryNode::Kind::kAny && n.children.empty()) {
            n.kind = QueryNode::Kind::kAll;
        }
        if (n.kind == QueryNode::Kind::kAll && n.children.size() == 1 && !n.children[0].excluded &&
            (n.children[0].kind == QueryNode::Kind::kAll || n.children[0].kind == QueryNode::Kind::kAny)) {
            bool excluded = n.excluded;
            QueryNode only = std::move(n.children.front());
            only.excluded = excluded;
            n = std::move(only);
        }
        return n;
    }

    std::vector<Lexeme> lx_;
    std::size_t pos_ = 0;
    unsigned depth_ = 0;
};

}  // namespace

QueryNode parse_query(std::string_view text) { return Parser(lex(text)).parse(); }

std::string describe(const QueryNode& n) {
    std::string out = n.excluded ? "-" : "";
    switch (n.kind) {
        case QueryNode::Kind::kWord: return out + (n.title ? "title:" : "") + n.text;
        case QueryNode::Kind::kPhrase: return out + (n.title ? "title:" : "") + "\"" + n.text + "\"";
        case QueryNode::Kind::kWildcard: return out + (n.title ? "title:" : "") + n.text + "*";
        case QueryNode::Kind::kDate: return out + "date:" + n.text;
        case QueryNode::Kind::kActor: return out + "actor:" + n.text;
        case QueryNode::Kind::kPlace: return out + "place:" + n.text;
        case QueryNode::Kind::kAll:
        case QueryNode::Kind::kAny: {
            out += n.kind == QueryNode::Kind::kAll ? "(AND" : "(OR";
            for (const QueryNode& c : n.children) out += " " + describe(c);
            return out + ")";
        }
    }
    return out;
}

}  // namespace vigie::searcher
