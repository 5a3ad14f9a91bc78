#!/usr/bin/env python3
"""Builds Vigie's French lexicon (word form -> lemma) from a Hunspell dictionary.

    python3 analyzers/data/build_lexicon.py [--aff fr.aff --dic fr.dic] [--out lexicon_fr.tsv]

The input is Debian's `hunspell-fr-comprehensive` (Grammalecte/Dicollecte
"toutes variantes" v7.0, MPL 2.0): every root of fr.dic is expanded through
the suffix rules of fr.aff (the prefix rules are French elisions, which the
analyzer strips itself), and each form keeps the root it came from and its
part of speech. See LEXICON.md for the choice of one lemma per form; the
build compiles the table into a searchable blob (compile_lexicon.cc).

Standard library only; the output is deterministic for a given dictionary.
"""
import argparse
import os
import re
import sys
import unicodedata

# Flags in the .aff/.dic: FLAG long (two characters each).
NEEDAFFIX = None

# Reading kinds, best first when a form has several (see LEXICON.md).
NOUN, ADJ, OTHER, VERB = 0, 1, 2, 3

# Entry flags written in the table (analyzers/lexicon.h keeps the same values).
F_COMMON = 1   # a lower-case entry of the dictionary: an ordinary French word
F_PROPER = 2   # a capitalised entry: a proper noun, first name, surname, acronym


def fold_case(s):
    """As analyzers/case_folder.cc: NFC, full case folding, oe/ae ligatures, apostrophes."""
    s = unicodedata.normalize("NFC", s).casefold()
    for a in ("\u2019", "\u02bc", "\u2018", "\u00b4", "`"):
        s = s.replace(a, "'")
    return s.replace("\u0153", "oe").replace("\u00e6", "ae")


def fold_accents(s):
    """As analyzers/accent_folder.cc: diacritics removed."""
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def word_like(form):
    """A form the tokenizer yields as one token: letters, digits, inner apostrophes."""
    if not form or form[0] == "'" or form[-1] == "'":
        return False
    for c in form:
        if c == "'":
            continue
        cat = unicodedata.category(c)
        if cat[0] not in "LNM":
            return False
    return True


def split_flags(flags):
    return [flags[i:i + 2] for i in range(0, len(flags), 2)]


def parse_aff(path):
    """Suffix and prefix rules by flag: [(strip, add, continuation flags, condition, morph)]."""
    rules = {"SFX": {}, "PFX": {}}
    global NEEDAFFIX
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        p = lines[i].split()
        if len(p) == 2 and p[0] == "NEEDAFFIX":
            NEEDAFFIX = p[1]
        if len(p) == 4 and p[0] in ("SFX", "PFX"):
            kind, flag, count = p[0], p[1], int(p[3])
            out = rules[kind].setdefault(flag, [])
            for line in lines[i + 1:i + 1 + count]:
                q = line.split()
                strip = "" if q[2] == "0" else q[2]
                add, _, cont = q[3].partition("/")
                add = "" if add == "0" else add
                cond = q[4] if len(q) > 4 else "."
                morph = [m for m in q[5:] if ":" in m]
                if kind == "SFX":
                    rx = re.compile("(?:" + cond + ")$") if cond != "." else None
                else:
                    rx = re.compile("^(?:" + cond + ")") if cond != "." else None
                out.append((strip, add, split_flags(cont), rx, morph))
            i += count
        i += 1
    return rules


def kind_of(morph):
    pos = [m[3:] for m in morph if m.startswith("po:")]
    if "ppas" in pos or "ppre" in pos or "infi" in pos or any(p.startswith("v") and p[1:2].isdigit() for p in pos):
        # A participle that the dictionary also lists as an adjective is
        # still a verb form here; a noun or adjective root of its own wins.
        if not any(p.startswith("v") and p[1:2].isdigit() for p in pos) and "nom" in pos:
            return NOUN
        return VERB
    if "nom" in pos:
        return NOUN
    if "adj" in pos:
        return ADJ
    return OTHER


def suffixed(root, flags, rules, morph):
    """The forms of `root` through its suffix flags: (form, kind, participle ms)."""
    for flag in flags:
        for strip, add, _, cond, rmorph in rules["SFX"].get(flag, ()):
            if strip and not root.endswith(strip):
                continue
            if cond is not None and not cond.search(root):
                continue
            form = root[:len(root) - len(strip)] + add
            # An agreeing participle (p+: tué, tuée, tués, tuées), not an
            # invariable one (p.: il a évolué), which stays a form of its verb.
            ms = "po:ppas" in rmorph and "is:mas" in rmorph and "is:fem" not in rmorph and "is:pl" not in rmorph
            yield form, kind_of(morph + rmorph), ms


def expand(dic_path, rules):
    """Yields (form, lemma, kind, past participle masculine singular) for every
    form of every root; the last is False unless the form is such a participle.
    Prefixes that are elisions (l', d', qu'...) are left out: the analyzer
    strips them. Other prefixes (kilo-, centi-, k, m...) make forms of their
    own, with the prefixed word as their lemma."""
    with open(dic_path, encoding="utf-8") as f:
        next(f)  # the entry count
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            head, _, rest = line.partition(" ")
            if "\t" in head:
                head, _, more = head.partition("\t")
                rest = more + " " + rest
            root, _, flags = head.partition("/")
            morph = [m for m in rest.split() if ":" in m]
            lemma = next((m[3:] for m in morph if m.startswith("st:")), root)
            fl = split_flags(flags)
            if NEEDAFFIX not in fl:
                yield root, lemma, kind_of(morph), False
            for form, kind, ms in suffixed(root, fl, rules, morph):
                yield form, lemma, kind, ms
            for flag in fl:
                for strip, add, cont, cond, _ in rules["PFX"].get(flag, ()):
                    if add.endswith("'") or (strip and not root.startswith(strip)):
                        continue
                    if cond is not None and not cond.search(root):
                        continue
                    base = add + root[len(strip):]
                    if NEEDAFFIX not in cont and NEEDAFFIX not in fl:
                        yield base, base, kind_of(morph), False
                    for form, kind, ms in suffixed(base, cont, rules, morph):
                        yield form, base, kind, ms


