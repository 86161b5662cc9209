"""Immigration detention facilities visitors name in passing ("he's at Krome", "they moved her to pearsal").

Most of these names are not places the resolver knows, or they are towns that
mean nothing else to a visitor (Lumpkin, Dilley). Recognising them answers
"Where is the person being held?" before it is asked. Only names that are not
also common places where people live are listed: "Aurora", "Tacoma" or
"Elizabeth" are read by ``bot.places.roles`` from the words around them.

The names are the ones in common use for facilities that held people in
2025-2026. The list recognises what a visitor said; it is never shown as a
fact, and the visitor's own words are what staff see when no name is found.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterator, Optional

from rapidfuzz import fuzz

#: Canonical name -> words a visitor may type for it (lower case, no accents).
FACILITIES = {
    "Krome North Service Processing Center (Miami, FL)": ("krome", "crome"),
    "Adelanto ICE Processing Center (CA)": ("adelanto",),
    "Otay Mesa Detention Center (San Diego, CA)": ("otay mesa", "otay"),
    "Golden State Annex (McFarland, CA)": ("golden state annex",),
    "Central Valley Annex (McFarland, CA)": ("central valley annex",),
    # two facilities in one small town: staff see the town, and both names
    "Golden State Annex or Central Valley Annex (McFarland, CA)": ("mcfarland", "mc farland"),
    "Mesa Verde ICE Processing Center (Bakersfield, CA)": ("mesa verde",),
    "Imperial Regional Detention Facility (Calexico, CA)": ("imperial regional",),
    "Eloy Detention Center (AZ)": ("eloy",),
    "La Palma Correctional Center (Eloy, AZ)": ("la palma",),
    "Florence Service Processing Center (AZ)": ("florence service processing",),
    "Nevada Southern Detention Center (Pahrump, NV)": ("nevada southern", "pahrump"),
    "California City Detention Facility (CA)": ("california city",),
    "Northwest ICE Processing Center (Tacoma, WA)": ("northwest detention", "northwest ice processing", "nwdc"),
    # ("estuar", "estuart": Stewart as it sounds in Spanish)
    "Stewart Detention Center (Lumpkin, GA)": ("stewart detention", "stewart processing", "stewart", "lumpkin", "estuar", "estuart"),
    "Folkston ICE Processing Center (GA)": ("folkston",),
    "Broward Transitional Center (FL)": ("broward transitional", "broward"),
    "Baker County Detention Center (Macclenny, FL)": ("baker county", "el de baker", "macclenny", "macleny"),
    "South Florida Detention Facility, \"Alligator Alcatraz\" (FL)": ("alligator alcatraz",),
    "Glades County Detention Center (FL)": ("glades county", "glades"),
    "South Texas ICE Processing Center (Pearsall, TX)": ("pearsall", "south texas ice processing", "south texas detention"),
    "South Texas Family Residential Center (Dilley, TX)": ("dilley",),
    # ("el carnes": Karnes as it sounds; "carnes" alone is meat)
    "Karnes County Immigration Processing Center (TX)": ("karnes", "el carnes", "en carnes"),
    # ("porisabel": as it sounds run together; the centre is in Los Fresnos)
    "Port Isabel Service Processing Center (TX)": ("port isabel", "porisabel", "portisabel", "los fresnos"),
    "El Valle Detention Facility (Raymondville, TX)": ("el valle detention", "raymondville"),
    "Rio Grande Processing Center (Laredo, TX)": ("rio grande processing", "rio grande detention"),
    "Coastal Bend Detention Center (Robstown, TX)": ("coastal bend", "robstown"),
    "Camp East Montana (Fort Bliss, El Paso, TX)": ("camp east montana", "east montana", "fort bliss"),
    "El Paso Service Processing Center (TX)": ("el paso service processing", "el paso processing", "el paso spc", "el paso detention"),
    "Montgomery Processing Center (Conroe, TX)": ("conroe",),
    "Joe Corley Processing Center (Conroe, TX)": ("joe corley",),
    "IAH Secure Adult Detention Facility (Livingston, TX)": ("iah polk", "iah secure", "polk county detention"),
    "Bluebonnet Detention Facility (Anson, TX)": ("bluebonnet", "blue bonnet"),
    "Prairieland Detention Center (Alvarado, TX)": ("prairieland",),
    "T. Don Hutto Detention Center (Taylor, TX)": ("hutto",),
    "Otero County Processing Center (NM)": ("otero",),
    "Torrance County Detention Facility (NM)": ("torrance county", "torrance detention", "centro de torrance"),
    "Cibola County Correctional Center (NM)": ("cibola",),
    "Central Louisiana ICE Processing Center (Jena, LA)": ("jena",),
    "Winn Correctional Center (Winnfield, LA)": ("winnfield", "winn correctional"),
    "Richwood Correctional Center (Monroe, LA)": ("richwood",),
    "River Correctional Center (Ferriday, LA)": ("river correctional",),
    "Jackson Parish Correctional Center (Jonesboro, LA)": ("jackson parish",),
    "Alexandria Staging Facility (LA)": ("alexandria staging",),
    "Pine Prairie ICE Processing Center (LA)": ("pine prairie",),
    "South Louisiana ICE Processing Center (Basile, LA)": ("basile",),
    "Adams County Correctional Center (Natchez, MS)": ("adams county correctional", "adams county facility", "adams county detention", "natchez"),
    "Delaney Hall (Newark, NJ)": ("delaney hall", "delaney"),
    "Moshannon Valley Processing Center (PA)": ("moshannon",),
    "Donald W. Wyatt Detention Facility (Central Falls, RI)": ("wyatt detention", "el wyatt", "the wyatt", "at wyatt", "en wyatt", "in wyatt"),
    "Buffalo Federal Detention Facility (Batavia, NY)": ("buffalo federal detention", "batavia"),
    "Elizabeth Detention Center (NJ)": (),
    "Plymouth County Correctional Facility (MA)": ("plymouth county",),
    "Farmville Detention Center (VA)": ("farmville",),
    "Caroline Detention Facility (Bowling Green, VA)": ("carolain",),
    "Denver Contract Detention Facility (Aurora, CO)": ("geo aurora",),
    "Broadview Processing Center (IL)": ("broadview",),
    "North Lake Processing Center (Baldwin, MI)": ("north lake processing", "north lake correctional", "north lake"),
    # The New York field office, whose holding rooms held people for days in 2025.
    "ICE field office, 26 Federal Plaza (New York, NY)": ("26 federal plaza", "federal plaza"),
}

#: Facilities in towns whose name is a common place (or a name): named only with a word that says
#: it is the facility ("the aurora center", "el centro de aurora", "tacoma detention").
IN_A_COMMON_TOWN = {
    "Northwest ICE Processing Center (Tacoma, WA)": "tacoma",
    "Winn Correctional Center (Winnfield, LA)": "winn",
    "Montgomery Processing Center (Conroe, TX)": "montgomery",
    "Caroline Detention Facility (Bowling Green, VA)": "caroline",
    "Denver Contract Detention Facility (Aurora, CO)": "aurora",
    "Elizabeth Detention Center (NJ)": "elizabeth",
    "Florence Service Processing Center (AZ)": "florence",
    "Prairieland Detention Center (Alvarado, TX)": "alvarado",
}
#: (Matched exactly: one letter off, "ice in aurora" would be "live in aurora".)
_AROUND_A_TOWN = ("{} center", "{} detention", "{} processing", "{} ice", "{} facility", "centro de {}",
                  "detencion de {}", "centro de detencion de {}", "ice place in {}", "ice center in {}",
                  # "the processing center in tacoma", "la detencion en aurora"
                  "processing center in {}", "detention center in {}", "detention in {}", "detention facility in {}",
                  "detencion en {}", "centro en {}", "un centro en {}",
                  # "my son is at the GEO place in aurora": the company that runs it
                  "geo place in {}", "geo in {}", "geo center in {}", "geo facility in {}", "geo detention in {}",
                  # "lleva 2 meses en tacoma en el centro de detencion"
                  "{} en el centro de detencion", "{} in the detention center", "{} en la detencion",
                  # "he's in the elizabeth one by the airport": the facility of that town
                  "the {} one", "el de {}", "la de {}")

#: Towns known for their facility more than for anything else, named as where someone was taken: "se lo llevaron a
#: florence", "they moved him to tacoma" (not "montgomery", a city in Alabama, nor "elizabeth", a name).
_TAKEN_TO_TOWN = ("tacoma", "aurora", "florence", "winn")
_TAKEN_TO = ("llevaron a {}", "lo mandaron a {}", "la mandaron a {}", "lo pasaron a {}", "la pasaron a {}", "lo trasladaron a {}",
             "la trasladaron a {}", "took him to {}", "took her to {}", "took them to {}", "moved him to {}", "moved her to {}",
             "sent him to {}", "sent her to {}", "transferred him to {}", "transferred her to {}")
#: ... and the one whose town is no place a visitor lives, named as where someone has been for a time: "mi hermano lleva
#: tres semanas en winn" (not "llevo 3 meses en tacoma", which is where a visitor may live).
_HELD_A_WHILE_TOWN = ("winn",)
_HELD_A_WHILE = ("dias en {}", "semanas en {}", "semana en {}", "meses en {}", "mes en {}", "days in {}", "weeks in {}",
                 "week in {}", "months in {}", "month in {}")

#: (alias, facility, whether one typo is allowed)
#: Misspellings listed as they are heard, matched exactly ("carolain" is one letter from the name "caroline").
_EXACT_ONLY = {"carolain", "macleny"}
_ALIASES = [(alias, name, alias not in _EXACT_ONLY) for name, aliases in FACILITIES.items() for alias in aliases] + [
    (form.format(town), name, False) for name, town in IN_A_COMMON_TOWN.items() for form in _AROUND_A_TOWN] + [
    (form.format(town), name, False) for name, town in IN_A_COMMON_TOWN.items() if town in _TAKEN_TO_TOWN for form in _TAKEN_TO] + [
    (form.format(town), name, False) for name, town in IN_A_COMMON_TOWN.items() if town in _HELD_A_WHILE_TOWN for form in _HELD_A_WHILE]


def _plain(text: str) -> str:
    t = unicodedata.normalize("NFKD", (text or "").lower())
    t = "".join(c for c in t if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9 ]+", " ", t)


def facility_in(text: str) -> Optional[str]:
    """The facility a message names, allowing one typo in a longer name ("pearsal"); None if none.

    Call it only where someone is detained: "Stewart" is also a surname.
    """
    found = next(_named(_plain(text).split()), None)
    return found[1] if found else None


def held_at(text: str) -> Optional[str]:
    """The facility a message says someone is in now ("my mom is in karnes for 2 months", "husband
    been in adelanto 8 months", "lo tienen en otero"); None if none is, or only a visitor's own town
    is said ("we live in adelanto", "estoy en conroe"), or a time over ("he was in adelanto for a year")."""
    words = _plain(text).split()
    for start, name in _named(words):
        # ("esta detenido since last week en otay mesa": a few words may come between)
        before = words[max(0, start - 6):start]
        if before and before[-1] in ("the", "el", "la"):
            before = words[max(0, start - 7):start - 1]
        if before[-1:] and before[-1] in ("in", "at", "en") and set(before[:-1]) & _HELD_THERE \
                and not set(before[:-1]) & (_NOT_HELD_THERE | _AN_APPOINTMENT):
            return name
    return None


#: Words of someone being somewhere now, before "in", "at", "en" and the facility.
_HELD_THERE = {"is", "s", "been", "still", "esta", "sigue", "siguen", "estan", "lleva", "llevan", "tienen", "have", "has",
               "detenido", "detenida", "detained", "held", "locked"}
#: ... and of an appointment there, not someone held ("court is tomorrow morning at 26 federal plaza").
_AN_APPOINTMENT = {"court", "hearing", "corte", "audiencia", "cita", "appointment", "appt", "check", "checkin", "interview", "entrevista",
                   "tomorrow", "manana", "morning"}
#: ... and of living or working there, or of the visitor ("we live in adelanto", "estoy en conroe").
_NOT_HELD_THERE = {"live", "lives", "living", "vive", "viven", "vivo", "work", "works", "trabaja", "trabajo", "i", "we", "estoy", "estamos",
                   "was", "were", "estuvo", "estuve"}  # (and of a time over: "he was in adelanto for a year")


def _named(words: list[str]) -> Iterator[tuple[int, str]]:
    """Each facility named in the words, with the index of its first word."""
    for alias, name, typo in _ALIASES:
        size = len(alias.split())
        for i in range(len(words) - size + 1):
            said = " ".join(words[i : i + size])
            # (a long word misspelt in a name whose other words are right allows a little more: "pine prary" is
            # 82 to "pine prairie"; not "the wait" for "the wyatt")
            relaxed = size > 1 and _one_long_word_off(said, alias)
            if said == alias or (typo and len(alias) >= 7 and fuzz.ratio(said, alias) >= (80 if relaxed else 85)
                                 and _word_by_word(said, alias, 65 if relaxed else 75)):
                yield i, name


def _one_long_word_off(said: str, alias: str) -> bool:
    """Whether the words said differ from the name's only in one word of six letters or more."""
    off = [(a, b) for a, b in zip(said.split(), alias.split()) if a != b]
    return len(off) == 1 and len(off[0][1]) >= 6 and len(off[0][0]) >= 5  # ("el car" is not "el carnes")


def _word_by_word(said: str, alias: str, least: float = 75) -> bool:
    """One typo in a name of several words is a typo in one of them ("pine prarie"), not another
    word in its place ("santa ana california. mi" is not "california city")."""
    return all(fuzz.ratio(a, b) >= least for a, b in zip(said.split(), alias.split()))


def names_part_of(place_text: str, facility: str) -> bool:
    """Whether a place said is a part of the facility's name ("south texas" of the South Texas ICE
    Processing Center). The town alone ("conroe", "pearsall") is not: people live there too."""
    said = " ".join(_plain(place_text).split())
    if not said:
        return False
    names = [a for a, name, _ in _ALIASES if name == facility] + [_plain(facility.split("(")[0])]
    return any(f" {said} " in f" {' '.join(n.split())} " and said != " ".join(n.split()) for n in names)


def town_of(facility: str) -> str:
    """Where a facility is, as its name says it ("Otay Mesa Detention Center (San Diego, CA)" -> "San Diego, CA")."""
    found: list[str] = re.findall(r"\(([^()]*)\)", facility)
    if not found:
        return ""
    # ("Camp East Montana (Fort Bliss, El Paso, TX)": the town and state, not the base)
    return (found[-1].split(",", 1)[-1] if found[-1].count(",") >= 2 else found[-1]).strip()
