#include "searcher/query_builder.h"

#include <algorithm>
#include <cmath>

#include "analyzers/case_folder.h"
#include "analyzers/entities/actor_catalogue.h"
#include "analyzers/entities/gazetteer.h"
#include "analyzers/entities/person_finder.h"
#include "analyzers/lexicon.h"
#include "analyzers/spelling_variants.h"
#include "analyzers/word_list.h"
#include "searcher/match_all.h"
#include "schema/schema.h"
#include "searcher/query_syntax.h"

namespace vigie::searcher {
namespace {

using analysis::AnalyzedToken;
using Kind = QueryNode::Kind;

// Words that make a query a question ("Combien d'employeurs", "Où se
// trouve…"), as the analyzer's `form`.
bool interrogative(const std::string& form) {
    static const std::set<std::string> kWords = {"combien", "comment", "pourquoi", "quand", "où",  "quel",
                                                 "quelle", "quels",  "quelles", "lequel", "laquelle",
                                                 "lesquels", "lesquelles", "quoi"};
    return kWords.count(form) > 0;
}

// The frame of a French question, not its subject: dropped like stop words
// from a question that has other words ("Quel est le nom de…").
bool question_frame(const std::string& form) { return interrogative(form) || form == "est"; }

Xapian::Query any_of(const std::vector<std::string>& terms) {
    if (terms.empty()) return Xapian::Query::MatchNothing;
    if (terms.size() == 1) return Xapian::Query(terms[0]);
    return Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
}

Xapian::Query all_of(const std::vector<Xapian::Query>& qs) {
    if (qs.size() == 1) return qs[0];
    return Xapian::Query(Xapian::Query::OP_AND, qs.begin(), qs.end());
}

void add_unique(std::vector<std::string>& v, const std::string& s) {
    if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

bool valid_date_filter(const std::string& d) {
    if (d.size() != 4 && d.size() != 7 && d.size() != 10) return false;
    for (std::size_t i = 0; i < d.size(); ++i) {
        bool dash = i == 4 || i == 7;
        if (dash ? d[i] != '-' : (d[i] < '0' || d[i] > '9')) return false;
    }
    int month = d.size() >= 7 ? std::stoi(d.substr(5, 2)) : 1, day = d.size() == 10 ? std::stoi(d.substr(8, 2)) : 1;
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

}  // namespace

// Reads one query tree into a BuiltQuery. One per build.
class QueryReader {
public:
    QueryReader(QueryBuilder& qb, BuiltQuery& out, bool drop_stop) : qb_(qb), out_(out), drop_stop_(drop_stop) {}

    void read(const QueryNode& root) {
        find_question(root);
        out_.question = question_;
        if (root.kind != Kind::kAll) {
            // An alternative at the top: counted as written, no partial matches.
            Clause c = node(root);
            if (c.content || c.filter) {
                out_.ranked = root.excluded ? excluding(match_all(), c.match) : c.ranked;
                out_.matched = root.excluded ? out_.ranked : c.match;
                out_.everything = false;
            }
            return;
        }
        std::vector<Xapian::Query> required, ranked, wide, filters, excluded;
        for (Part& p : parts(root)) {
            if (p.excluded) {
                excluded.push_back(p.clause.match);
            } else if (p.clause.filter) {
                filters.push_back(p.clause.match);
            } else {
                required.push_back(p.clause.match);
                ranked.push_back(p.clause.ranked);
                wide.push_back(p.clause.wide.empty() ? p.clause.ranked : p.clause.wide);
                out_.items.push_back({p.label, p.clause.match});
            }
        }
        auto constrain = [&](Xapian::Query q) {
            if (!filters.empty())
                q = Xapian::Query(Xapian::Query::OP_FILTER, q.empty() ? match_all() : q, all_of(filters));
            if (!excluded.empty())
                q = excluding(q.empty() ? match_all() : q,
                              Xapian::Query(Xapian::Query::OP_OR, excluded.begin(), excluded.end()));
            return q;
        };
        if (!ranked.empty() || !filters.empty() || !excluded.empty()) {
            out_.ranked = constrain(ranked.empty() ? Xapian::Query() : all_of(ranked));
            out_.matched = constrain(required.empty() ? Xapian::Query() : all_of(required));
            out_.everything = false;  // an empty query now matches nothing (an impossible date)
        }
        if (ranked.size() >= 2 || aliased_)
            out_.relaxed = constrain(Xapian::Query(Xapian::Query::OP_OR, wide.begin(), wide.end()));
    }

    bool has_content() const { return content_; }
    bool dropped() const { return dropped_; }

private:
    struct Clause {
        Clause() = default;
        Clause(Xapian::Query m, Xapian::Query r, bool words, bool only_filter)
            : match(std::move(m)), ranked(std::move(r)), content(words), filter(only_filter) {}
        Xapian::Query match, ranked;
        bool content = false;  // words (not only filters)
        bool filter = false;   // a date:, actor: or place: filter
        // `ranked` with the word's family as one word, for ranking partial
        // matches and questions (never counted); empty: as `ranked`.
        Xapian::Query wide;
    };
    struct Part {
        std::string label;
        Clause clause;
        bool excluded = false;
        std::string text;  // as parsed, to know the same thing typed twice
    };

    static Xapian::Query excluding(const Xapian::Query& q, const Xapian::Query& without) {
        return Xapian::Query(Xapian::Query::OP_AND_NOT, q, without);
    }

    void find_question(const QueryNode& n) {
        if (n.kind == Kind::kWord) {
            if (n.text.find('?') != std::string::npos) question_ = true;
            for (const AnalyzedToken& t : qb_.analyzer_.analyze(n.text).tokens)
                if (interrogative(t.form)) question_ = true;
        }
        for (const QueryNode& c : n.children) find_question(c);
    }

    // A word that carries no subject: a stop word, or a question's frame.
    bool droppable(const AnalyzedToken& t) const {
        return t.stop || (question_ && qb_.options_.drop_question_words && question_frame(t.form));
    }

    // The items of a sequence; runs of plain words that spell an actor's
    // unambiguous alias ("FAMa", "forces armées maliennes") are noted.
    std::vector<Part> parts(const QueryNode& all) {
        std::vector<Part> out;
        const auto& catalogue = entities::ActorCatalogue::builtin();
        std::size_t i = 0;
        auto plain = [](const QueryNode& n) { return n.kind == Kind::kWord && !n.title && !n.excluded; };
        while (i < all.children.size()) {
            std::size_t j = i;
            while (j < all.children.size() && plain(all.children[j])) ++j;
            // Aliases within the run [i, j): the longest from each start.
            std::vector<AnalyzedToken> tokens;
            std::vector<std::size_t> owner;
            std::vector<bool> starts, ends;
            for (std::size_t k = i; k < j; ++k) {
                auto a = qb_.analyzer_.analyze(all.children[k].text);
                for (std::size_t m = 0; m < a.tokens.size(); ++m) {
                    tokens.push_back(a.tokens[m]);
                    owner.push_back(k);
                    starts.push_back(m == 0);
                    ends.push_back(m + 1 == a.tokens.size());
                }
            }
            std::map<std::size_t, std::pair<std::size_t, std::vector<std::string>>> aliases;  // first -> (last, ids)
            if (!tokens.empty())
                for (const entities::Match& m : catalogue.matches(entities::token_keys(tokens))) {
                    if ((m.flags & entities::ActorCatalogue::kAmbiguous) || !starts[m.first] || !ends[m.last]) continue;
                    // One word that is a name (Wagner, Koufa) is matched as a name;
                    // an acronym (FAMa, JNIM) or several words name the actor.
                    if (m.first == m.last && !(tokens[m.first].lexicon & analysis::Lexicon::kActorAcronym)) continue;
                    auto& slot = aliases[owner[m.first]];
                    if (owner[m.last] >= slot.first) slot.first = owner[m.last];
                    add_unique(slot.second, catalogue.actors()[m.entity].id);
                }
            for (std::size_t k = i; k < j;) {
                auto alias = aliases.find(k);
                if (alias == aliases.end()) {
                    add_part(out, all.children[k]);
                    ++k;
                    continue;
                }
                add_alias(out, all.children, k, alias->second.first, alias->second.second);
                k = alias->second.first + 1;
            }
            if (j < all.children.size()) {
                const QueryNode& n = all.children[j];
                if (n.kind == Kind::kAll && !n.excluded) {
                    // Brackets around words that must all be there add
                    // nothing: their words are items of their own, each
                    // flagged when a partial match lacks it.
                    for (Part& p : parts(n)) out.push_back(std::move(p));
                } else {
                    add_part(out, n);
                }
            }
            i = j + 1;
        }
        return out;
    }

    void add_part(std::vector<Part>& out, const QueryNode& n) {
        // The same thing typed twice is one item ("a* a* a*", "\"de la\"" x 100).
        for (const Part& p : out)
            if (p.excluded == n.excluded && p.text == describe(n)) return;
        last_label_.clear();
        Clause c = node(n);
        if (!c.content && !c.filter) return;
        if (n.kind != Kind::kDate && n.kind != Kind::kActor && n.kind != Kind::kPlace && !n.excluded &&
            out.size() >= QueryBuilder::kMaxWords) {
            warn("trop de mots : « " + n.text + " » et les suivants ne sont pas cherchés");
            return;
        }
        out.push_back({n.kind == Kind::kWord && !last_label_.empty() ? last_label_ : label(n), c, n.excluded, describe(n)});
    }

    // Words that spell an actor's alias are searched as the words typed: a
    // count holds the reports that write them, as for any word. The reports
    // where the actor was recognised under another wording ("l'armée
    // malienne" for FAMa) follow as partial matches, flagged with the words
    // they lack and never counted; a warning names the actor filter.
    void add_alias(std::vector<Part>& out, const std::vector<QueryNode>& nodes, std::size_t first, std::size_t last,
                   const std::vector<std::string>& ids) {
        std::size_t from = out.size();
        std::string text;
        for (std::size_t k = first; k <= last; ++k) {
            add_part(out, nodes[k]);
            text += (text.empty() ? "" : " ") + nodes[k].text;
        }
        std::vector<Xapian::Query> actors;
        for (const std::string& id : ids) actors.emplace_back(std::string(schema::kActorPrefix) + id);
        Xapian::Query named(Xapian::Query::OP_OR, actors.begin(), actors.end());
        for (std::size_t i = from; i < out.size(); ++i) {
            Clause& c = out[i].clause;
            c.wide = Xapian::Query(Xapian::Query::OP_OR, c.wide.empty() ? c.ranked : c.wide, named);
            aliased_ = true;
        }
        const auto& catalogue = entities::ActorCatalogue::builtin();
        for (const std::string& id : ids)
            if (const auto* actor = catalogue.find(id))
                warn("« " + text + " » compte les rapports qui l'écrivent ; ceux qui nomment « " + actor->label +
                     " » autrement suivent, sans être comptés ; actor:" + id + " les filtre tous");
    }

    static std::string label(const QueryNode& n) {
        switch (n.kind) {
            case Kind::kPhrase: return "\"" + analysis::fold_case(n.text) + "\"";
            case Kind::kWildcard: return analysis::fold_case(n.text) + "*";
            case Kind::kAll:
            case Kind::kAny: return analysis::fold_case(describe(n));
            default: return analysis::fold_case(n.text);
        }
    }

    Clause node(const QueryNode& n) {
        switch (n.kind) {
            case Kind::kWord: return word(n);
            case Kind::kPhrase: return phrase(n.text, n.title ? std::string(schema::kTitlePrefix) : std::string());
            case Kind::kWildcard: return wildcard(n);
            case Kind::kDate: return date(n.text);
            case Kind::kActor:
            case Kind::kPlace: return entity(n);
            case Kind::kAll: return group_all(n);
            case Kind::kAny: return group_any(n);
        }
        return {};
    }

    Clause group_all(const QueryNode& n) {
        std::vector<Xapian::Query> m, r, ex;
        bool content = false, filter = false;
        for (Part& p : parts(n)) {
            if (p.excluded) {
                ex.push_back(p.clause.match);
                continue;
            }
            m.push_back(p.clause.match);
            r.push_back(p.clause.ranked);
            content = content || p.clause.content;
            filter = filter || p.clause.filter;
        }
        if (m.empty() && ex.empty()) return {};
        Xapian::Query mq = m.empty() ? match_all() : all_of(m);
        Xapian::Query rq = r.empty() ? match_all() : all_of(r);
        if (!ex.empty()) {
            Xapian::Query without(Xapian::Query::OP_OR, ex.begin(), ex.end());
            mq = excluding(mq, without);
            rq = excluding(rq, without);
        }
        return {mq, rq, content || !ex.empty(), filter && !content};
    }

    Clause group_any(const QueryNode& n) {
        std::vector<Xapian::Query> m, r;
        bool content = false;
        for (const QueryNode& c : n.children) {
            Clause cl = node(c);
            if (!cl.content && !cl.filter) continue;
            Xapian::Query cm = c.excluded ? excluding(match_all(), cl.match) : cl.match;
            Xapian::Query cr = c.excluded ? cm : cl.ranked;
            m.push_back(cm);
            r.push_back(cr);
            content = true;
        }
        if (m.empty()) return {};
        return {Xapian::Query(Xapian::Query::OP_OR, m.begin(), m.end()),
                Xapian::Query(Xapian::Query::OP_OR, r.begin(), r.end()), content, false};
    }

    Clause word(const QueryNode& n) {
        std::string field = n.title ? std::string(schema::kTitlePrefix) : std::string();
        analysis::Analysis a = qb_.analyzer_.analyze(n.text);
        std::vector<AnalyzedToken> kept;
        for (const AnalyzedToken& t : a.tokens)
            if (!drop_stop_ || !droppable(t)) kept.push_back(t);
        if (kept.size() < a.tokens.size()) dropped_ = true;
        if (kept.empty()) return {};
        last_label_.clear();
        for (const AnalyzedToken& t : kept) {
            out_.words.push_back(t.surface);
            last_label_ += (last_label_.empty() ? "" : " ") + analysis::fold_case(t.surface);
        }
        if (kept.size() == 1) return word_clause(kept[0], field, true);
        // A word the analyzer splits (Al-Qaïda, week-end): its parts in order.
        return phrase_of(kept, field);
    }

    // One word: a name on its folded spelling and known spellings, any other
    // word on its lemmas; with its ranking boosts when `boost`.
    Clause word_clause(const AnalyzedToken& t, const std::string& field, bool boost) {
        analysis::NameDecision d = qb_.name_decision(t);
        std::vector<std::string> spellings{t.folded};
        for (std::string& v : analysis::SpellingVariants::builtin().of(t.folded)) add_unique(spellings, v);
        std::vector<std::string> folded, lemmas;
        for (const std::string& s : spellings) {
            add_unique(folded, s);
            for (std::string_view v : analysis::Lexicon::french().name_variants(s)) add_unique(folded, std::string(v));
        }
        if (!d.name) {
            for (const std::string& s : spellings) {
                AnalyzedToken v = s == t.folded ? t : qb_.analyzer_.analyze_word(s);
                for (std::string& l : qb_.analyzer_.lemmas(v)) add_unique(lemmas, l);
            }
        }
        bool by_lemma = !d.name && !lemmas.empty();
        std::vector<std::string> terms;
        std::string stem_prefix = std::string(schema::kStemPrefix) + field;
        if (by_lemma) {
            for (const std::string& l : lemmas) terms.push_back(stem_prefix + l);
        } else {
            for (const std::string& f : folded) terms.push_back(field + f);
        }
        Clause c{any_of(terms), any_of(terms), true, false};
        content_ = true;
        WordReading reading{t.surface, d.name, d.why, terms};
        out_.readings.push_back(reading);
        HighlightTerms& h = out_.highlight;
        for (const std::string& term : terms) {
            std::string bare = term.substr(by_lemma ? stem_prefix.size() : field.size());
            (by_lemma ? h.lemmas : h.folded).insert(bare);
            h.weight[bare] = std::max(h.weight[bare], idf(term));
        }
        if (!boost) return c;
        const QueryOptions& o = qb_.options_;
        std::vector<Xapian::Query> extra;
        // The spelling typed weighs extra (a name's too: names weigh as much as
        // words), unless it is a stop word's once accents are gone ("sûr").
        if (o.exact_weight > 0 && !analysis::WordList::french_stop_words().contains(t.folded))
            extra.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(field + t.folded), o.exact_weight);
        if (field.empty() && o.title_weight > 0) {
            Clause title = word_clause_terms(by_lemma, lemmas, folded, std::string(schema::kTitlePrefix));
            extra.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, title.match, o.title_weight);
        }
        Xapian::Query boosts = extra.empty() ? Xapian::Query() : Xapian::Query(Xapian::Query::OP_OR, extra.begin(), extra.end());
        if (!extra.empty()) c.ranked = Xapian::Query(Xapian::Query::OP_AND_MAYBE, c.match, boosts);
        if (by_lemma && field.empty() && o.family) {
            std::vector<std::string> wide = terms;
            for (const std::string& l : lemmas)
                for (const std::string& f : qb_.family(l)) add_unique(wide, f);
            if (wide.size() > terms.size())
                c.wide = extra.empty() ? any_of(wide) : Xapian::Query(Xapian::Query::OP_AND_MAYBE, any_of(wide), boosts);
        }
        return c;
    }

