#include "searcher/query_builder.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "analyzers/accent_folder.h"
#include "analyzers/case_folder.h"
#include "analyzers/spelling_variants.h"
#include "analyzers/entities/actor_catalogue.h"
#include "analyzers/entities/gazetteer.h"
#include "analyzers/entities/person_finder.h"
#include "schema/schema.h"

namespace vigie::searcher {
namespace {

enum class Kind { kWord, kPhrase, kAnd, kOr, kNot, kOpen, kClose };

struct Lexeme {
    Kind kind;
    std::string text;   // word or phrase content
    std::string field;  // "title", "date" or empty
    char sign = 0;      // '+' or '-' before a word or phrase
    bool wildcard = false;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Opening and closing quote marks: " “ ” « » (French quotes with their
// inner no-break spaces are handled by the analyzer, which ignores them).
std::size_t quote_at(std::string_view s, std::size_t i) {
    if (s[i] == '"') return 1;
    for (std::string_view q : {"\u201C", "\u201D", "\u00AB", "\u00BB"})
        if (s.substr(i, q.size()) == q) return q.size();
    return 0;
}

std::vector<Lexeme> lex(std::string_view s) {
    std::vector<Lexeme> out;
    std::size_t i = 0;
    while (i < s.size()) {
        if (is_space(s[i])) {
            ++i;
            continue;
        }
        if (s[i] == '(' || s[i] == ')') {
            out.push_back({s[i] == '(' ? Kind::kOpen : Kind::kClose, {}, {}});
            ++i;
            continue;
        }
        Lexeme lx{Kind::kWord, {}, {}};
        if ((s[i] == '-' || s[i] == '+') && i + 1 < s.size() && !is_space(s[i + 1])) lx.sign = s[i++];
        // A field prefix: letters then ':' then something.
        std::size_t j = i;
        while (j < s.size() && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z'))) ++j;
        if (j > i && j + 1 < s.size() && s[j] == ':' && !is_space(s[j + 1])) {
            std::string name(s.substr(i, j - i));
            std::transform(name.begin(), name.end(), name.begin(), ::tolower);
            if (name == "title" || name == "titre") lx.field = "title";
            if (name == "date") lx.field = "date";
            if (name == "actor" || name == "acteur") lx.field = "actor";
            if (name == "place" || name == "lieu") lx.field = "place";
            if (!lx.field.empty()) i = j + 1;
        }
        if (std::size_t q = quote_at(s, i)) {
            std::size_t start = i + q, end = start;
            while (end < s.size() && !quote_at(s, end)) ++end;
            lx.kind = Kind::kPhrase;
            lx.text = std::string(s.substr(start, end - start));
            i = end < s.size() ? end + quote_at(s, end) : end;
            out.push_back(std::move(lx));
            continue;
        }
        std::size_t start = i;
        while (i < s.size() && !is_space(s[i]) && s[i] != '(' && s[i] != ')' && !quote_at(s, i)) ++i;
        lx.text = std::string(s.substr(start, i - start));
        if (lx.sign == 0 && lx.field.empty()) {
            if (lx.text == "AND") lx.kind = Kind::kAnd;
            if (lx.text == "OR") lx.kind = Kind::kOr;
            if (lx.text == "NOT") lx.kind = Kind::kNot;
        }
        if (lx.kind == Kind::kWord && lx.text.size() > 1 && lx.text.back() == '*') {
            lx.wildcard = true;
            lx.text.pop_back();
        }
        out.push_back(std::move(lx));
    }
    // French thousands: "17 557" typed as two words is one number.
    for (std::size_t k = 0; k + 1 < out.size(); ++k) {
        auto digits = [](const std::string& t) {
            return !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
        };
        Lexeme &a = out[k], &b = out[k + 1];
        if (a.kind == Kind::kWord && b.kind == Kind::kWord && a.field.empty() && b.field.empty() &&
            b.sign == 0 && !a.wildcard && digits(a.text) && a.text.size() <= 3 && digits(b.text) &&
            b.text.size() == 3) {
            a.text += b.text;
            out.erase(out.begin() + static_cast<long>(k) + 1);
            --k;
        }
    }
    return out;
}

// Words that make a query a question ("Combien d'employeurs",
// "Qu'est-ce que…", "Où se trouve…?"), as the analyzer's `form`.
bool interrogative(const std::string& form) {
    static const std::set<std::string> kWords = {"combien", "comment", "pourquoi", "quand", "où",  "quel",
                                                 "quelle", "quels",  "quelles", "lequel", "laquelle",
                                                 "lesquels", "lesquelles", "quoi"};
    return kWords.count(form) > 0;
}

// The frame of a French question, not its subject: dropped like stop words
// from a question that has other words ("Quel est le nom de…").
bool question_frame(const std::string& form) {
    return interrogative(form) || form == "est";
}

// A word's accent-free spelling and its spelling variants.
std::vector<std::string> accent_free_spellings(const std::string& folded) {
    std::vector<std::string> out{folded};
    for (std::string& v : analysis::SpellingVariants::builtin().of(folded)) out.push_back(std::move(v));
    return out;
}

}  // namespace

class Parser {
public:
    Parser(QueryBuilder& qb, std::vector<Lexeme> lx, bool drop_stop)
        : qb_(qb), lx_(std::move(lx)), drop_stop_(drop_stop) {
        find_actor_aliases();
        find_question();
    }

