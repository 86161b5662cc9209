"""Where is the visitor?  Free text -> a :class:`Place`.

``resolve("we live in san deigo ca")`` -> San Diego, CA.  The spaCy pipeline of
:mod:`bot.places.pipeline` finds the exact candidate spans (names, nicknames,
counties, ZIP codes, "city, ST"); this module reads them, adds what needs
context, and falls back to typo-tolerant matching.

Rules, in order:

1. **Exact spans** from the pipeline.  A place followed by its state
   ("Portland, OR", "springfield il", "houston texas", "san jose ca 95112")
   is read as one place; a ZIP code right after it pins it down.
2. **Context.**  Two-letter codes that are also words ("in", "or", "me",
   "pa", "de", "mi"...) are a state only in capitals, after a comma following a
   town of that state, right after a city ("portland or"), or as the whole reply
   ("PA"; never "OK", "HI", "ME", "IN", "OR", "ID", "AS").  Other codes also
   count after "in/from/en..." ("i live in tx") or at the end after a word
   ("mcallen tx").  Place names that are people's names or Spanish words
   ("Austin", "Tyler", "Santiago", "Mesa", lower-case "la") count after
   "in/at/from/near/en/de..." or when the reply is little more than the name;
   names that are English words ("Liberty", "Sunrise", "mass" for
   Massachusetts) only with a state, as the whole reply, or right after
   "in/at/en..." when written with a capital or when the reply says nothing
   else ("im in mass", but not "I go to mass").
3. **Typos**, only when nothing else named a place: n-grams of the message
   against states, countries and big cities (US ones of 50,000 people or
   more, Mexican, Central American and Caribbean ones of 200,000), within one
   edit up to 7 letters and two beyond (Damerau-Levenshtein), with the same
   first letter, 6 letters at least, no ordinary word among them (spaCy's
   English and Spanish stop words plus :data:`~bot.places.names.COMMON_WORDS`)
   and not a known name itself; and only in a short reply (four words or
   fewer), right after "in/en/near/from...", or before a state ("houstin tx").
4. **Same-name places.**  A state beats a city or a country of the same name
   ("Georgia", "Washington"); a country beats a US city ("Jamaica"); a US city
   beats a foreign one when it has 100,000 people or a fifth of the foreign
   one's ("Birmingham" -> AL, "Paris" -> France).  Among US cities the
   biggest wins unless another has at least max(min(50,000, half of it),
   a fifteenth of it) people: then the place is ambiguous (``state`` is None,
   ``candidates`` lists the states, biggest first: "Portland", "Springfield").
5. **Several places in one message**: the one introduced as where the visitor
   lives ("I live in", "we're in", "vivo en", "located in"...) wins, then one
   after "in/at/near...", and a place after "from"/"originally" counts least;
   on a tie, the first one.  A more specific place in the same state or
   country then replaces it ("I'm in Texas, in Houston" -> Houston), and a
   state named elsewhere settles an ambiguous city ("Portland... in Maine").
6. A country or foreign region right after a city picks that country's city
   ("san jose costa rica", "vancouver bc").
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable, Dict, FrozenSet, List, Optional, Sequence, Set, Tuple

from bot.places.gazetteer import Entry, Town, ZipInfo
from bot.places.names import (
    COMMON_WORD_CITIES,
    COMMON_WORDS,
    HOME_WORDS,
    NEVER_ALONE_CODES,
    OWN_HOME,
    PLACE_PREFIXES,
    SPANISH_ARTICLES,
    SPANISH_NOUN_NAMES,
    US,
    WORD_CODES,
    norm,
)
from bot.places.pipeline import load
from bot.places.placedb import PlaceIndex, places
from bot.places.place import UNITED_STATES, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Words right before a place that say "this is where".
CUES_EN = frozenset("in at near around outside to from by of nearby close".split())
CUES_ES = frozenset("en de desde cerca".split())
#: Words shortly before a place that say "this is where I/we live".
RESIDENCE = frozenset(
    """live lives living located staying stay based reside resides residing moved 'm m am
    're re are vivo vivimos vive viven estoy estamos currently""".split()
)
ORIGIN = frozenset("from de desde originally born native".split())
#: Words around a bare name that still leave the reply "just the name".
FILLERS = frozenset(
    """i im m 'm in live living we are were 're re my is at near the from en vivo vivimos
    estoy estamos of city town area it its it's currently now right here there yes ok
    okay um uh hi hello so just""".split()
)
#: What may follow lower-case "la" when it means Los Angeles ("in la now").
LA_FOLLOWERS = frozenset(
    "area now county right currently and but since for with ca california too".split()
)
#: Lower-case word codes accepted as a whole reply ("pa", "va").
LONE_LOWER_OK = frozenset("al ar co de ga ma md mi mo ms ne pa va wa".split())

_RANK = {"country": 0, "state": 1, "region": 2, "county": 2, "city": 3, "zip": 4}


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def resolve(text: str) -> Optional[Place]:
    """The place a message names, or None.  See the module docstring for the rules."""
    if not text or not text.strip():
        return None
    g = places()
    doc = load()(_clean(text))
    cands = _candidates(doc, g)
    chosen = _choose(cands) if cands else None
    if chosen is None or (chosen.in_us and chosen.state and not chosen.city):
        # "lincon ne", "chicagoo, il": a short reply whose town, misspelt, is one of the state said with it
        return _misspelt_town_of_state(g, text) or chosen
    return chosen


def _misspelt_town_of_state(g: PlaceIndex, text: str) -> Optional[Place]:
    """A town one typo or two from a town of the state that ends a short reply, else None."""
    words = re.findall(r"[a-z]+", norm(text))
    if not 2 <= len(words) <= 4:
        return None
    for n in (2, 1):
        state, town = " ".join(words[-n:]), " ".join(words[:-n])
        code = g.state_keys.get(state)
        if code is None or not town or len(town.split()) > 2 or town in g.state_keys:
            continue
        near = _fuzzy_in_state(g, town, code, weak=True)
        if near is not None:
            return _entry_place(g, near, text.strip(), "fuzzy")
    return None