    static Clause word_clause_terms(bool by_lemma, const std::vector<std::string>& lemmas,
                                    const std::vector<std::string>& folded, const std::string& field) {
        std::vector<std::string> terms;
        for (const std::string& x : by_lemma ? lemmas : folded)
            terms.push_back((by_lemma ? std::string(schema::kStemPrefix) : std::string()) + field + x);
        return {any_of(terms), any_of(terms), true, false};
    }

    double idf(const std::string& term) const {
        double n = qb_.db_.get_doccount(), tf = qb_.db_.get_termfreq(term);
        return std::log((n + 1.0) / (tf + 0.5));
    }

    // These words in this order, on their folded spellings: accent-, case-
    // and elision-insensitive; an ordinary word stands for its inflected
    // forms ("coup d'État" finds « coups d'Etat »), never for a stem or
    // another word of its family; names and stop words as written.
    Clause phrase(const std::string& text, const std::string& field) {
        analysis::Analysis a = qb_.analyzer_.analyze(text);
        if (a.tokens.empty()) return {};
        return phrase_of(a.tokens, field);
    }

    PhraseWord phrase_word(const AnalyzedToken& t) {
        PhraseWord w{t.folded, {t.folded}};
        if (t.stop || !(t.lexicon & analysis::Lexicon::kCommon) || qb_.name_decision(t).name) return w;
        const auto& stop_words = analysis::WordList::french_stop_words();
        for (std::string_view f : analysis::Lexicon::french().inflections(t.stem))
            if (!stop_words.contains(f)) w.spellings.insert(std::string(f));
        return w;
    }