    Expected<Xapian::Query> parse() {
        Xapian::Query q = parse_or();
        if (!error_.empty()) return Error{error_};
        if (pos_ < lx_.size()) return Error{"unbalanced ')' in the query"};
        return q;
    }
    bool dropped_stop() const { return dropped_stop_; }
    bool has_content() const { return has_content_; }
    std::vector<std::string> words;

private:
    enum class Role { kOptional, kRequired, kExcluded };
    struct Item {
        Xapian::Query q;
        Role role;
    };

    const Lexeme* peek() const { return pos_ < lx_.size() ? &lx_[pos_] : nullptr; }

    Xapian::Query parse_or() {
        std::vector<Xapian::Query> alts{parse_seq()};
        while (peek() && peek()->kind == Kind::kOr) {
            ++pos_;
            alts.push_back(parse_seq());
        }
        return alts.size() == 1 ? alts[0] : Xapian::Query(Xapian::Query::OP_OR, alts.begin(), alts.end());
    }

    Xapian::Query parse_seq() {
        std::vector<Item> items;
        std::vector<Xapian::Query> near_words;
        std::vector<Xapian::Query>* outer_near = near_words_;
        near_words_ = &near_words;
        bool and_next = false;
        while (const Lexeme* l = peek()) {
            if (l->kind == Kind::kOr || l->kind == Kind::kClose || !error_.empty()) break;
            if (l->kind == Kind::kAnd) {
                ++pos_;
                and_next = !items.empty();
                continue;
            }
            Role role = Role::kOptional;
            if (l->kind == Kind::kNot) {
                ++pos_;
                role = Role::kExcluded;
                if (!peek()) break;
            }
            std::optional<Item> item;
            auto alias = aliases_.find(pos_);
            if (alias != aliases_.end() && role == Role::kOptional) {
                item = alias_item(alias->second.first, alias->second.second);
            } else {
                item = parse_unary(role);
            }
            if (!item) {
                and_next = false;
                continue;
            }
            if (and_next && item->role != Role::kExcluded && items.back().role != Role::kExcluded) {
                items.back().q = Xapian::Query(Xapian::Query::OP_AND, items.back().q, item->q);
            } else {
                items.push_back(std::move(*item));
            }
            and_next = false;
        }
        std::vector<Xapian::Query> optional, required, excluded;
        for (Item& it : items)
            (it.role == Role::kOptional ? optional : it.role == Role::kRequired ? required : excluded)
                .push_back(it.q);
        Xapian::Query pos;
        if (!optional.empty()) pos = combine_default(optional);
        if (!required.empty()) {
            Xapian::Query req(Xapian::Query::OP_AND, required.begin(), required.end());
            pos = optional.empty() ? req : Xapian::Query(Xapian::Query::OP_AND_MAYBE, req, pos);
        }
        near_words_ = outer_near;
        if (!pos.empty()) {
            Xapian::Query near = proximity(near_words);
            if (!near.empty()) pos = Xapian::Query(Xapian::Query::OP_AND_MAYBE, pos, near);
        }
        if (pos.empty() && !excluded.empty()) pos = Xapian::Query::MatchAll;
        if (!excluded.empty())
            pos = Xapian::Query(Xapian::Query::OP_AND_NOT, pos,
                                Xapian::Query(Xapian::Query::OP_OR, excluded.begin(), excluded.end()));
        return pos;
    }