def resolve_state(text: str) -> Optional[str]:
    """The USPS code in an answer to "which state?": names, codes in any case, typos."""
    if not text or not text.strip():
        return None
    g = places()
    whole = norm(text)
    for prefix in ("state of ", "the state of ", "its ", "it is ", "in "):
        if whole.startswith(prefix) and whole[len(prefix):] in g.state_keys:
            whole = whole[len(prefix):]
    if whole in g.state_keys:
        return g.state_keys[whole]
    place = resolve(text)
    if place is not None and place.state:
        return place.state
    words: List[str] = re.findall(r"[A-Za-z]+", text)
    codes = [w.upper() for w in words if len(w) == 2 and w.upper() in g.states]
    plain = [c for c in codes if c.lower() not in WORD_CODES]
    if plain:
        return plain[0]
    if codes and len(words) <= 3:
        return codes[-1]
    hit = _fuzzy_lookup([w.lower() for w in words], g, states_only=True)
    return hit[2] if hit else None


def resolve_with_state(place: "Place | str", state: str) -> Optional[Place]:
    """Settle a place (usually an ambiguous city) once the visitor names its state.

    ``place`` is a :class:`Place` or the text it came from; ``state`` a code,
    a state name or any reply :func:`resolve_state` understands.  Returns the
    city in that state, or the state alone when no such city is known there.
    """
    g = places()
    code = state.upper() if state and state.upper() in g.states else resolve_state(state or "")
    if code is None:
        return None
    if isinstance(place, str):
        resolved = resolve(place)
        if resolved is None:  # a small town the resolver does not name on its own
            town = g.towns.get(norm(place), {}).get(code)
            if town is not None:
                return _town_place(g, town, place.strip(), "exact")
            return _state_place(g, code, place.strip(), "exact")
        place = resolved
    matched = place.matched
    if place.city:
        key = norm(place.city)
        entries = [e for e in _entries_for(g, key) if e.state == code and e.kind == "city"]
        if entries:
            best = max(entries, key=lambda e: (e.population, e.zips))
            return _entry_place(g, best, matched, place.method)
        town = g.towns.get(key, {}).get(code)
        if town:
            return _town_place(g, town, matched, place.method)
    if place.county:
        entries = [e for e in _entries_for(g, norm(place.county)) if e.state == code]
        if entries:
            return _entry_place(g, entries[0], matched, place.method)
    return _state_place(g, code, matched, place.method)


def us_city_in(name: str, states: Sequence[str]) -> Optional[Place]:
    """The listed US city called ``name`` in the first of ``states`` that has one, or None.

    Only cities the gazetteer lists with a population, not every small town of
    the name: "Leon" near Texas is not Leon, Oklahoma (pop. 100)."""
    g = places()
    for code in states:
        entries = [e for e in _entries_for(g, norm(name)) if e.kind == "city" and e.country == US and e.state == code]
        if entries:
            best = max(entries, key=lambda e: (e.population, e.zips))
            return _entry_place(g, best, name, "exact")
    return None


def timezone_for(place: Optional[Place]) -> Optional[str]:
    """The IANA time zone of a place, or None when it cannot be known.

    From the ZIP code, else the city or county, else the state when the whole
    state has one zone (not Texas, Florida, Indiana...), else for other
    countries the city or a country with a single zone.
    """
    if place is None:
        return None
    g = places()
    if place.zip and place.zip in g.zips:
        return g.zips[place.zip].tz
    if not place.in_us:
        if place.city:
            for e in _entries_for(g, norm(place.city)):
                if e.country == place.country_code and e.tz:
                    return e.tz
        return _country_tz(place.country_code)
    if place.state is None:
        return None
    if place.city:
        key = norm(place.city)
        town = g.towns.get(key, {}).get(place.state)
        if town and town.tz:
            return town.tz
        for e in _entries_for(g, key):
            if e.state == place.state and e.tz:
                return e.tz
    if place.county:
        for e in _entries_for(g, norm(place.county)):
            if e.state == place.state and e.kind == "county" and e.tz:
                return e.tz
    return g.state_tz.get(place.state)


def country_code(name: Optional[str]) -> Optional[str]:
    """"Mexico" -> "MX": the ISO code of a country as ``Place.country`` names it."""
    if not name:
        return None
    return next((code for code, known in places().countries.items() if known == name), None)


def warm_up() -> None:
    """Load the data and the pipeline now rather than on the first message."""
    resolve("Chicago, IL")


def mentions(text: str) -> List[Tuple[int, int, Place]]:
    """Every place a message names, in order, as ``(start_char, end_char, place)``.

    The same mentions :func:`resolve` chooses from (rules 1-4 and 6), each
    read on its own; offsets are into ``text`` as given, and
    ``text[start:end]`` is the words that named the place (a city with its
    state and ZIP code is one mention).  What each place is to the visitor is
    :mod:`bot.places.roles`' business.
    """
    if not text or not text.strip():
        return []
    cleaned = _clean(text)
    doc = load()(cleaned)
    cands = sorted(_candidates(doc, places()), key=lambda c: c.start)
    if not cands:
        return []
    # _clean() keeps every character but collapses runs of white space: map back.
    quoted = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", quoted)]
    starts, at = [], 0
    for s, e in words:
        starts.append(at)
        at += e - s + 1

    def original(pos: int) -> int:
        k = max(0, next((i for i, c in enumerate(starts) if c > pos), len(starts)) - 1)
        return words[k][0] + (pos - starts[k])

    out = []
    for c in cands:
        begin = doc[c.start].idx
        end = begin + len(c.place.matched)
        out.append((original(begin), original(end - 1) + 1, c.place))
    return out


