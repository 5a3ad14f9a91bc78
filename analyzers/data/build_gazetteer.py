#!/usr/bin/env python3
"""Build analyzers/data/places.tsv, Vigie's place gazetteer, from the source data
described in shared/data/gazetteer/README.md.

Usage (from the repository root):
    python3 analyzers/data/build_gazetteer.py [GAZETTEER_DIR] [--out FILE]

GAZETTEER_DIR defaults to ../shared/data/gazetteer relative to the repository
root. Build-time only requirements (Debian): wfrench (/usr/share/dict/french)
and wamerican (/usr/share/dict/american-english):
    apt-get install -y wfrench wamerican
Standard library only; the output is deterministic (sorted by id).
See analyzers/data/PLACES.md for the sources, licences and columns.
"""

import argparse
import collections
import csv
import json
import math
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_SRC = os.path.normpath(os.path.join(REPO, '..', 'shared', 'data', 'gazetteer'))
DEFAULT_OUT = os.path.join(HERE, 'places.tsv')
FRENCH_DICT = '/usr/share/dict/french'
ENGLISH_DICT = '/usr/share/dict/american-english'

TYPES = ['country', 'area', 'region', 'province', 'departement', 'cercle',
         'commune', 'town', 'village']
# province (Burkina Faso) and departement (Niger) share a rank.
RANK = {'country': 0, 'area': 1, 'region': 2, 'province': 3, 'departement': 3,
        'cercle': 4, 'commune': 5, 'town': 6, 'village': 7}
COUNTRY_ORDER = {'ML': 0, 'BF': 1, 'NE': 2, None: 3}

MERGE_KM = 5.0        # GeoNames point merged into an OCHA place within this distance
FUZZY_KM = 2.0        # ... or within this distance when the spellings differ by one letter
GN_DEDUPE_KM = 2.0    # two GeoNames-only points with the same name within this distance
MAX_ALIASES = 25      # per place, to keep the file compact

# --------------------------------------------------------------------------
# Text helpers

_SPECIAL = str.maketrans({
    'œ': 'oe', 'Œ': 'Oe', 'æ': 'ae', 'Æ': 'Ae', 'ß': 'ss', 'ø': 'o', 'Ø': 'O',
    'ł': 'l', 'Ł': 'L', 'đ': 'd', 'Đ': 'D', 'ı': 'i', 'ð': 'd', 'þ': 'th',
    '’': "'", '‘': "'", 'ʼ': "'", '`': "'", 'ʻ': "'", '´': "'",
    '\u2010': '-', '\u2011': '-', '\u2013': '-', '\u2014': '-',
})
FRENCH_LETTERS = set('éèêëàâäîïôöûùüçÿÉÈÊËÀÂÄÎÏÔÖÛÙÜÇŸœŒæÆ')


def strip_accents(s):
    s = s.translate(_SPECIAL)
    return ''.join(c for c in unicodedata.normalize('NFKD', s)
                   if not unicodedata.combining(c))


def fold(s):
    return strip_accents(s).lower()


def key(s):
    """Case-, accent- and punctuation-insensitive comparison key."""
    return re.sub(r'[^a-z0-9]+', ' ', fold(s)).strip()


def slug(s):
    return re.sub(r'[^a-z0-9]+', '-', fold(s)).strip('-')


def phon(s):
    """Loose key for West African spellings: ou=u, dj=j, doubled letters, h, y/i."""
    k = re.sub(r'[^a-z]', '', fold(s))
    for a, b in (('tch', 'c'), ('ch', 'c'), ('sh', 'c'), ('ou', 'u'), ('dj', 'j'),
                 ('kh', 'k'), ('gu', 'g'), ('qu', 'k'), ('y', 'i'), ('w', 'u'),
                 ('h', '')):
        k = k.replace(a, b)
    k = re.sub(r'(.)\1+', r'\1', k)
    return re.sub(r'(?<=[^aeiou])e$', '', k)