    Clause phrase_of(const std::vector<AnalyzedToken>& tokens, const std::string& field) {
        std::vector<PhraseWord> words;
        std::vector<Xapian::Query> positions;
        std::vector<std::string> terms;
        for (const AnalyzedToken& t : tokens) {
            words.push_back(phrase_word(t));
            std::vector<std::string> at;
            for (const std::string& s : words.back().spellings) at.push_back(field + s);
            // OP_OR: Xapian 1.4 takes no OP_SYNONYM inside a phrase.
            positions.push_back(at.size() == 1 ? Xapian::Query(at[0]) : Xapian::Query(Xapian::Query::OP_OR, at.begin(), at.end()));
            terms.insert(terms.end(), at.begin(), at.end());
            out_.highlight.weight[t.folded] = std::max(out_.highlight.weight[t.folded], idf(field + t.folded));
        }
        content_ = true;
        out_.readings.push_back({"\"" + tokens.front().surface + (tokens.size() > 1 ? "…" : "") + "\"", true,
                                 "a quoted phrase: these words in this order", terms});
        auto highlight_words = [&] {
            for (const PhraseWord& w : words) out_.highlight.folded.insert(w.spellings.begin(), w.spellings.end());
        };
        if (positions.size() == 1) {
            highlight_words();
            return {positions[0], positions[0], true, false};
        }
        if (++phrases_ > QueryBuilder::kMaxPhrases) {
            warn("trop d'expressions entre guillemets : les mots de la suivante sont cherchés séparément");
            highlight_words();
            Xapian::Query q(Xapian::Query::OP_AND, positions.begin(), positions.end());
            return {q, q, true, false};
        }
        out_.highlight.phrases.push_back(words);
        Xapian::Query q(Xapian::Query::OP_PHRASE, positions.begin(), positions.end(),
                        static_cast<Xapian::termcount>(positions.size()));
        return {q, q, true, false};
    }