def choose(found: Sequence[Place]) -> Optional[Place]:
    """One place out of several said in the same breath, in order (rule 5 without cues).

    The first, unless a later one is more specific and consistent with it
    ("Texas ... Houston" -> Houston); a state among them settles an
    ambiguous city ("Portland ... Maine").
    """
    if not found:
        return None
    return _choose([_Candidate(p, i, 0, _rank(p)) for i, p in enumerate(found)])


# ---------------------------------------------------------------------------
# Mentions: spans that may be places
# ---------------------------------------------------------------------------


@dataclass
class _Mention:
    start: int
    end: int
    key: str = ""
    entries: Tuple[Entry, ...] = ()
    state: Optional[str] = None  # set when the mention can qualify a city
    zip: Optional[ZipInfo] = None
    method: str = "exact"
    needs_state: bool = False
    qual_state: Optional[str] = None
    qual_zip: Optional[ZipInfo] = None
    qual_country: Optional[str] = None  # "vancouver bc", "san jose costa rica"
    qual_end: int = -1
    consumed: bool = False

    @property
    def is_qualifier(self) -> bool:
        return self.state is not None and self.zip is None

    @property
    def stop(self) -> int:
        return max(self.end, self.qual_end)


@dataclass
class _Candidate:
    place: Place
    start: int
    score: int
    rank: int


def _unaccented(c: str) -> str:
    """One character without its accent ("á" -> "a"), or itself: the text keeps its length."""
    base = unicodedata.normalize("NFD", c)
    return base[0] if len(base) > 1 and all(unicodedata.combining(x) for x in base[1:]) else c


def _clean(text: str) -> str:
    # Accents dropped letter by letter ("Michoacán", "Juárez", "Yucatán" typed on a phone):
    # the patterns hold the folded spellings, and offsets still map back one to one.
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    return " ".join("".join(_unaccented(c) for c in text).split())


def _is_shouting(doc: Doc) -> bool:
    letters = [c for c in doc.text if c.isalpha()]
    words = [t for t in doc if t.is_alpha]
    return len(words) >= 2 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _candidates(doc: Doc, g: PlaceIndex) -> List[_Candidate]:
    shouting = _is_shouting(doc)
    mentions = _from_entities(doc, g)
    covered = {i for m in mentions for i in range(m.start, m.end)}
    mentions += _weak_mentions(doc, g, covered, shouting)
    covered = {i for m in mentions for i in range(m.start, m.end)}
    if not any(m.entries and not _only_states(m) for m in mentions):
        fuzzy = _fuzzy_mention(doc, g, covered)
        if fuzzy is not None:
            mentions.append(fuzzy)
            covered |= set(range(fuzzy.start, fuzzy.end))
    mentions.sort(key=lambda m: m.start)
    _attach_qualifiers(doc, g, mentions, covered, shouting)
    covered |= {i for m in mentions for i in range(m.start, m.stop)}
    mentions += _code_mentions(doc, g, covered, shouting)
    out = []
    for m in mentions:
        if m.consumed or _landmark_follows(doc, m):
            continue
        place = _interpret(doc, g, m)
        if place is not None:
            out.append(_Candidate(place, m.start, _cue_score(doc, m.start, place), _rank(place)))
    return out


#: "Kendall Square", "Washington Street", "Lincoln Park Zoo": a place name that is part of a
#: landmark's name is not the town (the whole name, when it is a place, matched as one).
_LANDMARK_WORDS = {"square", "street", "st", "avenue", "ave", "boulevard", "blvd", "road", "rd", "plaza", "mall",
                   "station", "bridge", "hospital", "university", "college", "school", "church", "stadium", "zoo",
                   "floor", "piso"}  # ("vivo en el segundo piso": the second floor, not El Segundo, CA)


def _landmark_follows(doc: Doc, m: "_Mention") -> bool:
    end = getattr(m, "stop", m.end) or m.end
    return end < len(doc) and doc[end].lower_ in _LANDMARK_WORDS and not doc[m.start:end].text.isupper()


def _only_states(m: _Mention) -> bool:
    return all(e.kind == "state" for e in m.entries)


def _from_entities(doc: Doc, g: PlaceIndex) -> List[_Mention]:
    out: List[_Mention] = []
    for ent in doc.ents:
        kind = ent.ent_id_
        if kind == "zip":
            info = g.zips.get(ent.text)
            if info:
                out.append(_Mention(ent.start, ent.end, zip=info, method="zip"))
        elif kind == "code":
            out.append(_Mention(ent.start, ent.end, state=ent.text.upper()))
        elif kind == "combo":
            out += _split_combo(doc, g, ent.start, ent.end)
        elif kind == "la":
            continue  # "LA": Los Angeles unless shouted Spanish; see _weak_mentions
        else:
            key = norm(ent.text)
            entries = g.names.get(key)
            if entries:
                out.append(_name_mention(ent.start, ent.end, key, entries))
    return out


def _name_mention(start: int, end: int, key: str, entries: Tuple[Entry, ...], method: Optional[str] = None,
                  needs_state: bool = False) -> _Mention:
    state = next((e.state for e in entries if e.kind == "state" and e.state), None)
    if method is None:
        method = "nickname" if all(e.nickname for e in entries) else "exact"
    return _Mention(start, end, key, tuple(entries), state=state, method=method,
                    needs_state=needs_state)


