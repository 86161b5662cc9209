"""Place names as visitors write them: the hand-written word lists and :func:`norm`.

The lists say which names are words, nicknames, people's names or never a
place; :func:`norm` is the key every name and span is looked up by.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from typing import Dict, Iterable, Optional, Set, Tuple

US = "US"

#: ISO-2 codes of US territories in geonames' data -> USPS code.
TERRITORIES = {"PR": "PR", "GU": "GU", "VI": "VI", "AS": "AS", "MP": "MP"}

#: USPS codes that are also words (English, Spanish, chat) and so are never a
#: place on their own in lower case: "in", "or", "me", "de", "mi", "la"...
WORD_CODES = frozenset(
    "al ar as co de gu hi id in la ma md me mi mo mp ms ne oh ok or pa pr va vi".split()
)
#: Of those, the ones that are not a state even alone in upper case ("OK", "HI").
NEVER_ALONE_CODES = frozenset("as hi id in me ok or".split())

#: Names that are ordinary English words: a place only with a state ("Liberty,
#: TX"), as the whole reply ("Sunrise"), or right after "in/at/en..." in a reply
#: that says nothing else or with a capital ("I live in Liberty"); a few Spanish
#: words too ("le mandan carta": they send him a letter, not Mandan, ND).
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
    mandan
    """.split()
) | frozenset(
    # everyday Spanish after "en": "están en el campo donde trabajo" is the field, "en la casa" the house
    ["el campo", "el centro", "la casa", "la mesa", "la villa", "la feria", "la union",
     # "lo agarraron en la frontera": the border, not Frontera, Coahuila
     "frontera", "la frontera",
     # "yo estoy aqui en la colonia cameron park de brownsville": a neighbourhood, not Colonia, NJ
     "colonia", "la colonia",
     # "la junta de apelaciones me negó la apelación": the Board of Immigration Appeals, not La Junta, Colorado
     "la junta"]
)

