#include "analyzers/entities/gazetteer.h"

#include <algorithm>
#include <cstring>
#include <new>
#include <unordered_map>
#include <map>
#include <set>

#include "analyzers/entities/evidence.h"
#include "analyzers/entities/tsv.h"
#include "analyzers/lexicon.h"


namespace vigie::entities {
namespace {

using evidence::joined;
using evidence::type_cue;

// The French word for a place type, for display labels.
std::string type_word(const std::string& type) {
    static const std::map<std::string, std::string> words = {
        {"country", "pays"},   {"area", "zone"},          {"region", "région"}, {"province", "province"},
        {"departement", "département"}, {"cercle", "cercle"}, {"commune", "commune"},
        {"town", "ville"},     {"village", "village"}};
    auto it = words.find(type);
    return it == words.end() ? type : it->second;
}

// The compiled form (docs/entity-tables.md): the magic, four little-endian
// u32 (places, string references, string bytes, matcher bytes), one record
// per place (kRecord bytes: id, name, label, type and parent as (offset,
// length) into the strings; first reference and count of its names, then of
// its covers; flags; lat and lon as IEEE doubles), the places sorted by id
// bytes (the id's offset and length, the place's index), the references ((offset, length) pairs), the strings, and the
// name matcher's flat form (phrase_matcher.h).
constexpr std::string_view kMagic = "VPLACES2";
constexpr std::size_t kHeader = 8 + 4 * 4;
constexpr std::size_t kRecord = 80;
constexpr std::uint32_t kHasPosition = 1, kCommon = 2, kHomonym = 4;

std::uint32_t u32_at(const unsigned char* p) {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}

void put_u32(std::string& out, std::uint32_t v) {
    char b[4];
    std::memcpy(b, &v, 4);
    out.append(b, 4);
}

std::string compile(const std::vector<Place>& places, const PhraseMatcher& matcher) {
    std::string strings;
    std::map<std::string, std::uint32_t, std::less<>> at;
    auto ref = [&](std::string_view s) {
        auto it = at.find(s);
        if (it == at.end()) {
            it = at.emplace(std::string(s), static_cast<std::uint32_t>(strings.size())).first;
            strings += s;
        }
        return std::pair<std::uint32_t, std::uint32_t>(it->second, static_cast<std::uint32_t>(s.size()));
    };
    std::vector<std::uint32_t> by_id(places.size());
    for (std::uint32_t i = 0; i < by_id.size(); ++i) by_id[i] = i;
    std::sort(by_id.begin(), by_id.end(), [&](auto a, auto b) { return places[a].id < places[b].id; });
    // The ids first, in their order: a lookup's probes stay in a few pages.
    for (std::uint32_t i : by_id) ref(places[i].id);
    std::string records, refs;
    std::uint32_t n_refs = 0;
    auto list = [&](const std::vector<std::string>& items) {
        std::uint32_t first = n_refs;
        for (const std::string& s : items) {
            auto [off, len] = ref(s);
            put_u32(refs, off);
            put_u32(refs, len);
            ++n_refs;
        }
        return std::pair<std::uint32_t, std::uint32_t>(first, static_cast<std::uint32_t>(items.size()));
    };
    for (const Place& p : places) {
        for (const std::string* s : {&p.id, &p.name, &p.label, &p.type, &p.parent}) {
            auto [off, len] = ref(*s);
            put_u32(records, off);
            put_u32(records, len);
        }
        for (const auto* items : {&p.names, &p.covers}) {
            auto [first, count] = list(*items);
            put_u32(records, first);
            put_u32(records, count);
        }
        put_u32(records, (p.has_position ? kHasPosition : 0) | (p.common ? kCommon : 0) | (p.homonym ? kHomonym : 0));
        put_u32(records, 0);
        char b[16];
        std::memcpy(b, &p.lat, 8);
        std::memcpy(b + 8, &p.lon, 8);
        records.append(b, 16);
    }
    std::string m;
    matcher.serialize(m);
    std::string out(kMagic);
    for (std::size_t v : {places.size(), std::size_t{n_refs}, strings.size(), m.size()})
        put_u32(out, static_cast<std::uint32_t>(v));
    out += records;
    for (std::uint32_t i : by_id) {
        auto [off, len] = ref(places[i].id);
        put_u32(out, off);
        put_u32(out, len);
        put_u32(out, i);
    }
    out += refs;
    out += strings;
    out += m;
    return out;
}

}  // namespace

Gazetteer::Gazetteer(std::string_view tsv) {
    TsvTable table(tsv);
    analysis::FrenchAnalyzer analyzer;
    std::vector<Place> places;
    std::unordered_map<std::string, std::size_t> by_id;
    PhraseMatcher matcher;
    places.reserve(table.size());
    for (std::size_t r = 0; r < table.size(); ++r) {
        Place p;
        p.id = table.get(r, "id");
        p.name = table.get(r, "label");
        p.label = p.name;
        p.type = table.get(r, "type");
        p.parent = table.get(r, "parent");
        std::string lat(table.get(r, "lat")), lon(table.get(r, "lon"));
        if (!lat.empty() && !lon.empty()) {
            p.lat = std::strtod(lat.c_str(), nullptr);
            p.lon = std::strtod(lon.c_str(), nullptr);
            p.has_position = true;
        }
        for (const std::string& f : split(table.get(r, "flags"), ','))
            if (f == "common") p.common = true;
            else if (f == "homonym") p.homonym = true;
        p.covers = split(table.get(r, "covers"), '|');
        if (p.id.empty() || by_id.count(p.id)) continue;
        auto index = static_cast<std::uint32_t>(places.size());
        by_id[p.id] = index;
        matcher.add(analyzer, p.name, index, 0);
        p.names.push_back(p.name);
        for (const std::string& alias : split(table.get(r, "aliases"), '|')) {
            p.names.push_back(alias);
            // "Région de Kidal", "Cercle de Bankass": the place word is read
            // as a cue in front of the name instead (see type_cue).
            analysis::Analysis a = analyzer.analyze(alias);
            if (a.tokens.size() > 1 && (!type_cue(a.tokens[0].folded).empty() || a.tokens[0].folded == "district"))
                continue;
            matcher.add(analyzer, alias, index, kByAlias);
        }
        places.push_back(std::move(p));
    }
    // Same-name places told apart: "Hombori (commune, Douentza)".
    for (Place& p : places) {
        if (!p.homonym || p.type == "country") continue;
        auto up = p.parent.empty() ? by_id.end() : by_id.find(p.parent);
        p.label = p.name + " (" + type_word(p.type) + (up != by_id.end() ? ", " + places[up->second].name : std::string()) + ")";
    }
    owned_ = compile(places, matcher);
    load(owned_);
}

Gazetteer::Gazetteer(Compiled, std::string_view compiled) { load(compiled); }

Gazetteer::~Gazetteer() {
    for (std::uint32_t i = 0; decoded_ && i < n_; ++i) delete decoded_.get()[i].load(std::memory_order_relaxed);
}

void Gazetteer::load(std::string_view compiled) {
    if (compiled.size() < kHeader || compiled.substr(0, kMagic.size()) != kMagic) return;
    auto* p = reinterpret_cast<const unsigned char*>(compiled.data()) + kMagic.size();
    std::uint64_t n = u32_at(p), n_refs = u32_at(p + 4), string_bytes = u32_at(p + 8), matcher_bytes = u32_at(p + 12);
    std::uint64_t strings_at = kHeader + kRecord * n + 12 * n + 8 * n_refs;
    if (compiled.size() != strings_at + string_bytes + matcher_bytes) return;
    blob_ = compiled;
    n_ = static_cast<std::uint32_t>(n);
    records_ = p + 16;
    by_id_ = records_ + kRecord * n;
    refs_ = by_id_ + 12 * n;
    strings_ = compiled.substr(strings_at, string_bytes);
    matcher_ = PhraseMatcher(compiled.substr(strings_at + string_bytes, matcher_bytes));
    static_assert(std::atomic<const Place*>::is_always_lock_free && sizeof(std::atomic<const Place*>) == sizeof(void*));
    decoded_.reset(static_cast<std::atomic<const Place*>*>(std::calloc(n_ ? n_ : 1, sizeof(std::atomic<const Place*>))));
    if (!decoded_) throw std::bad_alloc();
}

std::string_view Gazetteer::text(const unsigned char* ref) const {
    std::uint32_t off = u32_at(ref), len = u32_at(ref + 4);
    return off <= strings_.size() ? strings_.substr(off, len) : std::string_view();
}

const Place& Gazetteer::place(std::uint32_t i) const {
    std::atomic<const Place*>& slot = decoded_.get()[i];
    const Place* p = slot.load(std::memory_order_acquire);
    if (p) return *p;
    const unsigned char* r = records_ + kRecord * i;
    auto made = std::make_unique<Place>();
    made->id = text(r);
    made->name = text(r + 8);
    made->label = text(r + 16);
    made->type = text(r + 24);
    made->parent = text(r + 32);
    for (auto [list, field] : {std::pair{&made->names, 40}, std::pair{&made->covers, 48}}) {
        std::uint32_t first = u32_at(r + field), count = u32_at(r + field + 4);
        for (std::uint32_t k = 0; k < count; ++k) list->emplace_back(text(refs_ + 8ull * (first + k)));
    }
    std::uint32_t flags = u32_at(r + 56);
    made->has_position = flags & kHasPosition;
    made->common = flags & kCommon;
    made->homonym = flags & kHomonym;
    std::memcpy(&made->lat, r + 64, 8);
    std::memcpy(&made->lon, r + 72, 8);
    if (slot.compare_exchange_strong(p, made.get(), std::memory_order_acq_rel, std::memory_order_acquire))
        return *made.release();
    return *p;  // another thread decoded it first
}

const Place* Gazetteer::find(std::string_view id) const {
    std::uint32_t lo = 0, hi = n_;
    while (lo < hi) {
        std::uint32_t mid = lo + (hi - lo) / 2;
        const unsigned char* entry = by_id_ + 12ull * mid;
        int c = text(entry).compare(id);
        if (c == 0) return &place(u32_at(entry + 8));
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return nullptr;
}

std::vector<std::string> Gazetteer::lineage(std::string_view id) const {
    std::vector<std::string> out;
    const Place* p = find(id);
    while (p && out.size() < 8) {
        out.push_back(p->id);
        p = p->parent.empty() ? nullptr : find(p->parent);
    }
    return out;
}

std::vector<std::string> Gazetteer::named(const std::vector<TokenKeys>& keys) const {
    std::vector<std::string> out;
    for (const Match& m : matcher_.find(keys))
        if (m.first == 0 && m.last + 1 == keys.size()) out.push_back(place(m.entity).id);
    return out;
}

int Gazetteer::rank(const Place& p) const {
    static const std::map<std::string, int> ranks = {
        {"country", 9}, {"area", 8}, {"region", 7},  {"province", 6}, {"departement", 6},
        {"cercle", 5},  {"town", 4},   {"commune", 3}, {"village", 2}};
    auto it = ranks.find(p.type);
    return it == ranks.end() ? 1 : it->second;
}

std::vector<PlaceMention> Gazetteer::recognise(const analysis::Analysis& analysis, const std::vector<TokenKeys>& keys,
                                               const std::vector<bool>& covered) const {
    const auto& tokens = analysis.tokens;
    const std::string& text = analysis.text;
    std::vector<Match> matches = matcher_.find(keys);
    // Group homonyms: one entry per text span.
    struct Span {
        std::size_t first, last;
        std::vector<std::uint32_t> candidates;
        std::vector<bool> by_alias;  // per candidate: matched by another spelling than its name
        std::string cue;
        bool name_like = false;  // glued to a longer name, or an acronym
        bool in_name = false;    // a country inside an institution's or a party's name
    };
    std::vector<Span> spans;
    for (const Match& m : matches) {
        bool hidden = false;
        for (std::size_t i = m.first; i <= m.last; ++i) hidden = hidden || (!covered.empty() && covered[i]);
        if (hidden) continue;
        if (spans.empty() || spans.back().first != m.first) {
            Span s{m.first, m.last, {}, {}, evidence::place_cue(text, tokens, m.first), false};
            s.name_like = evidence::glued_to_name(text, tokens, keys, covered, m.first, m.last) ||
                          (m.first == m.last && evidence::isolated_capitals(tokens, m.first));
            spans.push_back(std::move(s));
        }
        spans.back().candidates.push_back(m.entity);
        spans.back().by_alias.push_back(m.flags & kByAlias);
    }
    // A country inside a name ("Institut de France", "La France insoumise"):
    // once the report writes the name so, the same words elsewhere in it
    // ("la France insoumise") are that name too.
    std::set<std::string> names_with_country;
    auto next_word = [&](const Span& s) {
        return s.last + 1 < tokens.size() && joined(text, tokens, s.last, s.last + 1) &&
                       tokens[s.last + 1].written == analysis::Case::kLower && !tokens[s.last + 1].stop
                   ? tokens[s.last + 1].folded
                   : std::string();
    };
    for (Span& s : spans) {
        s.in_name = evidence::inside_organisation_name(text, tokens, s.first);
        std::string next = next_word(s);
        if (!next.empty() && evidence::capitalised_article(text, tokens, s.first)) {
            s.in_name = true;
            names_with_country.insert(keys[s.first].exact + " " + next);
        }
    }
    for (Span& s : spans) {
        std::string next = next_word(s);
        if (!next.empty() && names_with_country.count(keys[s.first].exact + " " + next)) s.in_name = true;
    }

    auto country_of = [&](const Place& p) {
        std::vector<std::string> line = lineage(p.id);
        return line.empty() ? std::string() : line.back();
    };
    auto is_admin = [](const Place& p) {  // administrative units that anchor a report's geography
        return p.type == "region" || p.type == "province" || p.type == "departement" || p.type == "cercle" ||
               p.type == "commune";
    };
    // The name as written may be this place at all (evidence.h): the span's
    // own words, before anything else in the report is looked at.
    auto name_fits = [&](const Span& s, const Place& p, bool locative_ok) {
        if (p.type != "area" && !keys[s.first].capitalized) return false;
        // A place word of the right type vouches for the name; one of another
        // type ("la région de Gossi", a town) is read loosely and vouches for nothing.
        if (!s.cue.empty() && evidence::fits_cue(s.cue, p.type)) return true;
        if (s.name_like) return false;
        if (s.in_name && p.type == "country") return false;
        if (s.first == s.last && tokens[s.first].stop) return false;  // "La", "Sur"
        // Towns and villages take no article: "la Kora" is the instrument.
        bool local = p.type == "commune" || p.type == "town" || p.type == "village";
        if (local && evidence::article_before(tokens, s.first)) return false;
        // A name the dictionary knows as a word ("Kora", "La") is one too.
        bool common = p.common || (p.type != "country" && p.type != "area" && s.first == s.last &&
                                   (tokens[s.first].lexicon & analysis::Lexicon::kCommon));
        if (common) return p.type != "country" && locative_ok && evidence::locative_before(tokens, s.first);
        return true;
    };

    // Pass 1: what the report says of each country (countries, demonyms,
    // areas inside one country, regions) and which administrative units it
    // names, with the spans that named them.
    evidence::CountryEvidence countries;
    std::map<std::string, std::set<std::size_t>> anchors;
    for (const auto& t : tokens) {
        std::string c = evidence::demonym_country(t.folded);
        if (!c.empty()) countries.add(c);
    }
    for (std::size_t si = 0; si < spans.size(); ++si) {
        const Span& s = spans[si];
        for (std::uint32_t c : s.candidates) {
            const Place& p = place(c);
            if (!name_fits(s, p, false)) continue;
            if (p.type == "country") {
                countries.add(p.id);
            } else if (p.type == "area") {
                std::set<std::string> in;
                for (const std::string& id : p.covers) in.insert(lineage(id).empty() ? id : lineage(id).back());
                if (in.size() == 1) countries.add(*in.begin());
            } else if (is_admin(p)) {
                anchors[p.id].insert(si);
                if (p.type == "region" && !p.common) countries.add(country_of(p));
            }
        }
    }
    // An administrative unit above `p` named somewhere else than span si.
    auto named_above = [&](const Place& p, std::size_t si) {
        int n = 0;
        std::vector<std::string> line = lineage(p.id);
        for (std::size_t k = 1; k + 1 < line.size(); ++k) {
            // A unit of the same name ("Dianké" commune above "Dianké" town)
            // is the same word again, not evidence.
            auto a = anchors.find(line[k]);
            if (a != anchors.end() && find(line[k])->name != p.name &&
                (a->second.size() > 1 || !a->second.count(si)))
                ++n;
        }
        return n;
    };

    // Pass 2: one place per span, the one with evidence.
    std::map<std::string, std::size_t> counts;
    std::map<std::string, std::vector<std::string>> parents_override;
    std::set<std::string> tie_parents;  // units above every place of a tie
    for (std::size_t si = 0; si < spans.size(); ++si) {
        const Span& s = spans[si];
        const Place* best = nullptr;
        int best_score = -1;
        std::size_t best_weight = 0;
        bool tie = false;
        std::vector<const Place*> tied;
        for (std::size_t k = 0; k < s.candidates.size(); ++k) {
            const Place& p = place(s.candidates[k]);
            std::string country = country_of(p);
            bool leads = countries.leads(country);
            if (!name_fits(s, p, leads)) continue;
            int above = 0;
            if (p.type == "area") {
                // An area over countries the report names outranks a region of the same name.
                for (const std::string& id : p.covers)
                    if (!lineage(id).empty() && countries.score(lineage(id).back()) > 0) leads = true;
            } else if (p.type != "country") {
                above = named_above(p, si);
                if (p.type == "region") {
                    if (countries.score(country) == 0 && above == 0) continue;
                } else if (above == 0 && !leads) {
                    continue;  // no evidence of its country: a homonym elsewhere
                } else if (above == 0 && p.type == "village" && s.by_alias[k]) {
                    continue;  // a village's other spelling ("Bangui" for Bangi) is too often a city elsewhere
                } else if (above == 0 && p.type == "village" &&
                           !(!s.cue.empty() && evidence::fits_cue(s.cue, p.type)) &&
                           !evidence::locative_before(tokens, s.first)) {
                    continue;  // one of 49,000 villages, known by its country alone: must be written "à X"
                }
            }
            // A name that is a country's, a region's or an area's is that
            // place, unless a place word says otherwise: the units named
            // around only choose among homonyms below.
            bool high = p.type == "country" || p.type == "area" || p.type == "region";
            int score = rank(p) + 20 * std::min(above, 2) + (leads ? 5 : 0) + (high ? 60 : 0);
            // "la région du Sahel" speaks of the area more often than of Burkina's region.
            if (!s.cue.empty() && evidence::fits_cue(s.cue, p.type)) score += s.cue == p.type ? 100 : 90;
            // Between homonyms otherwise equal, the country the report names more.
            std::size_t weight = countries.score(country);
            if (score > best_score || (score == best_score && weight > best_weight)) {
                best = &p;
                best_score = score;
                best_weight = weight;
                tie = false;
                tied = {&p};
            } else if (score == best_score && weight == best_weight && p.parent != best->parent) {
                tie = true;  // same name, same evidence, different places: which one is unknown
                tied.push_back(&p);
            }
        }
        if (best && tie) {
            // Which of the tied places is unknown, but the units above all of
            // them are not: two Ogossagou under one cercle still say the cercle.
            // Only units below the country, so a tie across countries gives nothing.
            std::vector<std::string> shared = lineage(tied[0]->id);
            for (const Place* other : tied) {
                std::vector<std::string> line = lineage(other->id);
                std::erase_if(shared, [&](const std::string& id) {
                    return std::find(line.begin(), line.end(), id) == line.end();
                });
            }
            if (shared.size() > 1)  // more than the country alone
                for (const std::string& id : shared) tie_parents.insert(id);
        }
        if (!best || tie) continue;
        counts[best->id]++;
        // "X, dans la région de Y": when X is not in Y, the report's Y wins.
        if (best->type != "country" && best->type != "region" && best->type != "area") {
            for (std::size_t sj = si + 1; sj < spans.size() && spans[sj].first <= s.last + 7; ++sj) {
                const std::string& next_cue = spans[sj].cue;
                if (next_cue != "region" && next_cue != "cercle") continue;
                for (std::uint32_t c : spans[sj].candidates) {
                    const Place& y = place(c);
                    if (y.type != next_cue) continue;
                    std::vector<std::string> line = lineage(best->id);
                    if (std::find(line.begin(), line.end(), y.id) == line.end()) parents_override[best->id] = lineage(y.id);
                }
                break;
            }
        }
    }

    // Parents only above the places that passed.
    std::map<std::string, std::size_t> with_parents = counts;
    for (const auto& [id, n] : counts) {
        auto over = parents_override.find(id);
        std::vector<std::string> line = over != parents_override.end() ? over->second : lineage(id);
        // An area inside one country ("centre du Mali") has that country as parent.
        const Place* place = find(id);
        if (place && place->type == "area" && !place->covers.empty()) {
            std::set<std::string> in;
            for (const std::string& c : place->covers) in.insert(lineage(c).empty() ? c : lineage(c).back());
            if (in.size() == 1 && find(*in.begin())) line.push_back(*in.begin());
        }
        for (const std::string& up : line)
            if (up != id) with_parents.emplace(up, 0);
    }
    for (const std::string& id : tie_parents) with_parents.emplace(id, 0);
    std::vector<PlaceMention> out;
    for (const auto& [id, n] : with_parents) out.push_back({id, n});
    return out;
}

}  // namespace vigie::entities