def _split_combo(doc: Doc, g: PlaceIndex, start: int, end: int) -> List[_Mention]:
    """ "San Antonio, tx" -> a name mention and a state mention."""
    comma = next((i for i in range(start, end) if doc[i].text == ","), None)
    split = None
    if comma is not None:
        split, tail_start = comma, comma + 1
    else:
        for n in (3, 2, 1):
            if end - n <= start:
                continue
            tail = norm(doc[end - n:end].text)
            if tail in g.state_keys:
                split = tail_start = end - n
                break
    if split is None:
        return []
    tail_key = norm(doc[tail_start:end].text)
    state = g.state_keys.get(tail_key)
    out = []
    head = None
    for s in range(start, split):  # the longest known name ending at the split
        key = norm(doc[s:split].text)
        entries = g.names.get(key) or g.weak.get(key)
        if entries or key in g.towns:
            head = _name_mention(s, split, key, entries or (), "exact")
            out.append(head)
            break
    if state and tail_key in WORD_CODES and not doc[tail_start].text.isupper():
        # "the us, in ohio", "chicago, in my opinion": a word, unless the town is there.
        known = head is not None and (
            state in g.towns.get(head.key, {})
            or any(e.state == state for e in head.entries if e.kind != "state")
        )
        nxt = doc[end] if end < len(doc) else None
        if not known or _sentence_goes_on(tail_key, nxt):
            state = None
    if state:
        out.append(_Mention(tail_start, end, tail_key, g.names.get(tail_key, ()), state=state))
    return out


def _weak_mentions(doc: Doc, g: PlaceIndex, covered: Set[int], shouting: bool) -> List[_Mention]:
    """Names that are places only in context: "in austin", "Tyler" alone, "mission tx"."""
    out: List[_Mention] = []
    n = len(doc)
    alpha = [t for t in doc if t.is_alpha]
    texts = [t.text for t in doc]
    firsts = _weak_first_words()
    i = 0
    while i < n:
        found = None
        for length in (3, 2, 1):
            j = i + length
            if j > n or norm(texts[i]) not in firsts or any(k in covered for k in range(i, j)):
                continue
            key = norm(" ".join(texts[i:j]))
            entries = g.weak.get(key)
            if entries:
                found = (j, key, entries)
                break
        if found is None:
            i += 1
            continue
        j, key, entries = found
        while j - 1 > i and doc[j - 1].is_punct:
            j -= 1  # "austin ," keys as "austin": the comma is not part of the name
        span = doc[i:j]
        prev = _prev_word(doc, i)
        nxt = doc[j] if j < n else None
        others = [t for t in alpha if not (i <= t.i < j)]
        bare = all(t.lower_ in FILLERS for t in others)
        state_next = _state_follows(doc, g, j, key)
        accept = needs_state = False
        if key == "la":
            english_cue = prev is not None and prev in CUES_EN
            tail_ok = nxt is None or not nxt.is_alpha or nxt.lower_ in LA_FOLLOWERS
            upper = span.text == "LA" and not shouting
            accept = upper or (bare and len(alpha) <= 3) or (english_cue and tail_ok)
        elif key in COMMON_WORD_CITIES:
            titled = span.text.istitle() and not shouting
            cue = prev in CUES_EN | CUES_ES
            # "... can i take the test in spanish? im in el centro": the visitor in English, in the town
            before = norm(texts[i - 2]) if i >= 2 else ""
            mine = prev in ("in", "near") and (before in ("am", "were", "live", "living", "staying")
                                               or (before in ("m", "im") and i >= 3 and norm(texts[i - 3]) == "i") or before == "im")
            # "... puedo pedir asilo? vivo en sweetwater": the visitor in Spanish, in the town
            mine = mine or (prev == "en" and before in ("vivo", "vivimos", "estoy", "estamos", "resido", "radico", "radicamos"))
            # "yo estoy aqui en Forest", "im here in reading": the same, with "here" between
            if not mine and prev in ("in", "en") and before in ("aqui", "aca", "here") and i >= 3:
                further = norm(texts[i - 3])
                mine = further in ("estoy", "estamos", "vivo", "vivimos", "im", "am", "were", "live", "living", "staying")
            # "knocking on all the doors in our building in reading": the visitor's home, in the town
            mine = mine or (prev in ("in", "en") and before in HOME_WORDS and i >= 3
                            and norm(texts[i - 3]) in OWN_HOME)
            if mine and prev == "en" and key.split()[0] in ("el", "la") and not titled:
                # "no me llamen en el dia porque estoy en el campo": the field (and "vivo en el centro" downtown),
                # not El Campo, Texas; the town is written "El Campo" or with its state
                mine = False
            accept = not others or (cue and (bare or titled)) or mine
            if not accept and state_next:
                accept = needs_state = True
        else:
            cue = prev is not None and prev in CUES_EN | CUES_ES
            # "ya me mude a Charlotte", "we moved to Charlotte": a move to the town
            before = norm(texts[i - 2]) if i >= 2 else ""
            cue = cue or (prev in ("a", "to") and before in ("mude", "mudamos", "moved", "move", "mudo", "mudaron"))
            # "... somebody is going to get shot. modesto": a sentence of its own, closing the message
            signed_off = i > 0 and doc[i - 1].text in (".", "!", "?") and (nxt is None or (nxt.is_punct and j + 1 >= n))
            # "austin, en el east side", "Salinas, pero trabajo por Greenfield": a reply that starts with the town
            leading = i == 0 and nxt is not None and nxt.text == ","
            accept = cue or (bare and len(others) <= 2) or state_next or signed_off or leading
            if key in SPANISH_NOUN_NAMES and i > 0 and norm(texts[i - 1]) in SPANISH_ARTICLES and not state_next:
                accept = False
        if accept:
            out.append(_name_mention(i, j, key, entries, needs_state=needs_state))
            i = j
        else:
            i += 1
    return out


@functools.lru_cache(maxsize=1)
def _weak_first_words() -> FrozenSet[str]:
    return frozenset(key.split()[0] for key in places().weak_keys)


def _prev_word(doc: Doc, i: int) -> Optional[str]:
    """The lower-case word before token i, skipping "the"."""
    k = i - 1
    while k >= 0 and doc[k].lower_ in ("the", "el"):
        k -= 1
    return doc[k].lower_ if k >= 0 else None