    // Reports with every clause first, then those with some (BM25 within).
    Xapian::Query combine_default(const std::vector<Xapian::Query>& qs) const {
        if (qs.size() == 1) return qs[0];
        Xapian::Query any(Xapian::Query::OP_OR, qs.begin(), qs.end());
        double boost = question_ ? qb_.options_.question_all_words_boost : qb_.options_.all_words_boost;
        if (boost <= 0) return any;
        Xapian::Query all(Xapian::Query::OP_AND, qs.begin(), qs.end());
        return Xapian::Query(Xapian::Query::OP_OR, any, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, all, boost));
    }

    // Pairs of consecutive words of a sequence found within a few positions
    // of each other: an extra score for reports where they stand together.
    Xapian::Query proximity(const std::vector<Xapian::Query>& words) const {
        const QueryOptions& o = qb_.options_;
        if (o.proximity_weight <= 0 || words.size() < 2) return {};
        std::vector<Xapian::Query> pairs;
        for (std::size_t i = 0; i + 1 < words.size(); ++i)
            pairs.emplace_back(Xapian::Query::OP_NEAR, words.begin() + static_cast<long>(i),
                               words.begin() + static_cast<long>(i) + 2, o.proximity_window);
        return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                             Xapian::Query(Xapian::Query::OP_OR, pairs.begin(), pairs.end()), o.proximity_weight);
    }

    // A question: a '?', or a question word.
    void find_question() {
        for (const Lexeme& l : lx_) {
            if (l.kind != Kind::kWord && l.kind != Kind::kPhrase) continue;
            if (l.kind == Kind::kWord && l.text.find('?') != std::string::npos) question_ = true;
            if (l.kind != Kind::kWord) continue;
            for (const auto& t : qb_.analyzer_.analyze(l.text).tokens)
                if (interrogative(t.form)) question_ = true;
        }
    }

    // A word that carries no subject: a stop word, or a question's frame.
    bool droppable(const analysis::AnalyzedToken& t) const {
        return t.stop || (question_ && qb_.options_.drop_question_words && question_frame(t.form));
    }

    std::optional<Item> parse_unary(Role role) {
        const Lexeme& l = lx_[pos_];
        if (l.kind == Kind::kOpen) {
            ++pos_;
            // Each level recurses here: bound it, or "((((…" exhausts the stack.
            if (depth_ >= QueryBuilder::kMaxNesting) {
                error_ = "too many nested parentheses in the query (at most " +
                         std::to_string(QueryBuilder::kMaxNesting) + ")";
                return std::nullopt;
            }
            ++depth_;
            Xapian::Query inner = parse_or();
            --depth_;
            if (!error_.empty()) return std::nullopt;  // keep the innermost error
            if (!peek() || peek()->kind != Kind::kClose) {
                error_ = "missing ')' in the query";
                return std::nullopt;
            }
            ++pos_;
            if (inner.empty()) return std::nullopt;
            return Item{inner, role};
        }
        if (l.kind == Kind::kClose || l.kind == Kind::kNot || l.kind == Kind::kAnd || l.kind == Kind::kOr) {
            ++pos_;
            return std::nullopt;
        }
        ++pos_;
        if (l.sign == '-') role = Role::kExcluded;
        if (l.sign == '+' && role == Role::kOptional) role = Role::kRequired;
        if (l.field == "date") return date_item(l, role);
        if (l.field == "actor" || l.field == "place") return entity_item(l, role);
        std::string field = l.field == "title" ? std::string(schema::kTitlePrefix) : std::string();
        analysis::Analysis a = qb_.analyzer_.analyze(l.text);
        if (a.tokens.empty()) return std::nullopt;
        if (l.kind == Kind::kWord) {
            for (auto& t : a.tokens) words.push_back(t.surface);
            if (a.tokens.size() == 1 && l.wildcard) {
                words.pop_back();  // a prefix is not a misspelling
                return content(Item{qb_.wildcard_query(a.tokens[0], field), role});
            }
            if (drop_stop_ && role == Role::kOptional) {
                // "est-ce", "doit-il", "a-t-on": the words that carry no
                // subject go; a single word left is searched as a word.
                std::vector<analysis::AnalyzedToken> kept;
                for (const auto& t : a.tokens)
                    if (!droppable(t)) kept.push_back(t);
                bool split_words = qb_.options_.drop_question_words;
                if (kept.empty() && (a.tokens.size() == 1 || split_words)) {
                    dropped_stop_ = true;
                    return std::nullopt;
                }
                if (kept.size() == 1 && split_words) a.tokens = std::move(kept);
            }
            if (a.tokens.size() == 1) return content(Item{plain_word(a.tokens[0], field), role});
        }
        // A phrase, or a word the analyzer splits (Al-Qaïda): adjacent stems.
        if (a.tokens.size() == 1) return content(Item{qb_.word_query(a.tokens[0], field), role});
        std::vector<Xapian::Query> parts;
        for (const auto& t : a.tokens) {
            std::vector<std::string> terms = qb_.stem_terms(t, field);
            parts.push_back(terms.size() == 1 ? Xapian::Query(terms[0])
                                              : Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
        }
        return content(Item{Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(), parts.size()), role});
    }