def common_prefix(a, b):
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def choose(key, readings, nominal, participle, stop_words):
    """One lemma for a form (LEXICON.md):
    1. readings whose lemma is a stop word (être, avoir) only when nothing else;
    2. the form itself when it is a noun or adjective of the dictionary;
    3. a noun or adjective that is no past participle (armées -> armée);
    4. a past participle: its masculine singular, for all four forms
       (tuées -> tué, libérés -> libéré, détenues -> détenu), unless that is
       a stop word (tue, of se taire: tu);
    5. adjective > other > verb, then the lemma sharing the longest start
       with the form, then the shorter."""
    kept = [r for r in readings if r[0] not in stop_words] or list(readings)
    if key in nominal:
        return key
    participles = set()
    for lemma, kind in kept:
        if kind == VERB:
            participles.update(p for p in participle.get(lemma, ())
                               if (key == p or key in participle_forms(p)) and p not in stop_words)
    nouns = [r for r in kept if r[1] == NOUN and r[0] not in participles]
    if nouns:
        return min(nouns, key=lambda r: (-common_prefix(r[0], key), len(r[0]), r[0]))[0]
    if participles:
        return min(participles, key=lambda p: (-common_prefix(p, key), len(p), p))
    best = min(kept, key=lambda r: (r[1], -common_prefix(r[0], key), len(r[0]), r[0]))
    return best[0]


def participle_forms(p):
    """The four forms of a past participle from its masculine singular."""
    base = p[:-1] if p.endswith(("s", "x")) and len(p) > 2 else p
    return {p, p + "e", p + "s", p + "es", base + "se", base + "ses"}


def build(aff, dic, stop_words):
    rules = parse_aff(aff)
    common, flags = {}, {}
    nominal = set()      # lemmas of nouns and adjectives
    participle = {}      # verb lemma -> its agreeing past participles, masculine singular
    for form, lemma, kind, ms in expand(dic, rules):
        key = fold_case(form)
        if not word_like(key):
            continue
        proper = lemma[:1] != lemma[:1].lower() or form[:1] != form[:1].lower()
        flags[key] = flags.get(key, 0) | (F_PROPER if proper else F_COMMON)
        if proper:
            continue
        lemma = fold_case(lemma)
        common.setdefault(key, set()).add((lemma, kind))
        if kind in (NOUN, ADJ) and key == lemma:
            nominal.add(key)
        if ms:
            participle.setdefault(lemma, set()).add(key)
    verb_of = {}  # an agreeing past participle, masculine singular -> its verbs
    for verb, ps in participle.items():
        for p in ps:
            if verb not in stop_words and p not in stop_words:
                verb_of.setdefault(p, set()).add(verb)
    entries = {}
    for key, fl in flags.items():
        lemma = choose(key, common[key], nominal, participle, stop_words) if key in common else key
        if lemma in stop_words:  # no content word shares a stop word's term (mêmes, uns, sure)
            lemma = key
        verbs = sorted(verb_of.get(key, ())) if lemma == key else []
        entries[key] = (lemma, fl, ",".join(verbs))
    return entries


HEADER = """\
# Vigie's French lexicon: word form -> lemma. Generated by build_lexicon.py; do not edit.
# Source: {source}, Debian package hunspell-fr-comprehensive
# (Grammalecte / Dicollecte, "toutes variantes", by Olivier R.), licence MPL 2.0:
# https://mozilla.org/MPL/2.0/ -- this table is a modified form of that dictionary
# and is distributed under the same licence. See LEXICON.md.
# Columns: form (case-folded, accents kept), lemma (empty: the form itself),
# flags (1: a common word of the dictionary, 2: a proper noun, 3: both),
# verbs (on an agreeing past participle that is its own lemma: its verb).
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--aff", default="/usr/share/hunspell/fr.aff")
    ap.add_argument("--dic", default="/usr/share/hunspell/fr.dic")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "lexicon_fr.tsv"))
    ap.add_argument("--stop-words", default=os.path.join(here, "stopwords_fr.txt"))
    a = ap.parse_args()
    with open(a.aff, encoding="utf-8") as f:
        title = next((l.strip("# \n") for l in f if "DICTIONNAIRE" in l), "fr.aff")
    stop = set()
    with open(a.stop_words, encoding="utf-8") as f:
        for line in f:
            w = line.split("#")[0].strip()
            if w:
                stop.add(fold_case(w))
    entries = build(a.aff, a.dic, stop | {"\u00eatre", "avoir"})
    with open(a.out, "w", encoding="utf-8") as t:
        t.write(HEADER.format(source=title))
        for k in sorted(entries, key=lambda k: k.encode("utf-8")):
            lemma, fl, verbs = entries[k]
            t.write("%s\t%s\t%d%s\n" % (k, "" if lemma == k else lemma, fl, "\t" + verbs if verbs else ""))
    print("lexicon: %d forms, %d with another lemma, %d proper nouns only, %d participles -> %s" %
          (len(entries), sum(1 for k, (l, _, _) in entries.items() if l != k),
           sum(1 for _, (_, fl, _) in entries.items() if fl == F_PROPER),
           sum(1 for _, (_, _, v) in entries.items() if v), a.out), file=sys.stderr)


if __name__ == "__main__":
    main()