def _state_follows(doc: Doc, g: PlaceIndex, j: int, key: str = "") -> bool:
    """Does a state (name or code) follow at token j (after an optional comma)?

    A code that is also a word ("in", "ms") counts only in capitals or when
    the place ``key`` has a town in that state ("jackson ms").
    """
    n = len(doc)
    if j < n and doc[j].text == ",":
        j += 1
    if j >= n:
        return False
    for length in (3, 2, 1):
        if j + length <= n and norm(doc[j:j + length].text) in g.state_keys:
            # "in", "or", "me"... after a word are words, unless in capitals.
            tok = doc[j]
            if length > 1 or tok.lower_ not in WORD_CODES or tok.text.isupper():
                return True
            return bool(key) and tok.lower_.upper() in g.towns.get(key, {})
    return False


def _attach_qualifiers(doc: Doc, g: PlaceIndex, mentions: List[_Mention], covered: Set[int], shouting: bool) -> None:
    """Give each place name the state (and ZIP) written right after it."""
    by_start = {m.start: m for m in mentions}
    n = len(doc)
    for m in mentions:
        if m.consumed or not m.entries and not m.key:
            continue
        if m.entries and _only_states(m) and m.key not in g.towns:
            continue
        j = m.end
        comma = j < n and doc[j].text == ","
        if comma:
            j += 1
        nxt = by_start.get(j)
        abroad = _foreign_qualifier(nxt) if nxt is not None and nxt is not m else None
        if nxt is not None and nxt is not m and nxt.is_qualifier and not nxt.consumed:
            m.qual_state, m.qual_end = nxt.state, nxt.end
            nxt.consumed = True
            j = nxt.end
        elif abroad and nxt is not None and not nxt.consumed and any(
            e.kind == "city" and e.country == abroad for e in m.entries
        ):
            m.qual_country, m.qual_end = abroad, nxt.end
            nxt.consumed = True
            j = nxt.end
        elif nxt is not None and nxt is not m and not nxt.consumed and m.entries and (
                (abroad and all(e.kind == "region" for e in nxt.entries)) or nxt.key in PROVINCES_NAMED_LIKE_TOWNS):
            # "windsor, ontario", "red deer alberta": a town of that province the gazetteer does not hold,
            # not a US town of the same name (nor Ontario, California); a country after a US town is
            # another place ("houston, mexico is where my parents are")
            m.qual_country, m.qual_end = abroad or "CA", nxt.end
            nxt.consumed = True
            j = nxt.end
        elif j < n and doc[j].lower_ in CANADIAN_CODES and any(
            e.kind == "city" and e.country == "CA" for e in m.entries
        ):
            m.qual_country, m.qual_end = "CA", j + 1
            j += 1
        elif j < n and j not in covered and _code_after_place(doc, g, j, m, shouting):
            m.qual_state, m.qual_end = doc[j].text.upper(), j + 1
            j += 1
        if j < n and doc[j].text == ",":
            j += 1
        z = by_start.get(j)
        if z is not None and z.zip is not None and not z.consumed:
            m.qual_zip, m.qual_end = z.zip, z.end
            z.consumed = True


#: Canadian provinces that are also US towns (Ontario, California): after another town, the province.
PROVINCES_NAMED_LIKE_TOWNS = frozenset({"ontario"})
#: Canadian province codes that follow a city ("vancouver bc"); not "on"/"ab" (words).
CANADIAN_CODES = frozenset("bc qc ns nb mb sk nl pei".split())


def _foreign_qualifier(m: _Mention) -> Optional[str]:
    """The country of a country/region mention outside the US, else None."""
    kinds = {(e.kind, e.country) for e in m.entries}
    if kinds and all(kind in ("country", "region") and cc != US for kind, cc in kinds):
        return next(iter(kinds))[1]
    return None


#: Words that end a place said as where one is ("kansas city mo here", "dallas tx now"), like a full stop.
AFTER_A_PLACE = frozenset("here now area rn aqui aca ahorita ahora".split())

#: Words after a state code that end what was said, as a full stop would ("aurora, co please").
_CLOSING_WORDS = AFTER_A_PLACE | frozenset("please pls plz thanks thank thx gracias porfa".split())


def _sentence_goes_on(code: str, nxt: Optional[Token]) -> bool:
    """Whether a word after a lower-case code that is also a word ("mi", "in", "co") goes on with
    the sentence ("charlotte, mi numero es...", "chicago, in my opinion"): then the code is a word."""
    return nxt is not None and nxt.is_alpha and not (nxt.lower_ in _CLOSING_WORDS and code not in ("in", "or"))


def _code_after_place(doc: Doc, g: PlaceIndex, j: int, m: _Mention, shouting: bool) -> bool:
    """Is token j (right after place ``m``, maybe after a comma) its state code?"""
    tok = doc[j]
    low = tok.lower_
    if len(low) != 2 or not tok.is_alpha or low.upper() not in g.states:
        return False
    if low not in WORD_CODES:
        return True
    # "portland or", "Washington, IN": only a town that exists in that state,
    # and not "chicago, in my opinion".
    code = low.upper()
    known = code in g.towns.get(m.key, {}) or any(
        e.state == code for e in m.entries if e.kind != "state"
    )
    nxt = doc[j + 1] if j + 1 < len(doc) else None
    # ("or" and "in" join words too often: "portland or here?", "houston in here")
    end_like = nxt is None or nxt.is_punct or nxt.text in g.zips or (nxt.lower_ in AFTER_A_PLACE and low not in ("in", "or"))
    if not known:  # "pittsburg pa": a state that is not also a common word alone
        return end_like and low in LONE_LOWER_OK and low not in ("de", "mi")
    return end_like or (tok.text.isupper() and not shouting and nxt is not None and not nxt.is_alpha)