    // A word in the body (and title) or in the title; recorded for the
    // proximity boost when it is a plain word of the default field.
    Xapian::Query plain_word(const analysis::AnalyzedToken& t, const std::string& field) {
        Xapian::Query q = qb_.word_query(t, field);
        if (!field.empty()) return q;
        if (near_words_ && qb_.options_.proximity_weight > 0) {
            std::vector<std::string> terms = qb_.stem_terms(t, field);
            near_words_->push_back(terms.size() == 1 ? Xapian::Query(terms[0])
                                                     : Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
        }
        if (double ew = qb_.options_.exact_weight; ew > 0)
            q = Xapian::Query(Xapian::Query::OP_OR, q,
                              Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(t.form), ew));
        double tw = qb_.options_.title_weight;
        if (tw <= 0) return q;
        Xapian::Query title = qb_.word_query(t, std::string(schema::kTitlePrefix));
        return Xapian::Query(Xapian::Query::OP_OR, q, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, title, tw));
    }

    std::optional<Item> content(Item item) {
        if (item.role != Role::kExcluded) has_content_ = true;
        return item;
    }

    std::optional<Item> date_item(const Lexeme& l, Role role) {
        const std::string& d = l.text;
        bool ok = (d.size() == 4 || d.size() == 7) &&
                  std::all_of(d.begin(), d.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-'; }) &&
                  (d.size() == 4 || d[4] == '-');
        if (!ok) {
            error_ = "date:" + d + " is not a date (use YYYY or YYYY-MM)";
            return std::nullopt;
        }
        Xapian::Query q(std::string(schema::kDatePrefix) + d);
        if (role == Role::kOptional) role = Role::kRequired;
        return content(Item{Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 0.0), role});
    }

    static bool plain(const Lexeme& l) {
        return l.kind == Kind::kWord && l.field.empty() && l.sign == 0 && !l.wildcard;
    }

    // Runs of plain words that spell an actor's unambiguous alias ("FAMa",
    // "forces armées maliennes"): their query also matches the reports in
    // which that actor was recognised, whatever their wording.
    void find_actor_aliases() {
        const auto& catalogue = entities::ActorCatalogue::builtin();
        std::size_t i = 0;
        while (i < lx_.size()) {
            if (!plain(lx_[i])) {
                ++i;
                continue;
            }
            std::vector<analysis::AnalyzedToken> tokens;
            std::vector<std::size_t> owner;
            std::vector<bool> starts, ends;
            std::size_t j = i;
            for (; j < lx_.size() && plain(lx_[j]); ++j) {
                auto a = qb_.analyzer_.analyze(lx_[j].text);
                for (std::size_t k = 0; k < a.tokens.size(); ++k) {
                    tokens.push_back(a.tokens[k]);
                    owner.push_back(j);
                    starts.push_back(k == 0);
                    ends.push_back(k + 1 == a.tokens.size());
                }
            }
            for (const entities::Match& m : catalogue.matches(entities::token_keys(tokens))) {
                if ((m.flags & entities::ActorCatalogue::kAmbiguous) || !starts[m.first] || !ends[m.last]) continue;
                auto& slot = aliases_[owner[m.first]];
                slot.first = owner[m.last];
                slot.second.push_back(catalogue.actors()[m.entity].id);
            }
            i = j;
        }
    }