    // word*: the indexed words starting so, most frequent first, within the
    // query's budget; each prefix expanded once per query.
    Clause wildcard(const QueryNode& n) {
        std::string field = n.title ? std::string(schema::kTitlePrefix) : std::string();
        AnalyzedToken t = qb_.analyzer_.analyze_word(n.text);
        if (t.folded.empty()) return {};
        std::string key = field + t.folded;
        auto cached = qb_.wildcards_.find(key);
        if (cached == qb_.wildcards_.end()) {
            std::vector<std::pair<Xapian::doccount, std::string>> found;
            unsigned scanned = 0;
            bool cut = false;
            for (auto it = qb_.db_.allterms_begin(key); it != qb_.db_.allterms_end(key); ++it) {
                if (++scanned > QueryBuilder::kMaxWildcardScan) {
                    cut = true;
                    break;
                }
                found.emplace_back(it.get_termfreq(), *it);
            }
            unsigned room = QueryBuilder::kMaxExpandedTerms > expanded_ ? QueryBuilder::kMaxExpandedTerms - expanded_ : 0;
            unsigned keep = std::min<unsigned>(QueryBuilder::kMaxWildcardTerms, room);
            if (found.size() > keep) {
                cut = true;
                std::partial_sort(found.begin(), found.begin() + keep, found.end(),
                                  [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
                found.resize(keep);
            }
            if (cut)
                warn("« " + n.text + "* » : seuls les " + std::to_string(found.size()) +
                     " mots les plus fréquents qui commencent ainsi sont cherchés");
            std::vector<std::string> terms;
            for (auto& [tf, term] : found) terms.push_back(term);
            expanded_ += static_cast<unsigned>(terms.size());
            cached = qb_.wildcards_.emplace(key, std::move(terms)).first;
        }
        content_ = true;
        for (const std::string& term : cached->second) {
            std::string bare = term.substr(field.size());
            out_.highlight.folded.insert(bare);
            out_.highlight.weight[bare] = std::max(out_.highlight.weight[bare], 1.0);
        }
        Xapian::Query q = any_of(cached->second);
        return {q, q, true, false};
    }

    Clause date(const std::string& d) {
        Clause c;
        c.filter = true;
        if (!valid_date_filter(d)) {
            warn("date:" + d + " n'est pas une date (AAAA, AAAA-MM ou AAAA-MM-JJ) : aucun rapport ne lui répond");
            c.match = Xapian::Query::MatchNothing;
        } else if (d.size() == 10) {
            std::string key = d.substr(0, 4) + d.substr(5, 2) + d.substr(8, 2);
            c.match = Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotDateSort, key, key);
        } else {
            c.match = Xapian::Query(std::string(schema::kDatePrefix) + d);
        }
        c.match = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, c.match, 0.0);
        c.ranked = c.match;
        return c;
    }