def _code_mentions(doc: Doc, g: PlaceIndex, covered: Set[int], shouting: bool) -> List[_Mention]:
    """Two-letter state codes the pipeline leaves to context (see rule 2)."""
    out: List[_Mention] = []
    alpha = [t for t in doc if t.is_alpha]
    n = len(doc)
    for tok in doc:
        i = tok.i
        low = tok.lower_
        if i in covered or len(low) != 2 or not tok.is_alpha or low.upper() not in g.states:
            continue
        code = low.upper()
        word = low in WORD_CODES
        upper = tok.text.isupper() and not shouting
        prev = doc[i - 1] if i else None
        nxt = doc[i + 1] if i + 1 < n else None
        end_like = nxt is None or nxt.is_punct or nxt.text in g.zips
        ok = False
        city = None
        if len(alpha) == 1:
            if low == "la":
                ok = False  # "LA"/"la" alone is Los Angeles (a nickname)
            elif not word:
                ok = True
            elif upper or tok.text.isupper():
                ok = low not in NEVER_ALONE_CODES
            else:
                ok = low in LONE_LOWER_OK
        elif prev is not None and prev.text == "," and i >= 2 and doc[i - 2].is_alpha:
            city = _town_before(doc, g, i - 1, code)
            ok = (not word and low != "la") or city is not None
            if word and not tok.text.isupper() and _sentence_goes_on(low, nxt):
                ok = False  # "vivo en charlotte, mi numero...", "english, in sacramento": a word (as in _split_combo)
        elif prev is not None and prev.lower_ in CUES_EN:
            if not word:
                ok = True
            elif low not in NEVER_ALONE_CODES and low != "la":
                ok = upper or end_like
        elif prev is not None and prev.lower_ in CUES_ES:
            ok = not word or upper
        elif end_like and prev is not None and prev.is_alpha:
            city = _town_before(doc, g, i, code)
            # "mccomb ms": a code that is also a word stands after a town of its state that is not
            # otherwise found alone (as "pittsburg pa" does in _code_after_place)
            ok = not word or (city is not None and low in LONE_LOWER_OK and low not in ("de", "mi")
                              and city[1] not in COMMON_WORDS and city[1] not in COMMON_WORD_CITIES)
        if not ok:
            continue
        if city is not None:
            start, key = city
            out.append(_Mention(start, i + 1, key, (), qual_state=code, qual_end=i + 1))
        else:
            out.append(_Mention(i, i + 1, state=code))
    return out


def _town_before(doc: Doc, g: PlaceIndex, j: int, code: str) -> Optional[Tuple[int, str]]:
    """A town of state ``code`` written in the 1-3 words before token j."""
    for length in (3, 2, 1):
        s = j - length
        if s < 0 or not all(t.is_alpha for t in doc[s:j]):
            continue
        key = norm(doc[s:j].text)
        if code in g.towns.get(key, {}):
            return s, key
    return None


# ---------------------------------------------------------------------------
# Typos
# ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _fuzzy_index() -> Dict[Tuple[str, int], List[str]]:
    g = places()
    index: Dict[Tuple[str, int], List[str]] = {}
    for key in sorted(g.fuzzy_keys):
        index.setdefault((key[0], len(key)), []).append(key)
    return index


@functools.lru_cache(maxsize=1)
def _state_index() -> Dict[Tuple[str, int], List[str]]:
    g = places()
    index: Dict[Tuple[str, int], List[str]] = {}
    for key in sorted(k for k in g.state_keys if len(k) >= 4):
        index.setdefault((key[0], len(key)), []).append(key)
    return index


@functools.lru_cache(maxsize=1)
def _stop_words() -> FrozenSet[str]:
    from spacy.lang.en.stop_words import STOP_WORDS as english
    from spacy.lang.es.stop_words import STOP_WORDS as spanish

    return frozenset(english) | frozenset(spanish) | COMMON_WORDS


def _budget(length: int) -> int:
    return 1 if length <= 7 else 2


#: ``allowed(start, end)``: whether the n-gram ``words[start:end]`` may be a typo of a place.
_Allowed = Callable[[int, int], bool]


def _fuzzy_lookup(words: Sequence[str], g: PlaceIndex, states_only: bool = False,
                  allowed: Optional[_Allowed] = None) -> Optional[Tuple[int, int, str]]:
    """Best (start, end, key) for n-grams of ``words`` within the typo budget.

    ``allowed(start, end)`` may veto an n-gram (the caller's context rules).
    """
    from rapidfuzz.distance import OSA
    from rapidfuzz import process

    stop = _stop_words()
    index = _state_index() if states_only else _fuzzy_index()
    best: Optional[Tuple[Tuple[int, int, int, int], Tuple[int, int, str]]] = None
    for n in (3, 2, 1):
        for s in range(0, len(words) - n + 1):
            gram = words[s:s + n]
            if not all(w.isalpha() for w in gram):
                continue
            last, first = gram[-1], gram[0]
            if len(last) < 4 or last in stop:
                continue
            if n > 1 and first in stop and first not in PLACE_PREFIXES:
                continue
            if any(w in COMMON_WORDS and w not in PLACE_PREFIXES for w in gram):
                continue
            query = " ".join(gram)
            if len(query) < (6 if n == 1 else 7):
                continue
            if query in g.names or query in g.weak:
                continue  # a known name (already judged) is not a typo of another
            if allowed is not None and not allowed(s, s + n):
                continue
            budget = _budget(len(query))
            for length in range(len(query) - budget, len(query) + budget + 1):
                choices = index.get((query[0], length))
                if not choices:
                    continue
                hit = process.extractOne(query, choices, scorer=OSA.distance,
                                         score_cutoff=budget)
                if hit is None:
                    continue
                choice, dist = hit[0], hit[1]
                if query.startswith(choice) and query[len(choice):] != choice[-1]:
                    continue  # "venezuelans", "mexicans": a word made from the name (not "chicagoo", a key held down)
                if not states_only:  # same distance: the bigger place
                    tied = [c for c in choices if OSA.distance(query, c) == dist
                            and c.count(" ") >= query.count(" ")]
                    if not tied:
                        continue
                    choice = max(tied, key=lambda c: (_weight(g, c), c))
                rank = (dist, -len(query), s, -_weight(g, choice))
                if best is None or rank < best[0]:
                    key = g.state_keys[choice] if states_only else choice
                    best = (rank, (s, s + n, key))
    return best[1] if best else None