    std::optional<Item> alias_item(std::size_t last, const std::vector<std::string>& ids) {
        std::vector<Xapian::Query> words;
        while (pos_ <= last && pos_ < lx_.size()) {
            std::optional<Item> w = parse_unary(Role::kOptional);
            if (w) words.push_back(w->q);
        }
        std::vector<Xapian::Query> alts;
        if (!words.empty()) alts.push_back(combine_default(words));
        for (const std::string& id : ids) alts.emplace_back(std::string(schema::kActorPrefix) + id);
        return content(Item{Xapian::Query(Xapian::Query::OP_OR, alts.begin(), alts.end()), Role::kOptional});
    }

    // actor:wagner, actor:"forces armées maliennes", place:Ségou, place:mopti.
    std::optional<Item> entity_item(const Lexeme& l, Role role) {
        bool actor = l.field == "actor";
        std::string prefix(actor ? schema::kActorPrefix : schema::kPlacePrefix);
        analysis::Analysis a = qb_.analyzer_.analyze(l.text);
        std::vector<std::string> ids;
        std::string slug = a.tokens.empty() ? std::string() : entities::person_id(a.tokens, 0, a.tokens.size() - 1);
        if (actor ? entities::ActorCatalogue::builtin().find(slug) != nullptr
                  : entities::Gazetteer::builtin().find(slug) != nullptr)
            ids.push_back(slug);
        if (ids.empty() && !a.tokens.empty()) {
            auto keys = entities::token_keys(a.tokens);
            ids = actor ? entities::ActorCatalogue::builtin().aliases_in(keys) : entities::Gazetteer::builtin().named(keys);
        }
        if (ids.empty() && !slug.empty()) ids.push_back(slug);  // a person found by title, or nothing
        if (ids.empty()) return std::nullopt;
        std::vector<Xapian::Query> terms;
        for (const std::string& id : ids) terms.emplace_back(prefix + id);
        Xapian::Query q(Xapian::Query::OP_OR, terms.begin(), terms.end());
        if (role == Role::kOptional) role = Role::kRequired;
        return content(Item{Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 0.0), role});
    }

    QueryBuilder& qb_;
    std::vector<Lexeme> lx_;
    std::size_t pos_ = 0;
    unsigned depth_ = 0;  // open parentheses around pos_
    std::map<std::size_t, std::pair<std::size_t, std::vector<std::string>>> aliases_;  // first -> (last, ids)
    bool drop_stop_;
    bool question_ = false;
    std::vector<Xapian::Query>* near_words_ = nullptr;  // the words of the sequence being parsed
    bool dropped_stop_ = false;
    bool has_content_ = false;
    std::string error_;
};

QueryBuilder::Spellings QueryBuilder::spellings(const analysis::AnalyzedToken& token,
                                                const std::string& field) {
    std::string key = field + '\0' + token.form + '\0' + token.folded + (token.number ? "\1" : "");
    auto cached = spellings_.find(key);
    if (cached != spellings_.end()) return cached->second;
    Spellings out = look_up_spellings(token, field);
    spellings_.emplace(std::move(key), out);
    return out;
}

