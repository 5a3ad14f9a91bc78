#!/usr/bin/env python3
"""Deterministic generator of synthetic French reports for the benchmark.

  python3 bench/gen_reports.py N [--source FILE.jsonl[.gz]|DIR] [--seed S] [--out FILE.jsonl[.gz]]

Builds N reports as JSONL (id, date, title, heading, body) from sentences of
the real text it is given (default: ../shared/corpora/orangesum/orangesum.jsonl.gz
when present, else the reports in seeds/), shuffled, with mentions of actors
(analyzers/data/actors.tsv), places (analyzers/data/places.tsv, weighted to
Mali) and dates inserted in short French sentences, so that Vigie's facets have
a realistic cardinality: each report names ~2 actors and ~3 places, drawn with
a Zipf-like skew (a few very frequent, a long tail), and ~1 event date. The same
N, source and seed give the same bytes. The text is the source's: do not commit
what this writes.
"""
import argparse
import gzip
import json
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SOURCE = os.path.join(ROOT, "..", "shared", "corpora", "orangesum", "orangesum.jsonl.gz")
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre"]
SENTENCE_END = re.compile(r"(?<=[.!?»])\s+(?=[«A-ZÀÂÉÈÊÎÔÛÇ0-9])")
MAX_POOL = 400_000  # sentences kept from the source (reservoir sample)

SALIENT_ACTORS = ["fama", "jnim", "wagner", "minusma", "barkhane", "eigs", "onu", "cedeao", "gouvernement-mali",
                  "armee-francaise", "katiba-macina", "dozos", "dan-na-ambassagou", "cma", "hrw", "amnesty",
                  "armee-burkinabe", "vdp", "assimi-goita", "g5-sahel", "aqmi", "ansar-dine", "ue", "cicr"]
# Put at the head of their (country, type) list: the places Mali reporting names most.
SALIENT_PLACES = ["Mopti", "Gao", "Tombouctou", "Ségou", "Kidal", "Ménaka", "Bamako", "Sikasso", "Koulikoro",
                  "Kayes", "Djenné", "Bandiagara", "Douentza", "Boni", "Niono", "Ansongo", "Bankass", "Koro",
                  "Tessit", "Anderamboukane", "Macina", "Ténenkou", "Youwarou", "Diafarabé"]
ACTOR_TEMPLATES = [
    "L'attaque a été attribuée à {a}.", "{A} a démenti toute implication dans ces violences.",
    "Des témoins ont mis en cause {a}.", "Selon des sources locales, {a} contrôle désormais la zone.",
    "Un communiqué de {a} fait état de plusieurs victimes.", "Des éléments de {a} ont été vus sur place.",
    "{A} a revendiqué l'opération.", "Les accusations visant {a} n'ont pas pu être vérifiées.",
]
PLACE_TEMPLATES = [
    "Les faits se sont produits à {p}.", "Plusieurs familles ont fui {p} vers les villes voisines.",
    "Un habitant de {p} a décrit des scènes de panique.", "La situation reste tendue à {p}.",
    "Des déplacés sont arrivés à {p} ces derniers jours.", "Le marché de {p} est resté fermé.",
]
DATE_TEMPLATES = [
    "Les événements remontent au {d}.", "L'incident a eu lieu le {d}.",
    "Une réunion s'est tenue le {d}.", "Le bilan a été publié le {d}.",
]


def read_source(path):
    """Texts (title, heading, body) of the source: a JSONL(.gz) feed or a folder of text files."""
    if os.path.isdir(path):
        for name in sorted(os.listdir(path)):
            with open(os.path.join(path, name), encoding="utf-8", errors="replace") as f:
                lines = [ln for ln in f.read().splitlines() if not re.match(r"^\s*(date|title|source)\b", ln)]
                yield "\n".join(lines)
        return
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                yield "\n".join(d.get(k) or "" for k in ("heading", "body"))


def sentence_pool(path, rng):
    pool, seen = [], 0
    for text in read_source(path):
        for para in text.split("\n"):
            for s in SENTENCE_END.split(para.strip()):
                s = s.strip()
                if 30 <= len(s) <= 400:
                    seen += 1
                    if len(pool) < MAX_POOL:
                        pool.append(s)
                    else:
                        j = rng.randrange(seen)
                        if j < MAX_POOL:
                            pool[j] = s
    if not pool:
        sys.exit(f"gen_reports.py: no sentences in {path}")
    return pool


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        rows = [ln.rstrip("\n").split("\t") for ln in f if not ln.startswith("#")]
    header = rows[0]
    return [dict(zip(header, r)) for r in rows[1:] if len(r) >= 2]


def zipf_weights(n, s=1.0):
    return [1.0 / (i + 1) ** s for i in range(n)]