def _weight(g: PlaceIndex, key: str) -> int:
    """How likely a name is meant: states and countries first, then by population."""
    best = 0
    for e in g.names.get(key, ()):
        if e.kind in ("state", "country") or e.nickname:
            return 10**9
        best = max(best, e.population)
    return best


def _fuzzy_mention(doc: Doc, g: PlaceIndex, covered: Set[int]) -> Optional[_Mention]:
    tokens = [t for t in doc if t.i not in covered]
    if not tokens:
        return None
    # Runs of consecutive uncovered tokens, so n-grams never jump over a place.
    best: Optional[Tuple[int, int, str]] = None
    run: List[Token] = []
    runs: List[List[Token]] = []
    for t in tokens:
        if run and t.i != run[-1].i + 1:
            runs.append(run)
            run = []
        run.append(t)
    runs.append(run)
    short = sum(t.is_alpha for t in doc) <= 4

    for run in runs:
        words = [norm(t.text) for t in run]

        def allowed(s: int, e: int, run: List[Token] = run) -> bool:
            # A typo counts in a short reply, after "in/en/near...", or before a state.
            prev = _prev_word(doc, run[s].i)
            return short or prev in CUES_EN | CUES_ES or _state_follows(doc, g, run[e - 1].i + 1)

        hit = _fuzzy_lookup(words, g, allowed=allowed)
        if hit is None:
            continue
        s, e, key = hit
        if best is None:
            best = (run[s].i, run[e - 1].i + 1, key)
    if best is None:
        return None
    start, end, key = best
    return _name_mention(start, end, key, g.names[key], method="fuzzy")


# ---------------------------------------------------------------------------
# Interpretation and choice
# ---------------------------------------------------------------------------


def _entries_for(g: PlaceIndex, key: str) -> Tuple[Entry, ...]:
    return g.names.get(key, ()) + g.weak.get(key, ())


def _interpret(doc: Doc, g: PlaceIndex, m: _Mention) -> Optional[Place]:
    matched = doc[m.start:m.stop].text
    if not m.entries and not m.key:
        if m.zip is not None:
            return _zip_place(g, m.zip, matched)
        if m.state:
            return _state_place(g, m.state, matched, m.method)
        return None
    place: Optional[Place]
    if m.qual_country:
        there = [e for e in m.entries if e.kind == "city" and e.country == m.qual_country]
        if there:
            place = _entry_place(g, max(there, key=lambda e: e.population), matched, m.method)
        else:  # a town the gazetteer holds only in the US, said with its province: the town as said, abroad
            town = next((e.city for e in m.entries if e.city), None) or doc[m.start:m.end].text.title()
            place = Place(g.countries.get(m.qual_country, m.qual_country), m.qual_country, city=town, matched=matched, method=m.method)
    elif m.qual_state:
        place = _with_state(g, m, m.qual_state, matched)
    elif m.needs_state:
        return None
    else:
        place = _pick(g, m.entries, matched, m.method)
    if place is None:
        return None
    z = m.qual_zip
    if z is not None:
        if place.in_us and (place.state in (None, z.state)) and (
            place.state is not None or z.state in place.candidates
        ):
            city = place.city if place.city and norm(place.city) == norm(z.city) else z.city
            place = replace(place, state=z.state, state_name=g.states[z.state], city=city,
                            county=z.county, zip=z.zip, candidates=())
    return place


def _with_state(g: PlaceIndex, m: _Mention, code: str, matched: str) -> Place:
    same = [e for e in m.entries if e.country == US and e.state == code and e.kind != "state"]
    if same:
        best = max(same, key=lambda e: (_RANK.get(e.kind, 0), e.population, e.zips))
        return _entry_place(g, best, matched, m.method)
    town = g.towns.get(m.key, {}).get(code)
    if town is not None:
        return _town_place(g, town, matched, m.method)
    # "pittsburg pa": a misspelt city of that state.
    near = _fuzzy_in_state(g, m.key, code)
    if near is not None:
        return _entry_place(g, near, matched, "fuzzy")
    if code == "LA":
        # "van nuys, LA", "compton LA": Los Angeles, the city's nickname, after a place of California
        # and of no town in Louisiana
        in_ca = [e for e in m.entries if e.country == US and e.state == "CA" and e.kind != "state"]
        if in_ca:
            return _entry_place(g, max(in_ca, key=lambda e: (_RANK.get(e.kind, 0), e.population, e.zips)), matched, m.method)
        town = g.towns.get(m.key, {}).get("CA")
        if town is not None:
            return _town_place(g, town, matched, m.method)
    return _state_place(g, code, matched, m.method)


@functools.lru_cache(maxsize=64)
def _state_cities(code: str, weak: bool = False) -> Dict[str, Entry]:
    out: Dict[str, Entry] = {}
    for key, e in places().cities_in(code, weak):
        if e.country == US and (e.population or e.zips >= 3):
            out[key] = e
    return out


def _fuzzy_in_state(g: PlaceIndex, key: str, code: str, weak: bool = False) -> Optional[Entry]:
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    if not key or len(key) < 5 or key in COMMON_WORDS:
        return None
    cities = _state_cities(code, weak)
    budget = _budget(len(key))
    choices = [k for k in cities if k[0] == key[0] and abs(len(k) - len(key)) <= budget]
    hit = process.extractOne(key, choices, scorer=OSA.distance, score_cutoff=budget)
    return cities[hit[0]] if hit else None