def within_one_edit(a, b):
    """True when a and b differ by at most one insertion, deletion or substitution."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def clean_text(s):
    """Normalise apostrophes, dashes and spaces of a name (keeps accents)."""
    s = s.replace('’', "'").replace('‘', "'").replace('ʼ', "'").replace('`', "'")
    s = s.replace('\u2010', '-').replace('\u2011', '-').replace('\u2013', '-')
    s = re.sub(r'\s+', ' ', s).strip()
    s = re.sub(r"\b([dDlL])' +", r"\1'", s)       # "Cercle d' Abeïbara"
    s = s.replace('\t', ' ').replace('|', ' ')
    return s.strip(" -'.,;")


def has_accent(s):
    return any(ord(c) > 127 for c in s)


def french_charset(s):
    return all(ord(c) < 128 or c in FRENCH_LETTERS for c in s)


def latin_foldable(s):
    """True when the name folds to plain ASCII letters (Latin script only)."""
    return re.fullmatch(r"[A-Za-z][A-Za-z '\-.]*", strip_accents(s)) is not None


def fmt_coord(x):
    if x is None:
        return ''
    s = ('%.4f' % x).rstrip('0').rstrip('.')
    return '0' if s in ('-0', '') else s


def dist_km(lat1, lon1, lat2, lon2):
    dy = (lat2 - lat1) * 110.57
    dx = (lon2 - lon1) * 111.32 * math.cos(math.radians((lat1 + lat2) / 2))
    return math.hypot(dx, dy)


# --------------------------------------------------------------------------
# Common words and names

# Very common Malian / West African surnames and first names (folded forms are
# compared). A place whose label is one of these is flagged `common`; an alias
# that is one of these is dropped.
WEST_AFRICAN_NAMES = """
diallo traore keita coulibaly toure cisse kone sidibe diarra sangare maiga
bamba dembele konate sylla sow ba kouyate doumbia camara diakite fofana
sissoko kante haidara tounkara dicko cissoko samake diabate diawara berthe
sacko soumare tall thiam ndiaye diop fall sall gueye niang mbaye faye sarr
kane wade sy barry bah balde kaba conde kourouma ouattara ouedraogo sawadogo
kabore compaore zongo tapsoba nikiema ilboudo zerbo sanou some dabire kambou
hien yameogo kiemde ouoba lompo guindo dolo kassogue poudiougou tembely
ongoiba karembe saye tangara boire tamboura dao doucoure drame gassama
magassa niare koita kebe soumaoro samassekou togola goita sanogo bagayoko
koumare ballo djire yattara tandina bocoum ly dia diakhate diaby dramera
coulibali kamara keita kouma konare maiga toure maiga tounkara tangara
sogoba dagnoko diabira dembele fomba kamissoko kansaye kodio koumba
ouologuem sagara seydou soumano wague yalcouye djimde ganame
sidibe cisse ouedraogo zoungrana belem bationo bonkoungou kafando kindo
ouedraogo rouamba sanfo simpore tiendrebeogo yonli zida sankara kiema
issoufou mahamadou abdou harouna moumouni hama hamani garba souley sani
oumarou idrissa salifou ousmane saidou issaka zakari adamou hassane hamadou
abdoulaye soumana seyni tandja bazoum mainassara kountche sidikou
amadou mamadou moussa ibrahim ibrahima oumar omar boubacar aboubacar
souleymane sekou seydou bakary bakari modibo youssouf yacouba lassana
lassine siaka drissa salif karim adama issa ali aly alou hamidou hamadoun
allaye amidou mahamane mohamed mohammed mohamad mahmoud mamoudou tiemoko
daouda dramane fousseyni fousseni sidi sidiki sidy siriman soumaila zoumana
brahima broulaye cheick cheickna diadie djibril fode gaoussou hamed hassan
hamza ismael ismaila kalifa kassim kader lamine madou makan mamadi mamady
mamoutou moctar mohamadou moriba mory moulaye moustapha mustapha nouhoum
samba sambou sanoussi sory tidiane yaya yoro zakaria abdoul abdramane
abdrahamane alassane alhousseini alhassane almoustapha amara bourama
boureima brehima demba djibi ahmadou ahmed alpha baba bouba hamma hassimi
housseini mahamoudou nouhou tahirou yacoub younoussa zoumana
fanta fatim fatou fatouma fatoumata aminata aissata aissatou aicha awa
assetou assitan bintou binta djeneba hawa kadiatou kadidia kadidiatou
korotoumou mariam mariama mariame maimouna nana oumou rokia rokiatou
safiatou salimata sanata sitan sira sali tenin nassira hadja ramata ramatou
habibatou haoua zeinabou zenabou zalia hadiza hadizatou rahila nafissatou
balkissa aichatou coumba kani djenebou kadi maryam halima hadjara
"""

# Common first names, French and international (folded).
OTHER_FIRST_NAMES = """
jean pierre paul jacques marie anne louis michel andre philippe alain bernard
claude daniel christian nicolas francois patrick eric laurent stephane olivier
thomas julien david sebastien christophe frederic vincent antoine alexandre
pascal guillaume maxime emmanuel marc luc denis gerard henri robert rene roger
georges charles joseph marcel jules martin simon victor hugo lucas leo gabriel
arthur raphael adam noah ethan nathan enzo mathis tom theo sacha eva emma lea
chloe manon camille sarah sara clara ines julie lucie laura marine pauline
mathilde celine nathalie isabelle sylvie catherine christine monique francoise
martine sophie valerie sandrine veronique helene claire caroline emilie
aurelie elodie jeanne louise alice rose lily jade zoe anna maria elena sofia
olga irene eve yves guy serge remi noel jeremy kevin anthony dominique maurice
youssef fatima leila yasmine amina salma john james william george michael mary
elizabeth peter richard murray david samuel daniel joel abel noe moise marius
lucien emile edouard gaston albert alfred auguste etienne fernand leon felix
josephine madeleine odette simone suzanne yvonne agnes berthe cecile denise
germaine jacqueline lucienne marcelle paulette raymonde therese colette
"""

# wfrench lists every inflection, including rare ones and a few lowercased
# proper names. Those below collide with major place names of the project and
# are not "common" words: lowercase senses that are rare (mali, sahel, guinée,
# chine) or rare inflections (diffa, gourma, gouré).
NOT_COMMON = {'mali', 'sahel', 'guinee', 'chine', 'diffa', 'gourma', 'goure'}
# Countries are checked against the first-name lists and this short list of
# country names that are everyday French words, not against all of wfrench
# (which also lists 'inde', 'laos', 'somalie', 'togo'...).
COMMON_COUNTRY_WORDS = {'reunion', 'grenade', 'equateur', 'jersey', 'panama'}

ENGLISH_ADMIN_RE = re.compile(
    r"\b(Region|Department|Departement|Republic|Circle|State|Sector|Prefecture|"
    r"Arrondissement of|Commune of|Municipality)\b"
    r"|\b(Province|Cercle|Commune|District|Department)$"
    r"|^(First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth) "
    r"|\bAirport\b"
    # Same in other languages (Latin-script Wikipedia labels).
    r"|\b(Prowincja|Provincia|Provinz|Provinsi|Regione|Regiunea|Región|Região|Rexión|"
    r"Departamento|Distrikt|Distrito|Circondario|Eparchia|Bölgesi|Boelgesi|piiri)\b"
    # Glued by mistake: "Cercled'Abeibara", "Provincedel'Oudalan".
    r"|^(Cercle|Province|Département|Departement|Commune|Région)[a-z]")


class Lexicon:
    def __init__(self, french_path, english_path):
        for p, pkg in ((french_path, 'wfrench'), (english_path, 'wamerican')):
            if not os.path.exists(p):
                sys.exit('missing %s: apt-get install -y %s' % (p, pkg))
        self.french = set()
        with open(french_path, encoding='utf-8', errors='replace') as f:
            for line in f:
                w = line.strip()
                if w and w[0].islower():
                    self.french.add(key(w))
        self.english = set()
        with open(english_path, encoding='utf-8', errors='replace') as f:
            for line in f:
                w = line.strip()
                if w and w[0].islower() and "'" not in w:
                    self.english.add(key(w))
        self.english_proper = set()
        with open(english_path, encoding='utf-8', errors='replace') as f:
            for line in f:
                w = line.strip()
                if w and w[0].isupper() and "'" not in w:
                    self.english_proper.add(key(w))
        self.names = set(key(w) for w in (WEST_AFRICAN_NAMES + OTHER_FIRST_NAMES).split())

    def is_common(self, name, country_name=False):
        k = key(name)
        if not k or k in NOT_COMMON:
            return False
        if k in self.names:
            return True
        if country_name:
            return k in COMMON_COUNTRY_WORDS
        # "Centre-Est", "Sud-Ouest": every word an ordinary French word.
        words = [w for w in re.split(r'[^a-z]+', k) if w]
        return k in self.french or (len(words) > 1 and all(w in self.french and w not in NOT_COMMON for w in words))

    def is_english_only(self, name):
        """Every word of the name is an ordinary English word and the whole is
        not a French word (e.g. 'Southwest', 'High-Basins')."""
        k = key(name)
        if k in self.french:
            return False
        words = k.split()
        return bool(words) and all(w in self.english for w in words)


# --------------------------------------------------------------------------
# Places

class Place:
    _n = 0

    def __init__(self, label, ptype, country, lat=None, lon=None, srcid='', pop=0):
        Place._n += 1
        self.seq = Place._n
        self.label = clean_text(label)
        self.type = ptype
        self.country = country          # 'ML', 'BF', 'NE' or None
        self.parent = None              # Place
        self.lat = lat
        self.lon = lon
        self.srcid = srcid              # OCHA p-code, GeoNames id or ISO code
        self.pop = pop or 0
        self.ocha = False
        self.gn_codes = set()           # GeoNames feature codes merged in
        self.gn_count = 0               # GeoNames rows merged in (a notability hint)
        self.label_forms = []           # candidate accented spellings, by priority
        self.names = []                 # (name, source) alias candidates
        self.capital_of = []            # admin places whose capital this is
        self.covers = []
        self.flags = []
        self.aliases = []
        self.id = None
        self.merged = False             # merged into another place
        self.pcode = ''

    def add_names(self, names, source):
        for n in names:
            if n:
                self.names.append((n, source))

    def sort_key(self):
        return (RANK[self.type], COUNTRY_ORDER[self.country], not self.ocha,
                -self.pop, -self.gn_count, -len(self.names), self.srcid)


class Grid:
    def __init__(self, cell=0.05):
        self.cell = cell
        self.cells = collections.defaultdict(list)

    def add(self, lat, lon, item):
        self.cells[(int(math.floor(lat / self.cell)), int(math.floor(lon / self.cell)))].append(item)

    def near(self, lat, lon, rings=1):
        i, j = int(math.floor(lat / self.cell)), int(math.floor(lon / self.cell))
        for di in range(-rings, rings + 1):
            for dj in range(-rings, rings + 1):
                yield from self.cells.get((i + di, j + dj), ())


# --------------------------------------------------------------------------
# Point in polygon (even-odd ray casting, MultiPolygon and holes)

def point_in_ring(x, y, ring):
    inside = False
    n = len(ring)
    j = n - 1
    for i in range(n):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > y) != (yj > y):
            if x < (xj - xi) * (y - yi) / (yj - yi) + xi:
                inside = not inside
        j = i
    return inside


def point_in_polygon(x, y, polygon):
    """polygon: [outer ring, hole, hole...]; inside the outer, outside every hole."""
    if not point_in_ring(x, y, polygon[0]):
        return False
    return not any(point_in_ring(x, y, hole) for hole in polygon[1:])


class PolygonIndex:
    def __init__(self, features, code_field, cell=0.5):
        self.cell = cell
        self.grid = collections.defaultdict(list)
        self.shapes = []
        self.by_code = collections.defaultdict(list)
        for f in features:
            g = f['geometry']
            polys = [g['coordinates']] if g['type'] == 'Polygon' else g['coordinates']
            for poly in polys:
                xs = [p[0] for p in poly[0]]
                ys = [p[1] for p in poly[0]]
                bbox = (min(xs), min(ys), max(xs), max(ys))
                idx = len(self.shapes)
                self.shapes.append((f['properties'][code_field], poly, bbox))
                self.by_code[f['properties'][code_field]].append(idx)
                for i in range(int(math.floor(bbox[1] / cell)), int(math.floor(bbox[3] / cell)) + 1):
                    for j in range(int(math.floor(bbox[0] / cell)), int(math.floor(bbox[2] / cell)) + 1):
                        self.grid[(i, j)].append(idx)

    def locate(self, lon, lat):
        cell = (int(math.floor(lat / self.cell)), int(math.floor(lon / self.cell)))
        for idx in self.grid.get(cell, ()):
            code, poly, b = self.shapes[idx]
            if b[0] <= lon <= b[2] and b[1] <= lat <= b[3] and point_in_polygon(lon, lat, poly):
                return code
        return None

    def contains(self, code, lon, lat):
        for idx in self.by_code.get(code, ()):
            c, poly, b = self.shapes[idx]
            if b[0] <= lon <= b[2] and b[1] <= lat <= b[3] \
                    and point_in_polygon(lon, lat, poly):
                return True
        return False


def polygon_centroid(feature):
    """Area-weighted centroid of the outer rings of a (Multi)Polygon."""
    g = feature['geometry']
    polys = [g['coordinates']] if g['type'] == 'Polygon' else g['coordinates']
    a_sum = cx = cy = 0.0
    for poly in polys:
        ring = poly[0]
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
            c = x0 * y1 - x1 * y0
            a_sum += c
            cx += (x0 + x1) * c
            cy += (y0 + y1) * c
    if a_sum == 0:
        return None, None
    return cy / (3 * a_sum), cx / (3 * a_sum)


# --------------------------------------------------------------------------
# GeoNames

GN_FIELDS = ['geonameid', 'name', 'asciiname', 'alternatenames', 'latitude',
             'longitude', 'feature_class', 'feature_code', 'country_code', 'cc2',
             'admin1_code', 'admin2_code', 'admin3_code', 'admin4_code',
             'population', 'elevation', 'dem', 'timezone', 'modification_date']
TOWN_CODES = {'PPLC', 'PPLA', 'PPLA2', 'PPLA3'}


def read_geonames(path):
    rows = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            parts = line.rstrip('\n').split('\t')
            if len(parts) < 19:
                continue
            r = dict(zip(GN_FIELDS, parts))
            r['lat'] = float(r['latitude'])
            r['lon'] = float(r['longitude'])
            r['pop'] = int(r['population'] or 0)
            r['alts'] = [a for a in r['alternatenames'].split(',') if a]
            rows.append(r)
    return rows


def is_non_latin_letter(ch):
    return ch.isalpha() and not unicodedata.name(ch, '').startswith('LATIN')


LEX = None   # the Lexicon, set in main()


def gn_names(r, extra_ref=(), filtered=True):
    """Name, ASCII name and alternate names of a GeoNames row. A row whose
    alternates include other scripts (a well-known place with Wikipedia labels
    in many languages) keeps only the Latin alternates that sound like its name
    (Segu for Ségou) or that are English exonyms (Timbuktu); the others are
    foreign-language forms (Kidalis, Mpamako, Nkao)."""
    alts = r['alts']
    if filtered and any(is_non_latin_letter(ch) for a in alts for ch in a):
        ref = {phon(r['name']), phon(r['asciiname']), phon(strip_admin_words(r['name']))}
        ref |= {phon(x) for x in extra_ref}
        alts = [a for a in alts
                if phon(a) in ref or (LEX is not None and key(a) in LEX.english_proper)]
    return [r['name'], r['asciiname']] + alts


def add_gn_names(p, r, extra_ref=()):
    p.add_names([r['name'], r['asciiname']], 'gn_name')
    p.add_names(gn_names(r, extra_ref)[2:], 'gn_alt')


def strip_admin_words(name):
    """'Ségou Region' -> 'Ségou', 'Province du Soum' -> 'Soum', ..."""
    s = clean_text(name)
    s = re.sub(r"^(Province|Département|Departement|Cercle|Commune|Région|Region)"
               r"( de la| de l'| des| du| de| d'|)\s*", '', s)
    s = re.sub(r"\s+(Region|Province|Department|Cercle|Commune)$", '', s)
    return clean_text(s)


def choose_label(base, forms):
    """Keep the spelling of `base` but take accents from the first form of the
    same slug that has (French) accents, when `base` has none."""
    base = clean_text(base)
    if has_accent(base):
        return base
    s = slug(base)
    for f in forms:
        f = clean_text(f)
        if f and slug(f) == s and has_accent(f) and french_charset(f):
            return f
    return base


def region_alias(label):
    return ("Région d'" if fold(label)[:1] in 'aeiouy' else 'Région de ') + label


# --------------------------------------------------------------------------
# Builders

class Builder:
    def __init__(self, src, lexicon):
        self.src = src
        self.lex = lexicon
        self.places = []
        self.log = []
        self.fuzzy_pairs = []

    def new(self, *a, **kw):
        p = Place(*a, **kw)
        self.places.append(p)
        return p

    def path(self, *parts):
        return os.path.join(self.src, *parts)

    # ---------------------------------------------------------------- countries
    def build_countries(self):
        with open(self.path('countries', 'i18n-iso-countries-fr.json'), encoding='utf-8') as f:
            data = json.load(f)['countries']
        # Labels replaced by the usual French short form (ids follow the label).
        label_override = {
            'US': "États-Unis", 'VA': 'Vatican', 'TZ': 'Tanzanie', 'SZ': 'Eswatini',
            'CZ': 'République tchèque', 'CF': 'République centrafricaine',
            'DO': 'République dominicaine', 'AE': 'Émirats arabes unis',
            'BN': 'Brunei', 'SA': 'Arabie saoudite', 'CI': "Côte d'Ivoire",
        }
        extra = {
            'US': ["États-Unis d'Amérique", 'Etats-Unis', "Etats-Unis d'Amérique"],
            'CI': ["Côte d'Ivoire", "Cote d'Ivoire", "République de Côte d'Ivoire"],
            'RU': ['Fédération de Russie'],
            'GB': ['Grande-Bretagne', 'Royaume-Uni de Grande-Bretagne et d\'Irlande du Nord'],
            'VA': ['Saint-Siège', 'Cité du Vatican', 'Saint-Siège (Vatican)'],
            'TZ': ['République unie de Tanzanie'],
            'SZ': ["Royaume d'Eswatini", 'Swaziland'],
            'CZ': ['Tchéquie', 'République Tchèque'],
            'CF': ['Centrafrique', 'République Centrafricaine'],
            'DO': ['République Dominicaine'],
            'AE': ['Émirats Arabes Unis', 'Emirats arabes unis'],
            'CD': ['RD Congo', 'Congo-Kinshasa', 'République démocratique du Congo'],
            'CG': ['Congo-Brazzaville', 'Congo'],
            'DE': ['République fédérale d\'Allemagne'],
            'NL': ['Hollande'],
            'MM': ['Birmanie'],
            'MK': ['Macédoine'],
            'GN': ['Guinée-Conakry', 'Guinée Conakry', 'République de Guinée'],
            'GW': ['Guinée Bissau'],
            'GQ': ['Guinée Équatoriale'],
            'CV': ['Cabo Verde', 'Cap Vert'],
            'MR': ['République islamique de Mauritanie'],
            'DZ': ['République algérienne'],
            'ML': ['République du Mali'],
            'BF': ['Burkina', 'Faso'],
            'NE': ['République du Niger'],
            'SN': ['République du Sénégal'],
            'TD': ['République du Tchad'],
            'NG': ['Nigeria', 'République fédérale du Nigeria'],
            'LY': ['Libye'],
            'EH': ['Sahara Occidental'],
            'SS': ['Sud-Soudan'],
            'KP': ['République populaire démocratique de Corée'],
            'KR': ['République de Corée'],
            'IR': ["République islamique d'Iran"],
            'SY': ['République arabe syrienne'],
            'VN': ['Viêt Nam', 'Viet Nam'],
            'MD': ['République de Moldavie'],
            'BY': ['Bélarus', 'Biélorussie'],
            'PS': ['Territoires palestiniens', 'État de Palestine'],
            'TW': ['Taiwan'],
            'BN': ['Brunei Darussalam'],
            'SA': ['Arabie Saoudite'],
            'TL': ['Timor oriental'],
            'KG': ['Kirghizstan'],
            'BO': ['État plurinational de Bolivie'],
            'VE': ['République bolivarienne du Venezuela'],
            'MA': ['Royaume du Maroc'],
            'FR': ['République française'],
        }
        self.countries = {}
        for code in sorted(data):
            v = data[code]
            names = [v] if isinstance(v, str) else list(v)
            label = label_override.get(code, names[0])
            p = self.new(label, 'country', None, srcid=code.lower())
            p.add_names(names + extra.get(code, []), 'hand')
            self.countries[code] = p
        # Coordinates of ML, BF, NE from the GeoNames PCLI rows.
        for cc in ('ML', 'BF', 'NE'):
            for r in self.gn[cc]:
                if r['feature_code'] == 'PCLI':
                    self.countries[cc].lat, self.countries[cc].lon = r['lat'], r['lon']

    # ---------------------------------------------------------------- areas
    def build_areas(self):
        A = [
            # label, lat, lon, aliases, covers
            ('Sahel', 14.5, 0.0, ['bande sahélienne', 'zone sahélienne', 'Sahel central'],
             ['burkina-faso', 'cameroun', 'gambie', 'guinee', 'mali', 'mauritanie',
              'niger', 'nigeria', 'senegal', 'tchad']),
            ("Afrique de l'Ouest", 12.0, -5.0, ['Afrique occidentale', 'Ouest africain'],
             ['benin', 'burkina-faso', 'cap-vert', 'cote-d-ivoire', 'gambie', 'ghana',
              'guinee', 'guinee-bissau', 'liberia', 'mali', 'mauritanie', 'niger',
              'nigeria', 'senegal', 'sierra-leone', 'togo']),
            ('Liptako-Gourma', 14.5, 0.0,
             ['zone des trois frontières', 'région des trois frontières', 'Liptako',
              'trois frontières', 'Liptako Gourma'],
             ['mali:gao', 'mali:menaka', 'mali:mopti', 'mali:tombouctou',
              'bf:sahel', 'bf:nord', 'bf:centre-nord', 'bf:est', 'bf:boucle-du-mouhoun',
              'ne:tillaberi', 'ne:tahoua']),
            ('Azawad', 19.0, -0.5, [],
             ['mali:tombouctou', 'mali:gao', 'mali:kidal', 'mali:menaka', 'mali:taoudenit']),
            ('delta intérieur du Niger', 14.6, -4.5,
             ['delta central du Niger', 'delta intérieur', 'delta du fleuve Niger'],
             ['mali:mopti', 'mali:segou']),
            ('centre du Mali', 14.3, -4.0, ['Centre du Mali', 'Mali central', 'centre malien'],
             ['mali:mopti', 'mali:segou']),
            ('nord du Mali', 18.5, -1.0, ['Nord-Mali', 'Nord du Mali', 'septentrion malien',
                                           'nord malien'],
             ['mali:tombouctou', 'mali:gao', 'mali:kidal', 'mali:menaka', 'mali:taoudenit']),
            ('bassin du lac Tchad', 13.0, 14.0, ['lac Tchad', 'région du lac Tchad'],
             ['tchad', 'niger', 'nigeria', 'cameroun', 'ne:diffa']),
            ('Sahara', 23.0, 5.0, ['désert du Sahara', 'Sahara central'],
             ['algerie', 'egypte', 'libye', 'mali', 'maroc', 'mauritanie', 'niger',
              'sahara-occidental', 'soudan', 'tchad', 'tunisie']),
            ('Maghreb', 32.0, 3.0, ['Maghreb arabe'],
             ['algerie', 'libye', 'maroc', 'mauritanie', 'tunisie']),
            ('Adrar des Ifoghas', 19.8, 1.6, ['Adrar des Iforas', 'Ifoghas', 'Iforas',
                                             'massif des Ifoghas'],
             ['mali:kidal']),
        ]
        self.areas = []
        for label, lat, lon, aliases, covers in A:
            p = self.new(label, 'area', None, lat, lon, srcid='area')
            p.add_names(aliases, 'hand')
            p.covers_spec = covers
            self.areas.append(p)

    def resolve_area_covers(self):
        by_region = {}
        for p in self.places:
            if p.type == 'region' and not p.merged:
                by_region[(p.country, slug(p.label))] = p
        prefix = {'mali': 'ML', 'bf': 'BF', 'ne': 'NE'}
        for a in self.areas:
            ids = []
            for c in a.covers_spec:
                if ':' in c:
                    cc, s = c.split(':')
                    target = by_region.get((prefix[cc], s))
                else:
                    target = next((q for q in self.countries.values() if q.id == c), None)
                if target is None:
                    raise SystemExit('area %s: unknown cover %s' % (a.label, c))
                ids.append(target.id)
            a.covers = ids

    # ---------------------------------------------------------------- Mali admin
    def build_mali_admin(self):
        gn = self.gn['ML']
        d = self.path('ocha_cod_mli_2015')
        with open(os.path.join(d, 'mli_adm1_regions.geojson'), encoding='utf-8') as f:
            adm1 = json.load(f)['features']
        with open(os.path.join(d, 'mli_adm2_cercles.geojson'), encoding='utf-8') as f:
            adm2 = json.load(f)['features']
        with open(os.path.join(d, 'mli_adm3_communes.geojson'), encoding='utf-8') as f:
            adm3 = json.load(f)['features']
        with open(os.path.join(d, 'mli_adm3_communes.csv'), encoding='utf-8') as f:
            adm3_csv = {r['admin3Pcod']: r for r in csv.DictReader(f)}
        self.commune_index = PolygonIndex(adm3, 'admin3Pcod')

        # GeoNames admin1 code -> 2015/2021 region p-code (README).
        self.gn_adm1_to_pcode = {'01': 'ML09', '03': 'ML01', '04': 'ML05', '05': 'ML04',
                                 '06': 'ML03', '07': 'ML02', '08': 'ML06', '09': 'ML07',
                                 '10': 'ML08', '12070577': 'ML10', '12070575': 'TAOUDENIT'}
        gn_adm1 = {r['admin1_code']: r for r in gn if r['feature_code'] == 'ADM1'}
        gn_adm2 = {r['geonameid']: r for r in gn if r['feature_code'] == 'ADM2'}

        self.regions = {}
        for f in sorted(adm1, key=lambda f: f['properties']['admin1Pcod']):
            pr = f['properties']
            name = pr['admin1Name']
            if name == 'Koulikouro':          # known typo in the 2015 layer
                name = 'Koulikoro'
            lat, lon = polygon_centroid(f)
            p = self.new(name, 'region', 'ML', lat, lon, srcid=pr['admin1Pcod'])
            p.pcode = pr['admin1Pcod']
            p.add_names([pr['admin1Name'] if pr['admin1Name'] != 'Koulikouro' else None,
                         pr.get('admin1AltN'), pr.get('admin1Al_1')], 'ocha')
            p.parent = self.countries['ML']
            self.regions[p.pcode] = p
        # Ménaka (2021 p-code ML10) and Taoudénit (GeoNames only).
        for code, pcode in (('12070577', 'ML10'), ('12070575', 'TAOUDENIT')):
            r = gn_adm1[code]
            p = self.new(strip_admin_words(r['name']), 'region', 'ML', r['lat'], r['lon'],
                         srcid=pcode if pcode.startswith('ML') else r['geonameid'])
            p.pcode = pcode
            p.parent = self.countries['ML']
            self.regions[pcode] = p
        for code, r in sorted(gn_adm1.items()):
            p = self.regions[self.gn_adm1_to_pcode[code]]
            p.label_forms.append(strip_admin_words(r['name']))
            p.label_forms.extend(r['alts'])
            add_gn_names(p, r)
        self.regions['ML09'].add_names(['District de Bamako'], 'hand')
        self.regions['TAOUDENIT'].add_names(['Taoudéni', 'Taoudenni', 'Région de Taoudéni'], 'hand')

        # Cercles (2015) + the three 2021 cercles of the Ménaka region.
        self.cercles = {}
        for f in sorted(adm2, key=lambda f: f['properties']['admin2Pcod']):
            pr = f['properties']
            lat, lon = polygon_centroid(f)
            p = self.new(pr['admin2Name'], 'cercle', 'ML', lat, lon, srcid=pr['admin2Pcod'])
            p.pcode = pr['admin2Pcod']
            p.parent = self.regions[pr['admin1Pcod']]
            self.cercles[p.pcode] = p
        # Ménaka cercle belongs to the Ménaka region (2021 p-codes, GeoNames).
        self.cercles['ML0704'].parent = self.regions['ML10']
        pcodes21 = []
        with open(self.path('ocha_pcodes_2021', 'global_pcodes_adm_1_2.csv'), encoding='utf-8') as f:
            for row in csv.reader(f):
                if row and row[0] == 'MLI' and row[1] == '2':
                    pcodes21.append(row)
        names15 = {slug(c.label) for c in self.cercles.values()}
        self.new_cercles = {}
        for row in pcodes21:
            # 2015 and 2021 cercles match by name; the new ones are Ménaka's.
            if row[4] == 'ML10' and slug(row[3]) not in names15:
                parent = self.regions['ML10']
                p = self.new(row[3], 'cercle', 'ML', srcid=row[2])
                p.pcode = row[2]
                p.parent = parent
                self.cercles['2021:' + p.pcode] = p
                self.new_cercles[slug(row[3])] = p
                self.log.append('2021 cercle added: %s %s (parent %s)' % (row[2], row[3], parent.label))
        # GeoNames ADM2 -> cercle, matched by name inside the same region.
        self.gn_adm2_to_cercle = {}
        for gid, r in sorted(gn_adm2.items()):
            region = self.regions.get(self.gn_adm1_to_pcode.get(r['admin1_code']))
            s = slug(strip_admin_words(r['name']))
            cands = [c for c in self.cercles.values() if slug(c.label) == s]
            if not cands:
                cands = [c for c in self.cercles.values() if phon(c.label) == phon(s)]
            if len(cands) > 1 and region:
                cands = [c for c in cands if c.parent is region] or cands
            if not cands:
                self.log.append('GeoNames ADM2 unmatched: %s %s' % (gid, r['name']))
                continue
            c = cands[0]
            self.gn_adm2_to_cercle[gid] = c
            c.label_forms.append(strip_admin_words(r['name']))
            c.label_forms.extend(r['alts'])
            add_gn_names(c, r)
            if c.lat is None:
                c.lat, c.lon = r['lat'], r['lon']

        # Communes.
        self.communes = {}
        for f in sorted(adm3, key=lambda f: f['properties']['admin3Pcod']):
            pr = f['properties']
            raw = pr['admin3Name']
            label = re.sub(r'\s+Commune$', '', raw)
            row = adm3_csv.get(pr['admin3Pcod'], {})
            lat = float(row['pos_lat']) if row.get('pos_lat') else None
            lon = float(row['pos_lon']) if row.get('pos_lon') else None
            p = self.new(label, 'commune', 'ML', lat, lon, srcid=pr['admin3Pcod'])
            p.pcode = pr['admin3Pcod']
            p.add_names([pr.get('admin3RefN'), pr.get('admin3AltN'), pr.get('admin3Al_1')], 'ocha')
            p.parent = self.cercles[pr['admin2Pcod']]
            # 2021: communes that became cercles of the Ménaka region.
            if p.parent.pcode == 'ML0704' and slug(label) in self.new_cercles:
                p.parent = self.new_cercles[slug(label)]
            if p.parent.pcode == 'ML0901':
                p.add_names([label + ' de Bamako', label + ' du district de Bamako'], 'hand')
            self.communes[p.pcode] = p

    # ---------------------------------------------------------------- Mali places
    def build_mali_places(self):
        path = self.path('ocha_cod_mli_2015', 'mli_populated_places.csv')
        with open(path, encoding='utf-8') as f:
            rows = list(csv.DictReader(f))
        capital_rank = {'National Capital': 1, 'Admin1 Capital': 2, 'Admin2 Capital': 3,
                        'Admin3 Capital': 4}
        ocha = []
        flipped = outside = 0
        for r in sorted(rows, key=lambda r: r['pcode']):
            lat, lon = float(r['latitude']), float(r['longitude'])
            commune = self.communes.get(r['admin3Pcod'])
            if commune is None:
                self.log.append('OCHA place without commune: %s' % r['pcode'])
            elif not self.commune_index.contains(commune.pcode, lon, lat):
                # Known error: a sign-flipped longitude (Ménaka ML070403010).
                if self.commune_index.contains(commune.pcode, -lon, lat):
                    self.log.append('flipped longitude fixed: %s %s %.4f -> %.4f'
                                    % (r['pcode'], r['featureNam'], lon, -lon))
                    lon = -lon
                    flipped += 1
                else:
                    outside += 1
            cap = capital_rank.get(r['popPlace_1'], 5)
            p = self.new(r['featureNam'], 'town' if cap < 5 else 'village', 'ML',
                         lat, lon, srcid=r['pcode'])
            p.pcode = r['pcode']
            p.ocha = True
            p.cap = cap
            p.parent = commune
            p.add_names([r['featureNam'], r['featureRef'],
                         None if r['featureAlt'] == 'NA' else r['featureAlt'],
                         None if r['featureA_1'] == 'NA' else r['featureA_1']], 'ocha')
            p.label_forms.append(r['featureNam'])
            if commune is not None:
                if cap <= 4:
                    p.capital_of.append(commune)
                if cap <= 3:
                    p.capital_of.append(self.cercles[r['admin2Pcod']])
                if cap <= 2:
                    p.capital_of.append(self.regions[r['admin1Pcod']])
                if r['pcode'] == 'ML070400000':       # Ménaka, capital of region ML10
                    p.capital_of.append(self.regions['ML10'])
            ocha.append(p)
        self.log.append('OCHA points outside their commune polygon (kept): %d' % outside)

        # Capital rows duplicated by a village row of the same name in the same
        # commune (e.g. Djenné ML050500000 / Djenne ML050503004): merge.
        by_commune = collections.defaultdict(list)
        for p in ocha:
            by_commune[p.parent].append(p)
        dup = 0
        for commune, plist in by_commune.items():
            caps = [p for p in plist if p.cap < 5]
            for v in plist:
                if v.cap < 5:
                    continue
                for c in caps:
                    if key(c.label) == key(v.label) and dist_km(c.lat, c.lon, v.lat, v.lon) <= MERGE_KM:
                        self.merge(c, v)
                        dup += 1
                        break
        self.log.append('OCHA capital/village duplicates merged: %d' % dup)
        ocha = [p for p in ocha if not p.merged]

        # GeoNames populated places, localities and camps.
        grid = Grid()
        for p in ocha:
            grid.add(p.lat, p.lon, p)
        for p in ocha:
            p.match_keys = {key(n) for n, _ in p.names}
            p.match_phon = {phon(n) for n, _ in p.names}
        merged = 0
        gn_only = []
        for r in self.gn['ML']:
            if not self.keep_gn_place(r, mali=True):
                continue
            names = [clean_text(n) for n in gn_names(r, filtered=False)]
            keys = {key(n) for n in names if n}
            phons = {phon(n) for n in names if n and len(phon(n)) >= 4}
            best = None
            for p in grid.near(r['lat'], r['lon']):
                d = dist_km(r['lat'], r['lon'], p.lat, p.lon)
                if d > MERGE_KM:
                    continue
                if keys & p.match_keys:
                    score = (0, RANK[p.type], d)
                elif phons & p.match_phon:
                    score = (1, RANK[p.type], d)
                elif d <= FUZZY_KM and any(len(a) >= 6 and within_one_edit(a, b)
                                           for a in phons for b in p.match_phon):
                    score = (2, RANK[p.type], d)
                else:
                    continue
                if best is None or score < best[0]:
                    best = (score, p)
            if best:
                if best[0][0] == 2:
                    self.fuzzy_pairs.append((best[1].label, r['name'], round(best[0][2], 2)))
                self.merge_gn(best[1], r)
                merged += 1
            else:
                gn_only.append(r)
        self.log.append('GeoNames ML points merged into OCHA places: %d (of which spelled one '
                        'letter apart, within %g km: %d)' % (merged, FUZZY_KM, len(self.fuzzy_pairs)))
        self.add_gn_only('ML', gn_only)

    def keep_gn_place(self, r, mali=False):
        if r['feature_class'] == 'P':
            return r['feature_code'] != 'PPLH'
        return mali and r['feature_code'] in ('LCTY', 'CMP')

    def merge(self, into, other):
        into.names.extend(other.names)
        into.label_forms.extend(other.label_forms)
        into.gn_codes |= other.gn_codes
        into.gn_count += other.gn_count
        into.pop = max(into.pop, other.pop)
        into.capital_of.extend(c for c in other.capital_of if c not in into.capital_of)
        other.merged = True

    def merge_gn(self, p, r):
        add_gn_names(p, r, extra_ref=[p.label])
        p.label_forms.append(r['name'])
        p.gn_codes.add(r['feature_code'])
        p.gn_count += 1
        p.pop = max(p.pop, r['pop'])

    def add_gn_only(self, cc, rows):
        """GeoNames places with no OCHA counterpart: dedupe, then find a parent."""
        grid = Grid()
        kept = []
        rows = sorted(rows, key=lambda r: (r['feature_class'] != 'P',
                                           r['feature_code'] not in TOWN_CODES,
                                           -r['pop'], int(r['geonameid'])))
        dedup = 0
        for r in rows:
            k = key(r['name'])
            hit = None
            for q in grid.near(r['lat'], r['lon']):
                if key(q.label) == k and dist_km(r['lat'], r['lon'], q.lat, q.lon) <= GN_DEDUPE_KM:
                    hit = q
                    break
            if hit:
                self.merge_gn(hit, r)
                dedup += 1
                continue
            p = self.new(r['name'], 'village', cc, r['lat'], r['lon'], srcid=r['geonameid'],
                         pop=r['pop'])
            p.gn = r
            self.merge_gn(p, r)
            grid.add(p.lat, p.lon, p)
            kept.append(p)
        self.log.append('GeoNames %s-only places: %d (same-name duplicates merged: %d)'
                        % (cc, len(kept), dedup))
        if cc == 'ML':
            self.parent_mali_gn(kept)
        elif cc == 'BF':
            for p in kept:
                r = p.gn
                p.parent = (self.bf_provinces.get((r['admin1_code'], r['admin2_code']))
                            or self.bf_regions.get(r['admin1_code']) or self.countries['BF'])
        elif cc == 'NE':
            for p in kept:
                r = p.gn
                p.parent = (self.ne_departements.get(r['admin2_code'])
                            or self.ne_regions.get(r['admin1_code']) or self.countries['NE'])
        return kept

    def parent_mali_gn(self, plist):
        pip = fallback = conflict = 0
        for p in plist:
            r = p.gn
            code = self.commune_index.locate(p.lon, p.lat)
            cercle = self.gn_adm2_to_cercle.get(r['admin2_code'])
            if code:
                p.parent = self.communes[code]
                pip += 1
                if cercle is not None and p.parent.parent is not cercle:
                    conflict += 1
            else:
                region = self.regions.get(self.gn_adm1_to_pcode.get(r['admin1_code']))
                p.parent = cercle or region or self.countries['ML']
                fallback += 1
        self.log.append('GeoNames ML-only places: commune by point-in-polygon %d, '
                        'outside every commune %d; PiP cercle differs from GeoNames admin2: %d'
                        % (pip, fallback, conflict))

    # ---------------------------------------------------------------- BF / NE
    def build_bf(self):
        gn = self.gn['BF']
        labels = {'01': ('Boucle du Mouhoun', 'Région de la Boucle du Mouhoun'),
                  '02': ('Cascades', 'Région des Cascades'),
                  '03': ('Centre', 'Région du Centre'),
                  '04': ('Centre-Est', 'Région du Centre-Est'),
                  '05': ('Centre-Nord', 'Région du Centre-Nord'),
                  '06': ('Centre-Ouest', 'Région du Centre-Ouest'),
                  '07': ('Centre-Sud', 'Région du Centre-Sud'),
                  '08': ('Est', "Région de l'Est"),
                  '09': ('Hauts-Bassins', 'Région des Hauts-Bassins'),
                  '10': ('Nord', 'Région du Nord'),
                  '11': ('Plateau-Central', 'Région du Plateau-Central'),
                  '12': ('Sahel', 'Région du Sahel'),
                  '13': ('Sud-Ouest', 'Région du Sud-Ouest')}
        self.bf_regions = {}
        self.bf_provinces = {}
        for r in sorted(gn, key=lambda r: int(r['geonameid'])):
            if r['feature_code'] == 'ADM1':
                label, alias = labels[r['admin1_code']]
                p = self.new(label, 'region', 'BF', r['lat'], r['lon'], srcid=r['geonameid'])
                p.parent = self.countries['BF']
                add_gn_names(p, r)
                p.add_names([alias], 'hand')
                self.bf_regions[r['admin1_code']] = p
        for r in sorted(gn, key=lambda r: int(r['geonameid'])):
            if r['feature_code'] == 'ADM2':
                p = self.new(strip_admin_words(r['name']), 'province', 'BF', r['lat'], r['lon'],
                             srcid=r['geonameid'], pop=r['pop'])
                p.label_forms.extend([strip_admin_words(a) for a in r['alts']])
                add_gn_names(p, r)
                p.parent = self.bf_regions[r['admin1_code']]
                self.bf_provinces[(r['admin1_code'], r['admin2_code'])] = p
        self.add_gn_only('BF', [r for r in gn if self.keep_gn_place(r)])

    def build_ne(self):
        gn = self.gn['NE']
        self.ne_regions = {}
        self.ne_departements = {}
        for r in sorted(gn, key=lambda r: int(r['geonameid'])):
            if r['feature_code'] == 'ADM1':
                label = strip_admin_words(r['name'])
                p = self.new(label, 'region', 'NE', r['lat'], r['lon'], srcid=r['geonameid'])
                p.label_forms.extend(r['alts'])
                add_gn_names(p, r)
                p.parent = self.countries['NE']
                self.ne_regions[r['admin1_code']] = p
        # The 2014 dump holds some departements twice ("Département de Téra" and
        # "Tera Department"): one place per (region, name).
        seen = {}
        adm2 = [dict(r) for r in gn if r['feature_code'] == 'ADM2']
        for r in adm2:
            # The 2014 dump still codes the Tillabéri departements with the old
            # admin1 08 (Niamey); only the Niamey departement belongs there.
            if r['admin1_code'] == '08' and slug(strip_admin_words(r['name'])) != 'niamey':
                r['admin1_code'] = '09'
        adm2.sort(key=lambda r: (not r['name'].startswith('Département'), int(r['geonameid'])))
        for r in adm2:
            label = strip_admin_words(r['name'])
            k = (r['admin1_code'], slug(label))
            if k in seen:
                p = seen[k]
                p.label_forms.append(label)
                add_gn_names(p, r)
                self.ne_departements[r['geonameid']] = p
                self.log.append('NE departement duplicate merged: %s into %s'
                                % (r['geonameid'], p.srcid))
                continue
            p = self.new(label, 'departement', 'NE', r['lat'], r['lon'], srcid=r['geonameid'])
            p.label_forms.extend(r['alts'])
            add_gn_names(p, r)
            p.parent = self.ne_regions.get(r['admin1_code'], self.countries['NE'])
            seen[k] = p
            self.ne_departements[r['geonameid']] = p
        self.add_gn_only('NE', [r for r in gn if self.keep_gn_place(r)])

    # ---------------------------------------------------------------- finishing
    def finish_labels_and_types(self):
        live = [p for p in self.places if not p.merged]
        # Towns: capitals (OCHA), GeoNames capital codes, population >= 10000.
        for p in live:
            if p.type in ('village', 'town'):
                if getattr(p, 'cap', 5) < 5 or (p.gn_codes & TOWN_CODES) or p.pop >= 10000:
                    p.type = 'town'
                else:
                    p.type = 'village'
                p.label = choose_label(p.label, sorted(p.label_forms, key=lambda f: not has_accent(f)))
        # Admin units: accents from GeoNames forms and from their same-name capital.
        for p in live:
            for unit in p.capital_of:
                if slug(unit.label) == slug(p.label):
                    unit.label_forms.append(p.label)
                    # The unit also answers to the capital's spellings
                    # (Tombouctou region <- Timbuktu, Diallassagou commune <- Dialassagou).
                    unit.names.extend(p.names)
        for c in self.new_cercles.values():
            for q in self.communes.values():
                if slug(q.label) == slug(c.label):
                    c.label_forms.append(q.label)
                    c.lat, c.lon = q.lat, q.lon
        # Communes first (their forms feed the 2021 cercles), then the rest.
        for t in ('commune', 'cercle', 'region', 'province', 'departement'):
            for p in live:
                if p.type == t:
                    p.label = choose_label(p.label, p.label_forms)
        for c in self.new_cercles.values():
            for q in self.communes.values():
                if slug(q.label) == slug(c.label):
                    c.label = choose_label(c.label, [q.label])
        # Generated French forms.
        for p in live:
            if p.type == 'region' and p.country in ('ML', 'NE'):
                p.names.append((region_alias(p.label), 'hand'))
            elif p.type == 'cercle':
                p.names.append((("Cercle d'" if fold(p.label)[:1] in 'aeiouy' else 'Cercle de ')
                                + p.label, 'hand'))
            elif p.type == 'departement':
                p.names.append((("Département d'" if fold(p.label)[:1] in 'aeiouy'
                                 else 'Département de ') + p.label, 'hand'))

    SOURCE_PRIORITY = {'hand': 0, 'ocha': 1, 'gn_name': 2, 'gn_alt': 3}

    def alias_score(self, s, source):
        """Among spellings with the same folded form, prefer French accents,
        then the main name of a source, then more accents (États over Etats)."""
        return (not french_charset(s), self.SOURCE_PRIORITY.get(source, 4),
                -sum(ord(ch) > 127 for ch in s), s)

    def clean_aliases(self, p):
        label_key = key(p.label)
        best = {}
        order = []
        for raw, source in p.names:
            if not raw:
                continue
            n = clean_text(raw)
            if not n or any(ch.isdigit() for ch in n) or '(' in n or ' - ' in n:
                continue
            if not latin_foldable(n):
                continue
            letters = re.sub(r'[^A-Za-z]', '', strip_accents(n))
            if len(letters) < 3:
                continue
            if n == n.lower() and source != 'hand':   # romanisations: "sai gu", "kydal"
                continue
            if n.isupper() and len(letters) <= 3:   # codes: ML, BKO
                continue
            if ENGLISH_ADMIN_RE.search(n):
                continue
            k = key(n)
            if k == label_key:
                continue
            if k in self.major_keys and p.type not in ('country', 'area'):
                # "Zinder" as an alias of the Mirria departement: an alias must
                # not hijack the name of a country, an area or a region.
                continue
            if source in ('gn_alt', 'gn_name') and self.lex.is_english_only(n):
                continue
            # A spelling that only doubles or undoubles letters of the label
            # (Moura/Mourra) is kept even when it is also a French word:
            # place names match only when capitalised.
            undoubled = re.sub(r'(.)\1', r'\1', k) == re.sub(r'(.)\1', r'\1', label_key)
            if self.lex.is_common(n, country_name=(p.type == 'country')) and not undoubled:
                continue
            if n.isupper():
                n = n.title()
            prev = best.get(k)
            if prev is None:
                best[k] = (n, source)
                order.append(k)
            else:
                # Prefer French accents over none, and none over foreign accents.
                if self.alias_score(n, source) < self.alias_score(*prev):
                    best[k] = (n, source)
        aliases = sorted((best[k][0] for k in order), key=lambda s: (key(s), s))
        if len(aliases) > MAX_ALIASES:
            # Keep the spellings closest to the label first.
            aliases = sorted(aliases, key=lambda s: (phon(s) != phon(p.label),
                                                     abs(len(s) - len(p.label)), key(s)))
            aliases = sorted(aliases[:MAX_ALIASES], key=lambda s: (key(s), s))
        p.aliases = aliases

    def assign_ids(self, live):
        base = {p: slug(p.label) for p in live}
        groups = collections.defaultdict(list)
        for p in live:
            groups[base[p]].append(p)
        taken = set(groups)               # every bare slug is reserved
        pending = []
        for s, g in groups.items():
            g.sort(key=Place.sort_key)
            g[0].id = s
            pending.extend(g[1:])
        for rank in sorted(set(RANK.values())):
            tier = sorted((p for p in pending if RANK[p.type] == rank), key=Place.sort_key)
            level = [(p, '%s-%s' % (base[p], p.type)) for p in tier]
            for step in (1, 2, 3):
                counts = collections.Counter(c for _, c in level)
                nxt = []
                for p, c in level:
                    if step == 3 or (counts[c] == 1 and c not in taken):
                        if c in taken:
                            raise SystemExit('id clash: %s' % c)
                        p.id = c
                        taken.add(c)
                    elif step == 1 and p.parent is not None:
                        nxt.append((p, '%s-%s' % (c, p.parent.id)))
                    else:
                        nxt.append((p, '%s-%s' % (c, slug(p.srcid) or p.seq)))
                level = nxt

    def flag(self, live):
        counts = collections.Counter(key(p.label) for p in live)
        for p in live:
            flags = []
            if p.type != 'area' and self.lex.is_common(p.label, country_name=(p.type == 'country')):
                flags.append('common')
            if counts[key(p.label)] > 1:
                flags.append('homonym')
            p.flags = flags

    def country_of(self, p):
        while p is not None:
            if p.type == 'country':
                return p.id
            p = p.parent
        return ''

    def run(self):
        self.gn = {cc: read_geonames(self.path('geonames', cc + '.txt')) for cc in ('ML', 'BF', 'NE')}
        self.build_countries()
        self.build_areas()
        self.build_mali_admin()
        self.build_mali_places()
        self.build_bf()
        self.build_ne()
        self.finish_labels_and_types()
        live = [p for p in self.places if not p.merged]
        self.major_keys = {key(p.label) for p in live if p.type in ('country', 'area', 'region')}
        for p in live:
            self.clean_aliases(p)
        self.assign_ids(live)
        self.resolve_area_covers()
        self.flag(live)
        return sorted(live, key=lambda p: p.id)


# --------------------------------------------------------------------------
# Output

HEADER = ['id', 'label', 'type', 'parent', 'lat', 'lon', 'aliases', 'flags', 'covers']


def row_of(p):
    return [p.id, p.label, p.type, p.parent.id if p.parent else '',
            fmt_coord(p.lat), fmt_coord(p.lon), '|'.join(p.aliases),
            ','.join(p.flags), '|'.join(p.covers)]


def write_tsv(places, out):
    with open(out, 'w', encoding='utf-8', newline='\n') as f:
        f.write('# Vigie place gazetteer, generated by analyzers/data/build_gazetteer.py; '
                'see analyzers/data/PLACES.md. Sources: GeoNames (geonames.org), CC BY 4.0; '
                'OCHA, DNCT (Mali), ITOS (OCHA COD Mali 2015 and 2021 p-codes); '
                'i18n-iso-countries (MIT).\n')
        f.write('# Columns: id (unique slug), label (French display name), type (%s), '
                'parent (id), lat, lon (WGS84, 4 decimals), aliases (|-separated), '
                'flags (common, homonym), covers (areas: |-separated ids).\n'
                % ', '.join(TYPES))
        f.write('\t'.join(HEADER) + '\n')
        for p in places:
            cells = row_of(p)
            for c in cells:
                assert '\t' not in c and '\n' not in c, cells
            f.write('\t'.join(cells) + '\n')


def summary(builder, places, out):
    by_id = {p.id: p for p in places}
    print('wrote %s: %d places, %d bytes' % (os.path.relpath(out), len(places), os.path.getsize(out)))
    for line in builder.log:
        print('  note: ' + line)
    print('per type:')
    c = collections.Counter(p.type for p in places)
    for t in TYPES:
        print('  %-12s %6d' % (t, c[t]))
    print('per country (places under it, the country row included):')
    cc = collections.Counter(builder.country_of(p) or '(none: areas)' for p in places)
    for k in ('mali', 'burkina-faso', 'niger'):
        print('  %-14s %6d' % (k, cc.pop(k, 0)))
    other = sum(v for k, v in cc.items() if k != '(none: areas)')
    print('  %-14s %6d' % ('other countries', other))
    print('  %-14s %6d' % ('areas', cc.get('(none: areas)', 0)))
    print('aliases: %d on %d places' % (sum(len(p.aliases) for p in places),
                                         sum(1 for p in places if p.aliases)))
    print('flags: common %d, homonym %d' % (sum('common' in p.flags for p in places),
                                            sum('homonym' in p.flags for p in places)))
    flagged = [p for p in places if 'common' in p.flags and RANK[p.type] <= RANK['cercle']]
    print('common-flagged countries/areas/regions/provinces/departements/cercles: '
          + ', '.join('%s (%s)' % (p.label, p.type) for p in flagged))
    print('examples:')
    print('  ' + '\t'.join(HEADER))

    def show(pred, limit=30):
        rows = [p for p in places if pred(p)]
        for p in rows[:limit]:
            print('  ' + '\t'.join(row_of(p)))
        if len(rows) > limit:
            print('  ... %d more' % (len(rows) - limit))

    for name, country in (('mali', None), ('kidal', None), ('moura', None), ('pergue', None),
                          ('segou', None), ('diallassagou', None), ('bankass', None),
                          ('bamako', 'mali'), ('amassine', None), ('menaka', None),
                          ('tombouctou', None), ('gao', None), ('djibo', 'burkina-faso'),
                          ('tillaberi', 'niger')):
        print('  -- %s' % name)
        if name == 'mali':
            show(lambda p: p.id == 'mali')
        else:
            show(lambda p, n=name, c=country: (key(p.label) == n or p.id == n)
                 and (c is None or builder.country_of(p) == c))
    print('  -- areas')
    show(lambda p: p.type == 'area')
    for i in ('togue-mourari', 'djenne-cercle', 'mopti', 'etats-unis', 'russie',
              'cote-d-ivoire', 'niger', 'burkina-faso'):
        if i in by_id and i not in ('mali',):
            print('  ' + '\t'.join(row_of(by_id[i])))
    # Chain checks.
    for pid in ('moura', 'diallassagou', 'pergue', 'amassine'):
        chain = []
        p = by_id.get(pid)
        while p is not None:
            chain.append('%s (%s)' % (p.id, p.type))
            p = p.parent
        print('  chain: ' + ' -> '.join(chain))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('gazetteer', nargs='?', default=DEFAULT_SRC,
                    help='source folder (default: ../shared/data/gazetteer from the repo root)')
    ap.add_argument('--out', default=DEFAULT_OUT, help='output TSV (default: %(default)s)')
    ap.add_argument('--french-dict', default=FRENCH_DICT)
    ap.add_argument('--english-dict', default=ENGLISH_DICT)
    ap.add_argument('--quiet', action='store_true', help='no summary')
    args = ap.parse_args()
    if not os.path.isdir(args.gazetteer):
        sys.exit('no such folder: %s' % args.gazetteer)
    global LEX
    lex = LEX = Lexicon(args.french_dict, args.english_dict)
    b = Builder(args.gazetteer, lex)
    places = b.run()
    ids = [p.id for p in places]
    assert len(ids) == len(set(ids)), 'duplicate ids'
    write_tsv(places, args.out)
    if not args.quiet:
        summary(b, places, args.out)


if __name__ == '__main__':
    main()