class Entities:
    def __init__(self, rng):
        data = os.path.join(ROOT, "analyzers", "data")
        actors = read_tsv(os.path.join(data, "actors.tsv"))
        named = {}
        for a in actors:
            named[a["id"]] = [a["label"]] + [x for x in (a.get("aliases") or "").split("|")
                                             if x and not x.startswith("?")]
        # The head of the Zipf curve: the actors Sahel reporting names most; the tail shuffled.
        head = [i for i in SALIENT_ACTORS if i in named]
        tail = sorted(set(named) - set(head))
        rng.shuffle(tail)
        self.actor_names = [named[i] for i in head + tail]
        self.actor_w = zipf_weights(len(self.actor_names))
        places = read_tsv(os.path.join(data, "places.tsv"))
        parent = {p["id"]: p.get("parent", "") for p in places}

        def country(pid):
            for _ in range(10):
                if parent.get(pid, "") in ("", pid):
                    return pid
                pid = parent[pid]
            return pid
        # Mali 70 %, Burkina Faso 15 %, Niger 10 %, elsewhere 5 %; within a country,
        # regions and towns more often than villages, each list Zipf-skewed.
        type_w = {"region": 30, "province": 30, "cercle": 20, "departement": 20, "commune": 15,
                  "town": 25, "village": 10, "area": 5, "country": 15}
        country_w = {"mali": 70, "burkina-faso": 15, "niger": 10}
        groups = {}
        for p in places:
            t = p.get("type", "")
            if t not in type_w:
                continue
            c = "mali" if p["id"] == "mali" else country(p["id"])
            key = (c if c in country_w else "other", t)
            groups.setdefault(key, []).append(p["label"])
        self.place_groups, gw = [], []
        for (c, t), labels in sorted(groups.items()):
            labels.sort()
            rng.shuffle(labels)
            labels.sort(key=lambda x: SALIENT_PLACES.index(x) if x in SALIENT_PLACES else len(SALIENT_PLACES))
            self.place_groups.append((labels, zipf_weights(len(labels), 0.9)))
            gw.append(country_w.get(c, 5) * type_w[t])
        self.group_w = gw

    def actor(self, rng):
        names = rng.choices(self.actor_names, self.actor_w)[0]
        return rng.choice(names)

    def place(self, rng):
        labels, w = rng.choices(self.place_groups, self.group_w)[0]
        return rng.choices(labels, w)[0]


def poisson(rng, lam):
    # Knuth; lam is small here.
    import math
    l, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= l:
            return k
        k += 1


def french_date(y, m, d):
    return f"{'1er' if d == 1 else d} {MONTHS[m - 1]} {y}"


def lower_first(s):
    return s[0].lower() + s[1:] if s[:2] != s[:2].upper() else s


def make_report(i, rng, pool, ents):
    year = rng.randint(2012, 2024)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    n_sent = max(3, min(120, int(rng.lognormvariate(2.8, 0.6))))  # median ~16 sentences
    sents = [rng.choice(pool) for _ in range(n_sent)]
    mentions = []
    for _ in range(poisson(rng, 2.0)):
        a = ents.actor(rng)
        t = rng.choice(ACTOR_TEMPLATES)
        mentions.append(t.format(a=a, A=a[0].upper() + a[1:]))
    for _ in range(poisson(rng, 3.0)):
        mentions.append(rng.choice(PLACE_TEMPLATES).format(p=ents.place(rng)))
    for _ in range(poisson(rng, 1.0)):
        dm = max(1, min(12, month - rng.randint(0, 2)))
        mentions.append(rng.choice(DATE_TEMPLATES).format(d=french_date(year, dm, rng.randint(1, 28))))
    for m in mentions:
        sents.insert(rng.randrange(len(sents) + 1), m)
    title_words = (mentions[0] if mentions and rng.random() < 0.5 else sents[0]).split()[:14]
    title = " ".join(title_words).rstrip(".,;:")
    heading = sents.pop(0)
    paras, k = [], 0
    while k < len(sents):
        step = rng.randint(2, 5)
        paras.append(" ".join(sents[k:k + step]))
        k += step
    return {"id": f"synth-{i:07d}", "date": f"{year:04d}-{month:02d}-{day:02d}", "title": title,
            "heading": heading, "body": "\n\n".join(paras)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of reports")
    ap.add_argument("--source", help="JSONL(.gz) feed or folder of texts (default: orangesum, else seeds/)")
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--out", default="-", help="output file (.gz compresses); default stdout")
    a = ap.parse_args()
    source = a.source or (DEFAULT_SOURCE if os.path.exists(DEFAULT_SOURCE) else os.path.join(ROOT, "seeds"))
    rng = random.Random(a.seed)
    pool = sentence_pool(source, rng)
    ents = Entities(rng)
    if a.out == "-":
        out = sys.stdout
    elif a.out.endswith(".gz"):
        out = gzip.open(a.out, "wt", encoding="utf-8", compresslevel=1)
    else:
        out = open(a.out, "w", encoding="utf-8")
    for i in range(a.n):
        out.write(json.dumps(make_report(i, rng, pool, ents), ensure_ascii=False) + "\n")
    if out is not sys.stdout:
        out.close()
    print(f"gen_reports.py: {a.n} reports from {len(pool)} sentences of {source}", file=sys.stderr)


if __name__ == "__main__":
    main()