    // actor:wagner, actor:"forces armées maliennes", place:Ségou, place:mopti.
    Clause entity(const QueryNode& n) {
        bool actor = n.kind == Kind::kActor;
        std::string prefix(actor ? schema::kActorPrefix : schema::kPlacePrefix);
        analysis::Analysis a = qb_.analyzer_.analyze(n.text);
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
        Clause c;
        c.filter = true;
        std::vector<std::string> terms;
        Xapian::doccount named = 0;
        for (const std::string& id : ids) {
            terms.push_back(prefix + id);
            named += qb_.db_.get_termfreq(prefix + id);
        }
        if (named == 0)
            warn(std::string(actor ? "actor:" : "place:") + n.text + " : aucun rapport ne nomme " +
                 (actor ? "cet acteur" : "ce lieu"));
        c.match = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, any_of(terms), 0.0);
        c.ranked = c.match;
        return c;
    }

    void warn(const std::string& w) { add_unique(out_.warnings, w); }

    QueryBuilder& qb_;
    BuiltQuery& out_;
    bool drop_stop_;
    bool question_ = false;
    bool content_ = false;
    bool dropped_ = false;
    bool aliased_ = false;  // an actor's alias typed: partial matches show its other wordings
    unsigned phrases_ = 0;
    unsigned expanded_ = 0;
    std::string last_label_;  // the words a word item was read as (elisions, dropped words aside)
};