#: Town names that are everyday Spanish nouns: after an article they are the noun ("a mi compañero lo
#: agarraron en el pueblo" is the town nearby, not Pueblo, Colorado), unless a state follows.
SPANISH_NOUN_NAMES = frozenset({"pueblo"})
SPANISH_ARTICLES = frozenset("el del al un mi su este ese aquel nuestro".split())

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
quito
escondido amarillo modesto merced
bk bx bklyn
"""
_WEAK_MULTI = [
    "el centro", "el campo", "la villa", "la feria", "la mesa", "la joya", "la plata",
    "la union", "la casa", "santa maria", "la junta",
]
WEAK_NAMES = frozenset(_WEAK_SINGLE.split()) | frozenset(_WEAK_MULTI)

#: Names never used as a place at all (ordinary words that happen to name a
#: town somewhere, or parts of longer names).
_NEVER_SINGLE = """
pest van buda serra golfe guli loni teni baise banan sale perm surrey takeo ibb jos oyo aba
kota carrefour male colon natal bello why hazard protection success welcome
carolina dakota orleans
cerro
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
    "south central": (US, "CA", "Los Angeles"),
    "south central la": (US, "CA", "Los Angeles"),
    "bk": (US, "NY", "Brooklyn"),
    "bklyn": (US, "NY", "Brooklyn"),
    "bx": (US, "NY", "Bronx"),
    "west palm": (US, "FL", "West Palm Beach"),
    "pompano": (US, "FL", "Pompano Beach"),
    "broward": (US, "FL", None),
    "gwinnett": (US, "GA", None),
    "corpus": (US, "TX", "Corpus Christi"),
    "the ie": (US, "CA", None),
    "kck": (US, "KS", "Kansas City"),
    "kcmo": (US, "MO", "Kansas City"),
    "mpls": (US, "MN", "Minneapolis"),
    "oahu": (US, "HI", None),
    # international airports: "im at JFK terminal 4 waiting", "estoy en el aeropuerto de LAX"
    "jfk": (US, "NY", "Queens"),
    "jfk airport": (US, "NY", "Queens"),
    "laguardia": (US, "NY", "Queens"),
    "lax": (US, "CA", "Los Angeles"),
    "lax airport": (US, "CA", "Los Angeles"),
    "ohare": (US, "IL", "Chicago"),
    "o hare": (US, "IL", "Chicago"),
    "dfw airport": (US, "TX", "Dallas"),
    "iah": (US, "TX", "Houston"),
    "sfo": (US, "CA", "San Francisco"),
    "newark airport": (US, "NJ", "Newark"),
    "dulles": (US, "VA", "Dulles"),
    "hartsfield": (US, "GA", "Atlanta"),
    "logan airport": (US, "MA", "Boston"),
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
    "area de la bahia": (US, "CA", None),
    "the bay": (US, "CA", None),
    "silicon valley": (US, "CA", None),
    "atl": (US, "GA", "Atlanta"),
    "h town": (US, "TX", "Houston"),
    "htown": (US, "TX", "Houston"),
    "htx": (US, "TX", "Houston"),
    "satx": (US, "TX", "San Antonio"),
    # El Paso's nicknames: "aqui en el chuco", "chuco town"
    "el chuco": (US, "TX", "El Paso"),
    "chuco": (US, "TX", "El Paso"),
    "chuco town": (US, "TX", "El Paso"),
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
    "oak cliff": (US, "TX", "Dallas"),
    "gulfton": (US, "TX", "Houston"),
    "little haiti": (US, "FL", "Miami"),
    "spanish harlem": (US, "NY", "New York City"),  # (not "el barrio": in Spanish, any neighbourhood)
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
    "IN": """gujarat;punjab india;kerala;maharashtra;tamil nadu;andhra pradesh;telangana;karnataka;uttar pradesh;haryana;
        goa;bihar;west bengal;rajasthan;ahmedabad;hyderabad india;bangalore;bengaluru;chennai;kolkata;mumbai;new delhi""",
    "PH": """luzon;mindanao;visayas;pampanga;batangas;ilocos;cavite;laguna philippines;quezon city""",
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
    know knew known think thought want wanted need needed going gone came come coming camino fine
    taken took take taking said says told tell asking asked ask waiting wait waited
    english spanish espanol ingles language languages speak speaking translator
    notice letter letters mail received receive sent send court's judge's hearing's
    paris parish pari reading rating writing waiting mexican mexicans american americans
    guatemalan salvadoran honduran venezuelan cuban haitian colombian indian chinese
    deport deported deporting process processing processed card's visa's permit permits
    warrant warrants rights right wrong lost lose losing legal illegal undocumented
    begin change changed changes recipe winning social machine medical company orden
    support prepare banging depot homeland pending americana residencia fiance fiancee
    francais español frances aleman frontera norte garita shock luck check casa trabajo
    semana semanas pasada pasado proxima proximo dias meses
    senora senor senorita señora señor señorita
    cobran cobra cobro cuanto cuánto precio
    """.split()
)

#: First words of multi-word place names, allowed to start a fuzzy n-gram even
#: though some are stop words ("los", "san", "new", "el").
PLACE_PREFIXES = frozenset(
    "san santa santo los las el la new fort ft st saint port north south east west lake "
    "salt grand palm mount mt del des sioux baton little long glen"
    .split()
)


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
    return case_variants(out)


def case_variants(forms: Iterable[str]) -> Set[str]:
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


#: The visitor's own home, named before its town ("our house in yakima", "mi casa en dallas"); read by
#: the place roles and, for towns that are also words ("our building in reading"), by the resolver.
HOME_WORDS = frozenset({"house", "home", "apartment", "apt", "trailer", "building", "casa", "apartamento", "depa",
                        "departamento", "traila", "edificio"})
#: The words that say the home is the visitor's own.
OWN_HOME = frozenset({"my", "our", "mi", "nuestra", "nuestro"})