QueryBuilder::Spellings QueryBuilder::look_up_spellings(const analysis::AnalyzedToken& token,
                                                        const std::string& field) {
    // What the user typed is the primary spelling. Other spellings sharing its
    // accent-free form are variants: the same word written with or without
    // accents (Segou/Ségou), or a homograph once accents are gone (armes,
    // weapons / armés, armed), which is why they rank below the primary.
    Spellings out;
    auto exists = [&](const std::string& form) { return db_.term_exists(field + form); };
    std::set<std::string> variants;
    if (token.form != token.folded) variants.insert(token.folded);
    if (!token.number) {
        for (auto it = db_.synonyms_begin(token.folded); it != db_.synonyms_end(token.folded); ++it)
            if (*it != token.form) variants.insert(*it);
    }
    for (const std::string& v : variants)
        if (exists(v)) out.variants.push_back(v);
    if (out.variants.empty() && !token.number && !exists(token.form)) {
        // Another inflection typed without accents ("refugie" for the
        // index's "réfugiés"): look the accent-free stem up.
        std::string key = std::string(schema::kInflectionKey) + unaccented_stemmer_(token.folded);
        // Only inflections that add or drop an ending (réfugié/réfugiés), not
        // words that merely share a stem once unaccented (armes/armée).
        for (auto it = db_.synonyms_begin(key); it != db_.synonyms_end(key); ++it) {
            bool related = false;
            for (const std::string& x : accent_free_spellings(token.folded))
                for (const std::string& y : accent_free_spellings(analysis::fold_accents(*it)))
                    related = related || x.compare(0, y.size(), y) == 0 || y.compare(0, x.size(), x) == 0;
            if (related && exists(*it)) out.variants.push_back(*it);
        }
    }
    if (exists(token.form) || out.variants.empty()) {
        out.primary.push_back(token.form);
    } else {
        out.primary.swap(out.variants);  // typed spelling absent: variants stand in for it
    }
    return out;
}

std::vector<std::string> QueryBuilder::stem_terms(const analysis::AnalyzedToken& token,
                                                  const std::string& field) {
    std::string prefix = std::string(schema::kStemPrefix) + field;
    Spellings sp = spellings(token, field);
    std::set<std::string> terms;
    for (const auto* list : {&sp.primary, &sp.variants})
        for (const std::string& form : *list) terms.insert(prefix + analyzer_.stem(form));
    return {terms.begin(), terms.end()};
}

Xapian::Query QueryBuilder::word_query(const analysis::AnalyzedToken& token, const std::string& field) {
    std::string prefix = std::string(schema::kStemPrefix) + field;
    Spellings sp = spellings(token, field);
    std::set<std::string> primary, variant;
    for (const std::string& form : sp.primary) primary.insert(prefix + analyzer_.stem(form));
    for (const std::string& form : sp.variants) {
        std::string term = prefix + analyzer_.stem(form);
        if (!primary.count(term)) variant.insert(term);
    }
    auto any = [](const std::set<std::string>& terms) {
        return terms.size() == 1 ? Xapian::Query(*terms.begin())
                                 : Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
    };
    if (variant.empty()) return any(primary);
    return Xapian::Query(Xapian::Query::OP_OR, any(primary),
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, any(variant), kVariantWeight));
}

Xapian::Query QueryBuilder::wildcard_query(const analysis::AnalyzedToken& token, const std::string& field) {
    std::set<std::string> terms;
    auto add_prefixed = [&](const std::string& prefix) {
        std::string full = field + prefix;
        for (auto it = db_.allterms_begin(full); it != db_.allterms_end(full) && terms.size() < kMaxWildcardTerms; ++it)
            terms.insert(*it);
    };
    add_prefixed(token.form);
    add_prefixed(token.folded);
    for (auto k = db_.synonym_keys_begin(token.folded);
         k != db_.synonym_keys_end(token.folded) && terms.size() < kMaxWildcardTerms; ++k) {
        for (auto s = db_.synonyms_begin(*k); s != db_.synonyms_end(*k); ++s)
            if (db_.term_exists(field + *s)) terms.insert(field + *s);
    }
    if (terms.empty()) return Xapian::Query(field + token.form);
    return Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
}

Expected<BuiltQuery> QueryBuilder::build(std::string_view text) {
    std::vector<Lexeme> lexemes = lex(text);
    Parser parser(*this, lexemes, true);
    Expected<Xapian::Query> q = parser.parse();
    if (!q) return q.error();
    if (!parser.has_content() && parser.dropped_stop()) {
        // Only stop words were typed: search for them after all.
        Parser again(*this, lexemes, false);
        q = again.parse();
        if (!q) return q.error();
        return BuiltQuery{q->empty() ? Xapian::Query::MatchAll : *q, again.words};
    }
    return BuiltQuery{q->empty() ? Xapian::Query::MatchAll : *q, parser.words};
}

}  // namespace vigie::searcher