// A lemma's family in the lexicon that the index holds: "surnommer" for
// "surnommé", "règlement" for "régler".
const std::vector<std::string>& QueryBuilder::family(const std::string& lemma) {
    auto it = families_.find(lemma);
    if (it != families_.end()) return it->second;
    std::vector<std::string> out;
    for (std::string_view other : analysis::Lexicon::french().family(lemma)) {
        std::string term = std::string(schema::kStemPrefix) + std::string(other);
        if (db_.term_exists(term)) out.push_back(std::move(term));
    }
    return families_.emplace(lemma, std::move(out)).first->second;
}

std::optional<analysis::CapitalEvidence> QueryBuilder::evidence(const std::string& folded) {
    auto it = evidence_.find(folded);
    if (it == evidence_.end()) {
        analysis::CapitalEvidence e;
        e.reports = db_.get_termfreq(folded);
        e.capitalised = e.reports ? db_.get_termfreq(std::string(schema::kCapitalPrefix) + folded) : 0;
        it = evidence_.emplace(folded, e).first;
    }
    return it->second;
}

analysis::NameDecision QueryBuilder::name_decision(const analysis::AnalyzedToken& token) {
    if (token.stop || token.number || !(token.lexicon & analysis::Lexicon::kCommon))
        return analysis::NameRule::decide(token, std::nullopt);
    return analysis::NameRule::decide(token, evidence(token.folded));
}

BuiltQuery QueryBuilder::build(std::string_view text) {
    QueryNode root = parse_query(text);
    BuiltQuery out;
    out.everything = true;
    out.ranked = match_all();
    QueryReader reader(*this, out, true);
    reader.read(root);
    if (!reader.has_content() && reader.dropped() && out.everything) {
        // Only stop words were typed: search for them after all.
        BuiltQuery again;
        again.everything = true;
        again.ranked = match_all();
        QueryReader(*this, again, false).read(root);
        return again;
    }
    return out;
}

}  // namespace vigie::searcher