def _pick(g: PlaceIndex, entries: Sequence[Entry], matched: str, method: str) -> Optional[Place]:
    """One meaning for a name written without a state (rule 4)."""
    if not entries:
        return None
    nick = [e for e in entries if e.nickname]
    if nick:
        return _entry_place(g, nick[0], matched, "nickname" if method == "exact" else method)
    for kind in ("state", "country", "region"):
        found = [e for e in entries if e.kind == kind]
        if found:
            # A region that is also a city there ("Chihuahua", "Tijuana"): the city.
            city = [e for e in entries if e.kind == "city" and e.country == found[0].country]
            if kind == "region" and city:
                found = sorted(city, key=lambda e: -e.population)
            return _entry_place(g, found[0], matched, method)
    cities = [e for e in entries if e.kind == "city"]
    if cities:
        us_cities = [e for e in cities if e.country == US]
        world = [e for e in cities if e.country != US]
        if world:
            top_world = max(world, key=lambda e: e.population)
            top_us = max((e.population for e in us_cities), default=-1)
            if top_us < 100_000 and top_us * 5 < top_world.population:
                return _entry_place(g, top_world, matched, method)
        return _pick_us(g, us_cities, matched, method)
    counties = sorted((e for e in entries if e.kind == "county"), key=lambda e: -e.zips)
    if counties:
        top = counties[0]
        if len(counties) == 1 or top.zips >= 2 * counties[1].zips:
            return _entry_place(g, top, matched, method)
        close = tuple(_us_state(e) for e in counties if e.zips * 2 >= top.zips)
        return Place(UNITED_STATES, US, county=top.county, matched=matched, method=method,
                     candidates=close)
    return None


def _pick_us(g: PlaceIndex, cities: Sequence[Entry], matched: str, method: str) -> Place:
    best_by_state: Dict[str, Entry] = {}
    for e in cities:
        prev = best_by_state.get(_us_state(e))
        if prev is None or (e.population, e.zips) > (prev.population, prev.zips):
            best_by_state[_us_state(e)] = e
    ranked = sorted(best_by_state.values(), key=lambda e: (-e.population, -e.zips, _us_state(e)))
    top = ranked[0]
    if top.zips:
        # A smaller name with no ZIP code of its own is a neighbourhood (Brownsville, Brooklyn),
        # not a town a visitor means beside the city of that name (Brownsville, TX).
        ranked = [e for e in ranked if e.zips or e is top]
    if top.population > 0:
        threshold = max(min(50_000, top.population / 2), top.population / 15)
        close = [e for e in ranked if e.population >= threshold]
    else:
        close = [e for e in ranked if e.zips >= max(2, top.zips / 3)] or ranked
    if len(close) == 1:
        return _entry_place(g, close[0], matched, method)
    return Place(UNITED_STATES, US, city=top.city, matched=matched, method=method,
                 candidates=tuple(_us_state(e) for e in close))


def _us_state(e: Entry) -> str:
    """The state of a US city or county: the gazetteer gives every one a state."""
    assert e.state is not None, e
    return e.state


def _entry_place(g: PlaceIndex, e: Entry, matched: str, method: str) -> Place:
    if e.country != US:
        return Place(g.countries.get(e.country, e.country), e.country, city=e.city,
                     matched=matched, method=method)
    return Place(UNITED_STATES, US, e.state, g.states.get(e.state) if e.state else None,
                 e.city, e.county, None, matched, method)


def _town_place(g: PlaceIndex, town: Town, matched: str, method: str) -> Place:
    return Place(UNITED_STATES, US, town.state, g.states[town.state], town.name, town.county,
                 None, matched, method)


def _state_place(g: PlaceIndex, code: str, matched: str, method: str) -> Place:
    city = "Washington" if code == "DC" else None
    return Place(UNITED_STATES, US, code, g.states[code], city, None, None, matched, method)


def _zip_place(g: PlaceIndex, z: ZipInfo, matched: str) -> Place:
    return Place(UNITED_STATES, US, z.state, g.states[z.state], z.city, z.county, z.zip,
                 matched, "zip")


def _rank(place: Place) -> int:
    if place.zip:
        return _RANK["zip"]
    if place.city:
        return _RANK["city"]
    if place.county:
        return _RANK["county"]
    if place.state or place.candidates:
        return _RANK["state"]
    return _RANK["country"]


def _cue_score(doc: Doc, start: int, place: Place) -> int:
    prev = _prev_word(doc, start)
    window = {t.lower_ for t in doc[max(0, start - 5):start]}
    score = 0
    if prev in ORIGIN or window & {"originally", "born"}:
        score -= 1
    elif prev == "outside" and place.city is None:
        score -= 1
    elif prev in CUES_EN | CUES_ES:
        score += 1
    if window & RESIDENCE:
        score += 2
    return score


def _choose(cands: List[_Candidate]) -> Place:
    best = max(cands, key=lambda c: (c.score, -c.start))
    place = best.place
    # A more specific place in the same state/country replaces it.
    better = [
        c for c in cands
        if c is not best and c.rank > best.rank and _consistent(place, c.place)
    ]
    if better:
        place = max(better, key=lambda c: (c.rank, c.score, -c.start)).place
    # A state named elsewhere settles an ambiguous city.
    if place.candidates:
        for c in cands:
            if c.place.state in place.candidates and c.place.city is None:
                settled = resolve_with_state(place, c.place.state)
                if settled is not None:
                    return settled
        # "sussex county delaware, i work in georgetown": a smaller town of that name in the state
        # named, else the state named (more than a guess among other states)
        for c in cands:
            if c.place.state and c.place.city is None and c.place.country_code == place.country_code:
                return resolve_with_state(place, c.place.state) or c.place
    return place


def _consistent(general: Place, specific: Place) -> bool:
    if general.country_code != specific.country_code:
        return False
    if general.candidates:
        return specific.state in general.candidates and specific.city is not None and (
            norm(specific.city) == norm(general.city or "")
        )
    if general.state is None:
        return general.city is None
    return specific.state == general.state and (general.city is None or bool(specific.zip))


@functools.lru_cache(maxsize=256)
def _country_tz(cc: str) -> Optional[str]:
    try:
        import pytz
    except ImportError:  # pragma: no cover - pytz comes with Rasa
        return None
    zones = pytz.country_timezones.get(cc) or []
    return zones[0] if len(zones) == 1 else None

