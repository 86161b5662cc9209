"""What each place in a message is to the visitor, and so where the visitor is.

``visitor_location("my brother is detained in Texas but I live in Ohio")`` ->
(Ohio, "self").  A visitor's first message often names several places, and
most of them are not where the visitor is: a relative's country ("my brother
in Honduras"), a country of origin ("TPS from El Salvador"), a trip ("can I
travel to Mexico"), a consulate, a court, a detention centre.  A place is the
visitor's location only when the message says so.

Roles (:data:`ROLES`):

* ``self``: "I live in", "I'm in/at", "we're in", "here in", "located in",
  "I'm calling from", "vivo/vivimos/estoy/estamos en", "aqui/aca en", a ZIP
  code or a street address that has no other role;
* ``detained``: where someone is held: "taken/transferred/sent to", "held
  in", "is detained in", "detention/processing center", "jail", "custody",
  "está detenido en", "lo llevaron a";
* ``origin``: "from", "soy de", "back home", "my country", "born in", "TPS
  for", "citizen of", "deported to", "left Honduras";
* ``relative``: "my brother in", "my mom lives in", "my husband is in",
  "he/she/they are in", "I have family in";
* ``trip``: "travel/go/fly/move to", "visit", "trip to", "viajar a";
* ``court``: "court/hearing/judge in", "my court is in", "tengo corte en";
* ``consulate``: "consulate/embassy in", "visa interview in";
* ``unclear``: no cue, or a cue that does not say whose place it is ("ICE
  took my husband in Chicago", "raids in Houston", "he was arrested in
  Dallas", "we moved to Houston").  The assistant asks "Are you in Chicago
  now?" rather than guessing.

Method.  The project's spaCy pipeline is ``spacy.blank("en")`` plus one
``entity_ruler`` (``nlp.pipe_names == ["entity_ruler"]``): no tagger, no
parser, no lemmatizer.  A ``DependencyMatcher`` needs a dependency parse, so
it would mean adding a trained parser: a model package the build does not
have (nothing is downloaded), several milliseconds a message, and a parser
trained on news text reading frightened, lower-case Spanglish chat.  A token
``Matcher`` would find the cue phrases, but the decision is positional (the
cue nearest to each place on its left, the subject right before "is/lives",
whether "my husband" is the object of "took", where the clause or the
previous place ends), which is the same plain Python either way; and patterns
added to the pipeline would change the built artefact that the resolver and
its tests pin down.  So this module reads cue words around the mention spans
that :func:`bot.places.resolver.mentions` already resolved (typos, nicknames, "city,
ST", ZIP codes), on its own light tokenisation of the message (lower case,
accents folded, "I'm"/"im" -> "i am", "he's" -> "he is").

For each place, in order:

1. Words right after it name a facility ("Otay Mesa detention center",
   "Houston immigration court", "the US embassy", "Honduras TPS") or say
   "..., where I live".
2. Otherwise the words before it, back to the previous place or the start of
   the clause (". ! ? ;", "but", "pero"; at most 10 words), are read from
   the place leftwards and the first cue met decides.  Verbs of being and
   living ("is", "are", "live", "lives", "está", "vive") take the role of
   their subject, the word just before them: "I/we" -> self, "my brother",
   "he" -> relative, "my court" -> court; "am", "estoy", "vivo", "vivimos"
   are the visitor's own.  "is/are/am/estoy" count only when a place word
   follows them ("I'm in", "I'm at", "estoy en"; "I'm from" is origin,
   "I'm going to" a trip).  A verb without a subject ("live in Houston",
   "located in Dallas") is the visitor's; "lives in" or "is in" without one
   is unclear.  "Detained" is where someone is held after "is/been/still"
   ("my husband is detained in Texas") and an arrest, so unclear, after
   "was/got" or an agent ("ICE detained him in Chicago").  A negation ("I
   don't live in Houston anymore") leaves the place unclear.
3. A place right after another with only "," / "in" / "near" / "and" between
   keeps the first one's role ("I'm in Texas, in Houston").
4. A ZIP code or a street address with no other role is the visitor's.

:func:`visitor_location` then takes the self places (the most specific,
through :func:`bot.places.resolver.choose`); failing those, the most specific US
place with an unclear role; failing those, none.

Known limits: no real syntax, so long sentences where the cue and the place
are far apart, or cues inside relative clauses about someone else, can be
misread (a wrong role is mostly ``unclear``, which only costs a question);
past tense is read only for "was/got detained", "we were in" and "lived in"
(``unclear``); "we moved to Houston" and "I work in Houston" are unclear on
purpose; a place the resolver does not know (many detention centres: "Otay
Mesa", "Krome") is not a mention at all.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

from bot.places import resolver
from bot.places.placedb import places
from bot.places.gazetteer import Town
from bot.places.names import COMMON_WORD_CITIES, COMMON_WORDS, HOME_WORDS, OWN_HOME, US, norm
from bot.places.place import UNITED_STATES, Place

ROLES = ("self", "detained", "origin", "relative", "trip", "court", "consulate", "unclear")

SELF, DETAINED, ORIGIN, RELATIVE, TRIP, COURT, CONSULATE, UNCLEAR = ROLES


@dataclass(frozen=True)
class PlaceMention:
    """A place as said in a message, and what it is to the visitor."""

    text: str
    role: str
    place: Place
    start: int = field(default=-1, compare=False)
    end: int = field(default=-1, compare=False)


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


#: A visa class's word right after a two-letter name: "TN letter", "TN visa", "TN status".
_VISA_AFTER = re.compile(r"[\s-]*(?:letter|visa|status|category|worker|holder|professional|application)\b", re.IGNORECASE)


def mentions(text: str) -> List[PlaceMention]:
    """Every place the message names, in order, each with its role (see the module docstring)."""
    found = resolver.mentions(text)
    if not found:
        return []
    toks = _tokens(text)
    out: List[PlaceMention] = []
    prev_end = 0  # token index where the previous place ended
    prev_role: Optional[str] = None
    prev_place: Optional[Place] = None
    for start, end, place in found:
        if _VISA_AFTER.match(text, end) and re.fullmatch(r"[A-Za-z]{1,2}", text[start:end]):
            continue  # "a TN letter", "TN visa": a visa class, not Tennessee
        ts = next((i for i, t in enumerate(toks) if t.end > start), len(toks))
        te = next((i for i, t in enumerate(toks) if t.start >= end), len(toks))
        role = _role(toks, ts, te, prev_end, prev_role, prev_place, place)
        out.append(PlaceMention(text[start:end], role, place, start, end))
        prev_end, prev_role, prev_place = max(te, ts), role, place
    return out


def visitor_location(text: str) -> Tuple[Optional[Place], str]:
    """Where the visitor is, by what the message says.

    (place, "self") when the message says the visitor is there; (place,
    "unclear") when the only candidates have no clear role (the most specific
    US one, to ask about); (None, "other") when every place has another role;
    (None, "none") when no place is named.
    """
    found = mentions(text)
    here = _FROM_AND_LIVE_HERE.search(text or "")
    if here is not None:
        # "soy de medellín y vivo acá": the place they are from is where they live
        origin = [m for m in found if m.role == ORIGIN and m.end <= here.start() + 1 and here.start() - m.end <= 3]
        if origin:
            return origin[-1].place, SELF
    return location_among(found, text)


#: "soy de medellín y vivo acá", "i'm from cali and i live here": from there, and living there now.
_FROM_AND_LIVE_HERE = re.compile(r",?\s+(?:y|and)\s+(?:vivo|vivimos|i live|we live|i still live|todav[ií]a vivo|sigo viviendo)\s+"
                                 r"(?:ac[aá]|aqu[ií]|here|there|all[aá]|ah[ií])\b", re.IGNORECASE)


#: The visitor deported themself: "a mi me deportaron", "I was deported", "I got deported back".
_SENT_BACK = re.compile(r"\b(?:me deportaron|fui deportad[oa]|i (?:was|got) (?:deported|removed|sent back))\b", re.IGNORECASE)


#: After a trip's place, the visitor said to be there now: "now im stuck here", "y ahora estoy atorado aqui".
_STUCK_THERE = re.compile(
    r"\b(?:i'?m|im|i am|we'?re|we are|estoy|estamos|me quede|me quedé|nos quedamos)\s+(?:still\s+|todav[ií]a\s+)?"
    r"(?:stuck|stranded|atorad[oa]s?|atrapad[oa]s?|varad[oa]s?)\s+(?:here|there|aqu[ií]|all[aá]|ac[aá])\b",
    re.IGNORECASE)


#: "i live in san antnio": a residence cue followed by a name the running-text
#: reader did not find (it matches names exactly); the words after the cue are
#: resolved like an answer to "Where are you?", which forgives typos.
_HOME_CUE = re.compile(
    r"\b(?:i|we)\s+(?:live|am living|are living|'?m living|'?re living)\s+in\s+|\b(?:vivo|vivimos)\s+en\s+"
    # "im home now in worthington", "ya estoy en mi casa en postville": home, in the town
    r"|\b(?:i\s*'?m|i am|we\s*'?re|we are)\s+(?:back\s+|safe\s+|at\s+)?home\s+(?:now\s+|already\s+|safe\s+)?in\s+"
    r"|\b(?:estoy|estamos)\s+(?:ya\s+)?en\s+(?:mi|la|nuestra)\s+casa\s+(?:ahora\s+|ya\s+)?en\s+",
    re.IGNORECASE)
_CUE_WORDS = re.compile(r"[a-záéíóúñü][\w'-]*(?:\s+[a-záéíóúñü][\w'-]*){0,2}", re.IGNORECASE)


def _misspelt_home(text: str, found: Sequence[PlaceMention]) -> Optional[Place]:
    for cue in _HOME_CUE.finditer(text):
        if any(m.start >= cue.end() and m.start - cue.end() <= 1 for m in found):
            continue  # the name was read, with its own role
        words = _CUE_WORDS.match(text, cue.end())
        if words is None:
            continue
        place = resolver.resolve(words.group(0))
        if place is not None and place.method == "fuzzy":
            return place
        if place is None:
            settled = _town_in_state_named(words.group(0).split(), found)
            if settled is not None:
                return settled
            # "we live in doraville": a small town of one state, after a cue that says it is home
            town = town_of_one_state(words.group(0), capitalised=False)
            if town is not None:
                return town
    for cue in _HERE_CUE.finditer(text):
        if any(m.start >= cue.end() and m.start - cue.end() <= 1 for m in found):
            continue
        town = town_of_one_state(text[cue.end():])
        ended = _NAME_ENDS_CLAUSE.match(text, cue.end())
        if town is None and ended is not None:
            # "we are still in forest.", "im in havre": a town typed in lower case, where the clause ends with it
            town = town_of_one_state(ended.group(1), capitalised=False)
            if town is not None and norm(town.city or "") != norm(ended.group(1)):
                town = None
        if town is not None:
            return town
    return None


#: One to three words that end their clause: "havre.", "forest, with the kids", "worthington and".
_NAME_ENDS_CLAUSE = re.compile(r"([^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*){0,2}?)\s*(?:[.,;!?]|$|\s+(?:and|with|y|con|too|tambi[eé]n|rn|now|ahora|ahorita)\b)",
                               re.IGNORECASE)


#: "yo estoy aqui en Postville", "I'm in Cactus": the visitor's own place said with a cue.
_HERE_CUE = re.compile(
    r"\b(?:i\s*'?m|i am|we\s*'?re|we are|(?:i|we)\s+(?:live|stay|are staying|'?m staying|'?re staying)|estoy|estamos|vivo|vivimos)"
    r"(?:\s+(?:here|right now|now|still|aqu[ií]|ac[aá]|ahorita|ahora|todav[ií]a|a[uú]n))?\s+(?:in|en)\s+",
    re.IGNORECASE)
_ANY_WORDS = re.compile(r"[^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*){0,2}")
#: A capitalised name of up to three words right after the cue.
_CAPITALISED = re.compile(r"[A-ZÁÉÍÓÚÑ][\w'-]*(?:\s+[A-ZÁÉÍÓÚÑ][\w'-]*){0,2}")


def town_of_one_state(after: str, capitalised: bool = True) -> Optional[Place]:
    """A town too small for the resolver alone, said (capitalised, unless ``capitalised`` is False:
    an answer to "Where are you?") right after "I'm in" or "estoy en", when towns of that name are in
    one state only ("estoy en Postville": Postville, IA); where several states have one ("we live in
    worthington"), the town with those states as candidates, biggest first (the phone's area code or
    "Which state?" settles it, as for "Springfield")."""
    said = (_CAPITALISED if capitalised else _ANY_WORDS).match(after)
    if said is None:
        return None
    words = said.group(0).split()
    towns = places().towns
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n])
        if norm(name) in COMMON_WORDS or norm(name) in COMMON_WORD_CITIES:
            continue  # "I'm in Shock"
        states = towns.get(norm(name), {})
        if len(states) == 1:
            return _town_in_state(name, next(iter(states)))
        if len(states) > 1:
            return _town_of_several(states)
    return None


def _town_of_several(states: Dict[str, Town]) -> Place:
    """A town name several states have: the biggest (by ZIP codes) when none comes near it, else
    the name with those states as candidates."""
    ranked = sorted(states.values(), key=lambda t: -t.zips)
    first, second = ranked[0], ranked[1]
    if second.zips * NAMESAKE_SHARE < first.zips:
        return _town_in_state(first.name, first.state) or _ambiguous(ranked)
    return _ambiguous(ranked)


def _ambiguous(ranked: Sequence[Town]) -> Place:
    return Place(UNITED_STATES, US, None, None, ranked[0].name, None, None, ranked[0].name, "exact",
                 tuple(t.state for t in ranked))


#: A namesake town counts beside another when it has at least this share of the other's ZIP codes (as 1/N).
NAMESAKE_SHARE = 8


def town_beyond_candidates(place: Place, states: Sequence[str]) -> Optional[Place]:
    """An ambiguous city ("woodbridge": California or New Jersey, by the big-city names) in one of
    ``states`` (named elsewhere, or the phone's) when only the ZIP data knows a town of that name
    there (Woodbridge, VA), and it is not far smaller than the candidates' towns."""
    towns = places().towns.get(norm(place.city or ""), {})
    biggest = max((towns[c].zips for c in place.candidates if c in towns), default=0)
    there = [towns[s] for s in dict.fromkeys(states) if s in towns and towns[s].zips * NAMESAKE_SHARE >= biggest]
    if len(there) != 1:
        return None
    return _town_in_state(there[0].name, there[0].state)


#: "lexington (the one by kearney)", "aurora near chicago": a place said as near another.
_NEAR = re.compile(r"^[\s,(]*(?:the one\s+)?(?:near|by|outside(?: of)?|close to|next to|right by|cerca de|junto a)\s+$", re.IGNORECASE)


def _town_near(mention: PlaceMention, found: Sequence[PlaceMention], text: str) -> Place:
    """The visitor's town, moved to the state of the place it is said to be near when the
    name was read as its best-known namesake ("lexington by kearney" is Lexington, NE)."""
    place = mention.place
    if not text or not place.city or place.candidates or norm(mention.text) != norm(place.city):
        return place
    near = next((m for m in found if m.start >= mention.end and _NEAR.match(text[mention.end:m.start])), None)
    if near is None or not near.place.in_us or not near.place.state or near.place.state == place.state:
        return place
    return _town_in_state(place.city, near.place.state) or place


def _town_said_with_state(mention: PlaceMention, found: Sequence[PlaceMention]) -> Place:
    """The visitor's town said bare, moved to the state the same town has where the message
    names it with one ("arrested him in gainesville georgia ... we live in gainesville too")."""
    place = mention.place
    if not place.city or norm(mention.text) != norm(place.city):
        return place
    return next((m.place for m in found if m is not mention and m.place.city and norm(m.place.city) == norm(place.city)
                 and m.place.state and m.place.state != place.state and norm(m.text) != norm(m.place.city)), place)


def _town_in_the_state_said(mention: PlaceMention, found: Sequence[PlaceMention]) -> Place:
    """The visitor's town said bare and read as a town abroad, in the one US state the message
    names elsewhere when a town of that name is there ("the butler county jail in ohio ... we are
    in hamilton": Hamilton, OH, not Hamilton, Canada)."""
    place = mention.place
    if not place.city or place.in_us or norm(mention.text) != norm(place.city):
        return place  # a US town stands ("i live in dallas, my court is in atlanta")
    states = {m.place.state for m in found if m is not mention and m.place.in_us and m.place.state}
    if len(states) != 1 or any(m.place.country_code == place.country_code and not m.place.city for m in found if m is not mention):
        # ("detained at JFK when he flew back from jamaica ... im still in kingston": the town's own country is named)
        return place
    return _town_in_state(place.city, states.pop()) or place


def _town_in_state(name: str, state: str) -> Optional[Place]:
    """The town of that name in that state, or None (the state alone is not a town)."""
    place = resolver.resolve(f"{name}, {state}")
    return place if place is not None and place.city and norm(place.city) == norm(name) else None


def _town_in_state_named(words: Sequence[str], found: Sequence[PlaceMention]) -> Optional[Place]:
    """"court in omaha ... i live in schuyler": a town too small to know alone, in the one
    state another place of the message is in (the town's name as said, nothing after it)."""
    states = {m.place.state for m in found if m.place.in_us and m.place.state}
    if len(states) != 1:
        return None
    state = states.pop()
    return next((town for n in range(len(words), 0, -1) if (town := _town_in_state(" ".join(words[:n]), state))), None)


#: Words that put a danger where the visitor is ("outside my house", "aquí").
_HERE_WORDS = re.compile(
    r"\b(?:here|aqui|aquí|aca|acá|outside|afuera|my (?:house|home|door|apartment|job|work|building)|mi (?:casa|puerta|trabajo|apartamento))\b",
    re.IGNORECASE)


#: Words that put a danger back in the country left ("the gangs there", "en mi país").
_THERE_WORDS = re.compile(r"\b(?:there|over there|back home|alla|allá|alli|allí|in my country|en mi pa[ií]s)\b", re.IGNORECASE)


#: "can he come here and ask for asylum": here is the US, the danger still there.
_COME_HERE = re.compile(r"\b(?:come|coming|get|bring \w+|venir|vengan?|traer\w*) (?:here|aqui|aquí|aca|acá)\b", re.IGNORECASE)


#: Harm threatened or done to the visitor, where they are: "he will hurt me", "me va a matar".
_HARM_TO_ME = re.compile(
    r"\b(?:hurt|kill|hit|hits|beat|beats|punch\w*|stab|shoot|choke\w*|rape)\s+me\b"
    r"|\bme\s+(?:pega|golpea|va a matar|quiere matar|mata|amenaza|lastima|va a lastimar|va a pegar)\b", re.IGNORECASE)


def danger_abroad(text: str) -> bool:
    """Whether every place a message names is someone's place outside the US (a relative's,
    the country left), with nothing placing the danger where the visitor is: "my parents
    are still in Baghdad and in danger", "the gangs beat my son in Guatemala"."""
    found = mentions(text)
    if _HARM_TO_ME.search(text or "") and not any(m.role == SELF for m in found):
        return False  # "the man said if I try to leave he will hurt me and send people to my family in Manila"
    here = _HERE_WORDS.search(_COME_HERE.sub(" ", text or ""))
    # The country left is where the danger is only when the message puts it there: "my uncle
    # brought me from Ecuador, he hits me" is danger here.
    roles = (ORIGIN, RELATIVE, TRIP, UNCLEAR) if _THERE_WORDS.search(text or "") else (RELATIVE, TRIP, UNCLEAR)
    return bool(found) and all(not m.place.in_us and m.role in roles for m in found) and not here


def location_among(found: Sequence[PlaceMention], text: str = "") -> Tuple[Optional[Place], str]:
    """``visitor_location`` for mentions already read from ``text`` (so a message is read once)."""
    own = [m.place for m in found if m.role == SELF]
    now = [m for m in found if m.role == SELF and m.start >= 0 and _said_as_now(text, m.start)]
    if own:
        mention: Optional[PlaceMention]
        if len(set(own)) > 1 and len({m.place for m in now}) == 1:
            mention = now[0]  # "vivo en el paso pero ahorita estoy en juarez": where they are right now
        else:
            chosen = resolver.choose(own)
            mention = next((m for m in found if m.role == SELF and m.place == chosen), None)
            if mention is None:
                return chosen, SELF
        for settle in (_town_said_with_state, _town_in_the_state_said, lambda m, f: _town_near(m, f, text),
                       lambda m, f: _place_then_its_city(m, f, text)):
            settled = settle(mention, found)
            if settled != mention.place:
                return settled, SELF
        return mention.place, SELF
    home = _misspelt_home(text, found) if text else None
    if home is not None:
        return home, SELF
    trips = [m for m in found if m.role == TRIP]
    if len(trips) == 1 and _STUCK_THERE.search(text[trips[0].end:]):
        # "i went to mexico city for the visa stamping ... now im stuck aqui": the trip's place is where they are
        return trips[0].place, SELF
    sent_back = _SENT_BACK.search(text) if text else None
    origins = [m for m in found if m.role == ORIGIN and not m.place.in_us]
    if sent_back is not None and len({m.place for m in origins}) == 1 and 0 <= origins[0].start - sent_back.end() <= 40:
        # "a mi me deportaron hace 2 semanas a guatemala": the visitor is where they were sent
        return origins[0].place, SELF
    if not found:
        return None, "none"
    unclear = [(i, m.place) for i, m in enumerate(found) if m.role == UNCLEAR]
    if unclear:
        best = max(unclear, key=lambda ip: (ip[1].in_us, _specificity(ip[1]), -ip[0]))
        return _place_then_its_city(found[best[0]], found, text), UNCLEAR
    return None, "other"


#: Between a neighbourhood and its city: "kensington, philly", "sunnyside, en el condado de yakima".
#: ("el barrio hollywood de tucson": the neighbourhood "de" its city)
_THEN_ITS_CITY = re.compile(r"^\s*(?:,\s*|\s)(?:(?:in|en|near|cerca de|de|of)\s+)?(?:(?:el|la|the)\s+)?(?:condado\s+de\s+)?$", re.IGNORECASE)


def _place_then_its_city(mention: PlaceMention, found: Sequence[PlaceMention], text: str) -> Place:
    """A town said first, then right after it a city or county of another state ("kensington,
    philly"): the town of that name in that state, else the city it names (a neighbourhood's)."""
    place = mention.place
    if not text or not place.city or not place.in_us:
        return place
    after = next((m for m in found if m.start >= mention.end and _THEN_ITS_CITY.match(text[mention.end:m.start])), None)
    if after is None or not after.place.in_us or not after.place.state or after.place.state == place.state \
            or not (after.place.city or after.place.county):
        return place
    if place.method == "nickname" and after.place.city:
        return after.place  # "the south side of milwaukee": a part of the city named after it, not Chicago's
    town = _town_in_state(place.city, after.place.state)
    if town is not None:
        return town
    # a neighbourhood of the bigger city after it ("kensington, philly"), not "seattle, capitol hill"
    return after.place if after.place.city and town_zips(after.place) > town_zips(place) else place


def town_zips(place: Place) -> int:
    """How many ZIP codes a US town has (0 if unknown): its size, to tell a city from a neighbourhood."""
    town = places().towns.get(norm(place.city or ""), {}).get(place.state or "")
    return town.zips if town else 0


#: Words that place the visitor right now, in the clause before the place ("right now im staying with
#: my sister in", "pero ahorita estoy en casa de mi hermana en").
_SAID_AS_NOW = re.compile(r"\b(?:rn|right now|currently|at the moment|ahorita|ahora(?: mismo)?|en este momento|actualmente|por ahora)\b",
                          re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"\b(?:but|pero|though|tho|aunque)\b|[.;!?]", re.IGNORECASE)


def _said_as_now(text: str, start: int) -> bool:
    return bool(_SAID_AS_NOW.search(_CLAUSE_BREAK.split(text[max(0, start - 70):start])[-1]))


# ---------------------------------------------------------------------------
# Words
# ---------------------------------------------------------------------------


def _words(text: str) -> FrozenSet[str]:
    return frozenset(text.split())


BOUNDARY = _words(". ! ? ; : but pero however although though aunque sino")
#: The visitor staying at someone's place: where they are ("im staying with my sister in", "estoy en casa de mi tía en").
_STAYING = re.compile(
    r"\b(?:i'?m|im|i am|we'?re|we are|estoy|estamos|me estoy|nos estamos|me quedo|nos quedamos)\s+(?:\w+\s+){0,2}?(?:staying|stayin|quedando|hiding|escondid[oa]s?)\b"
    r"|\b(?:estoy|estamos)\s+(?:\w+\s+)?en (?:la )?casa de\b|\b(?:i'?m|im|i am|we'?re|we are)\s+(?:\w+\s+)?at (?:my|our) \w+(?:'s)? (?:house|place)\b"
    # ("now im hiding at my sister's in fresno": her place, where the visitor is)
    r"|\b(?:i'?m|im|i am|we'?re|we are)\s+(?:\w+\s+){0,2}?at (?:my|our) \w+ ?'s (?:in|en)$")
LEFT_FROM = _words("from desde came left fled sali salimos vine vinimos")
ADVERBS = _words(
    """still currently now right also all both already actually really just presently
    temporarily usually mostly over there ya todavia aun ahora ahorita actualmente tambien
    todos ambos"""
)
NEGATION = _words("not no never nunca longer anymore dont")
#: Words after "is/am/estoy" that make it a statement of place.
LOC_PREPS = _words(
    "in at near outside around inside by en cerca afuera here aqui aca there alla alli out down up por"
)
#: "30 minutes from", "an hour away from"
DISTANCE = _words(
    "minutes minute mins min miles mile hours hour hrs km kilometers kilometros millas minutos horas"
)
#: Doing something from a place is being there ("i work remote from austin").
REMOTE = _words("remote remotely handling helping doing managing working writing")
#: A trip still to make from a place starts where one is: "im driving down from orlando to see her tomorrow".
SETTING_OUT = _words("driving drive flying fly heading coming leaving manejando viajando saliendo")
NOT_YET = _words("tomorrow tonight later weekend manana mañana luego pronto")
FIRST_PERSON = _words("i im we were voy vamos estoy estamos")
CITIZEN = _words("citizen citizens ciudadano ciudadana ciudadanos")
GREETINGS = _words("hi hello hey hola greetings saludos ok okay yes si buenas buenos good morning")
CALLING = _words(
    """calling call writing write texting text messaging message contacting contact reaching
    chatting emailing typing llamo llamando hablo hablando escribo escribiendo escribiendole
    comunico"""
)
FIRST = _words("i we me us yo nosotros nosotras myself")
THIRD = _words("he she they him her them el ella ellos ellas")
RELATIVES = _words(
    """brother brothers bro brotha borther brohter sister sisters sis mom moms mother
    mothers mama mami mommy mum mamma dad dads father fathers papa papi daddy parents parent
    husband husbands hubby husbnd husban huband wife wifes wives wifey spouse partner son sons
    daughter daughters kid kids child children baby babies cousin cousins uncle uncles aunt
    aunts aunty auntie grandma grandmother grandpa grandfather grandparents grandson
    granddaughter grandkids grandchildren nephew nephews niece nieces family relatives
    relative fiance fiancee boyfriend girlfriend friend friends stepson stepdaughter
    stepmom stepdad stepfather stepmother sibling siblings hermano hermanos hermana hermanas
    hermanito hermanita madre padre padres papas mamas esposo esposa esposos marido hijo hijos
    hija hijas hijito hijita primo prima primos primas tio tia tios tias abuelo abuela abuelos
    abuelita abuelito sobrino sobrina sobrinos nieto nieta nietos familia familiares novio
    novia pareja prometido prometida amigo amiga amigos amigas suegro suegra suegros cunado
    cunada bebe
    brothr bruther sistr sistar husbund huzband hubsand housband wive wiffe daugther doughter
    dauther cousing cuzin cuz neice nefew familly famly fam granma gramma
    esposa hermno ermano"""
)
#: Words between a possessive and a relative ("my older brother", "my 2 kids").
NOUN_SKIP = _words(
    """my our his her their your mi mis su sus nuestro nuestra nuestros nuestras the el la los
    las a an un una older younger little big oldest youngest mayor menor baby two three four
    2 3 4 own"""
)
#: ... and the ICE office the case's check-in is at ("presentarme en la oficina de ICE en memphis", "ir a
#: firmar a memphis"): the case's place, not where the visitor is (asked).
COURT_WORDS = _words(
    """court courts cort courthouse hearing hearings hearng judge judges corte cortes audiencia
    audiencias juez jueza tribunal juzgado venue eoir firmar"""
)
CONSULATE_WORDS = _words(
    """consulate consulates consolate consulat consulado consulados embassy embassies embasy
    embassey embacy embajada consular"""
)
DETENTION_WORDS = _words(
    """detention detencion detension jail jailed prison custody custodia carcel preso presa presos
    presas encerrado encerrada encerrados held holding hielera perrera corralon detainee
    detainees correctional lockup processing facility"""
)
#: "detained": held (after is/been/still) or arrested (after was/got/an agent).
DETAINED_WORDS = _words(
    "detained detaind detaned detianed detanied detenido detenida detenidos detenidas"
)
STATE_AUX = _words(
    "is are am been being remains remain still currently now esta estan estoy sigue siguen sigo"
)
ORIGIN_WORDS = _words(
    """born naci nacio nacimos nacido nacida nacidos originally originario originaria originarios
    native nativo nativa raised fled escaped hui huimos huyo huyeron citizen citizens
    citizenship nationality nacionalidad ciudadano ciudadana tps deported deport deportation
    deportaron deportado deportada deportados deporten deportar homeland"""
)
#: Harm done somewhere: "me amenazó en El Salvador", "they beat him in Honduras" (the place of a case).
HARMED = _words(
    """threatened attacked beaten beat persecuted kidnapped extorted raped tortured shot stabbed
    amenazo amenazaron golpeo golpearon ataco atacaron persiguieron secuestraron extorsionaron violaron torturaron"""
)
#: Verbs after which Spanish "de" says where someone comes from ("soy de", "vengo de").
def _from_somewhere_near(words: Sequence[str], lo: int, ts: int) -> bool:
    """Whether a place at ``ts`` is a town a visitor says they are from a spot near: "soy de un rancho cerca
    de billings", "im from a small farm outside of fresno"."""
    near = (ts >= 1 and words[ts - 1] in ("near", "outside", "by")) or (ts >= 2 and words[ts - 1] == "of" and words[ts - 2] == "outside") \
        or (ts >= 2 and words[ts - 1] == "de" and words[ts - 2] in ("cerca", "afuera", "fuera"))
    before = words[lo:ts]
    said_from = any(w in ("soy", "somos") for w in before) or any(
        w == "from" and k > 0 and before[k - 1] in ("im", "i'm", "am", "are", "were", "we're") for k, w in enumerate(before))
    return near and said_from


ORIGIN_DE = _words(
    """soy somos es son eres vengo venimos vine vino vinieron viene vienen originario originaria
    originarios nativo nativa natural sali salimos salio salieron hui huimos huyo"""
)
TRIP_VERBS = _words(
    """travel travels traveling travelling traveled travelled traval travle trave go goes going
    went gone fly flying flew drive driving drove move moving return returning returned head
    heading visit visits visiting visited vist leave leaving reenter viajar viajo viaje viajamos
    viajando ir voy vamos fui regresar regreso regresamos regresando volver vuelvo volvemos
    volar visitar visito visitando salir"""
)
TRIP_NOUNS = _words("trip trips vacation vacations vacaciones honeymoon paseo")
#: A stay told with how long it lasted, in the past: "I spent 7 months in Mexico", "pasé 6 meses en".
#: Being on a trip now: "I'm on vacation in", "estamos de vacaciones en".
ON_A_TRIP_NOW = _words("im i'm am are we're were currently now estoy estamos ando andamos")
PAST_STAY = _words("spent spend pase pasamos paso pasaron estuve estuvimos")
DURATION = _words("days dias weeks semanas months meses years anos year ano month mes week semana")
#: Words allowed between a trip verb and its place ("go back to", "travel outside the").
TRIP_GAP = _words(
    """to a into back abroad out outside of the el la los las para hacia again temporarily
    briefly for de soon there me us home"""
)
#: Verbs taking someone somewhere: "took him to" is held there, "took him in" is an arrest.
TAKE_VERBS = _words(
    """took take taken taking takes sent send sending transferred transfer transfered
    transfering transferring trasladaron trasladado trasladada trasladaran llevaron llevo
    llevado llevada llevan mandaron mandado"""
)
HAVE = _words("have has tienen tiene")
OBJ = _words("him her them me us lo la los las le les")
TO = _words("to into a hacia para")
#: Cues that say something happened there, not whose place it is.
EVENT_WORDS = _words(
    """arrested arrest arresto arrestaron arrestado arrestada picked caught agarraron agarro
    detuvieron detuvo grabbed apprehended stopped pulled raid raids redada redadas ice migra
    agents agent police policia officers office oficina interview entrevista appointment cita
    lawyer attorney abogado abogada checkpoint"""
)
COPULAS = _words("am are is 's r esta estan estoy estamos sigue siguen sigo seguimos remain remains ando andamos encuentro encontramos")
FIRST_FORMS = _words(
    """am estoy estamos sigo seguimos vivo vivimos resido residimos radico radicamos vivido quedo
    quedamos ando andamos encuentro encontramos"""
)
RESIDENCE = _words(
    """live lives living lived reside resides residing stay stays staying located based settled
    liv livin livng lve vivo vivimos vive viven vivir vivido viviendo resido residimos radico
    radicamos quedo quedamos leave stuck stranded atorado atorada atorados atrapado atrapada atrapados varado
    varada varados"""
)
#: Participles that are the visitor's own after a noun that is no one else ("a US citizen
#: living in Texas", "a nurse based in Dallas").
PARTICIPLES = _words("living residing staying located based settled livin livng viviendo")
#: Residence verbs that are the visitor's own when no subject is written.
SELF_DEFAULT = _words(
    "live living reside residing stay staying located based settled liv livin livng lve leave viviendo"
)
#: Skipped when looking for the subject of "is/lives/located".
SUBJ_SKIP = ADVERBS | NEGATION | _words(
    """have has been do does did will would can could who that which que quien quienes , is are
    was be being am also 's esta estan estoy estamos"""
)
#: Nouns standing for what they belong to: "my court date", "the detention center".
HEAD_SKIP = _words("date dates fecha center centre facility building case caso")
#: Between two places, words that keep the first one's role ("Texas, in Houston"; "the pine prairie
#: place in louisiana", "el centro de Otero en Nuevo Mexico": the facility's state).
INHERIT = _words(""", in near at en cerca de the el la and y or o & / outside around area of city
    place center centre facility detention processing ice jail lugar centro""")
#: After a place: facility and nationality words ("Otay Mesa detention center").
RIGHT_MODS = _words(
    """ice immigration federal county city service contract residential family regional district
    municipal us u s processing detention"""
)
RIGHT_NOUNS: Dict[str, str] = {
    **{w: DETAINED for w in _words("detention processing jail prison correctional facility lockup")},
    **{w: COURT for w in _words("court courts courthouse")},
    **{w: CONSULATE for w in _words("consulate consulado embassy embajada")},
    **{w: ORIGIN for w in _words("citizen citizens citizenship passport nationality national tps")},
}
STREET = _words(
    """st street ave avenue av rd road blvd boulevard dr drive ln lane way ct court pl place hwy
    highway pkwy parkway cir circle ter terrace trl trail loop calle avenida pike sq square"""
)
UNIT = _words(", apt apartment unit suite ste # no")
CONTRACTIONS: Dict[str, Tuple[str, ...]] = {
    "im": ("i", "am"), "iam": ("i", "am"), "ima": ("i", "am"), "ive": ("i", "have"),
    "its": ("it", "is"), "u": ("you",), "m": ("am",), "dont": ("do", "not"), "del": ("de", "el"),
    "al": ("a", "el"), "hes": ("he", "is"), "shes": ("she", "is"), "theyre": ("they", "are"),
}
PRONOUN_IS = _words("he she it that there who what where here everyone")
SUFFIXES = {"m": "am", "re": "are", "s": "is", "ve": "have", "d": "would", "ll": "will"}

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)*|[.!?;:,&#/]")


# ---------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    end: int


def _fold(text: str) -> str:
    """Lower case without accents, one character for one, so offsets stay valid."""
    out = []
    for ch in text:
        if ch in "’‘`´":
            out.append("'")
            continue
        low = ch.lower()
        base = "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))
        out.append(base if len(base) == 1 else (low if len(low) == 1 else " "))
    return "".join(out)


def _tokens(text: str) -> List[_Tok]:
    out: List[_Tok] = []
    for m in _TOKEN.finditer(_fold(text)):
        word, s, e = m.group(), m.start(), m.end()
        if word in CONTRACTIONS:
            parts: Tuple[str, ...] = CONTRACTIONS[word]
        elif "'" in word:
            head, _, tail = word.partition("'")
            if tail == "t" and head.endswith("n"):
                parts = (head[:-1] or head, "not")
            elif tail == "s" and head not in PRONOUN_IS:
                parts = (head, "'s")  # "my sister's house", or "my brother's in Mexico"
            elif tail in SUFFIXES:
                parts = (head, SUFFIXES[tail])
            else:
                parts = (head,)
        else:
            parts = (word,)
        out.extend(_Tok(p, s, e) for p in parts if p)
    return out


# ---------------------------------------------------------------------------
# Roles
# ---------------------------------------------------------------------------

_MAX_BACK = 10


def _role(toks: Sequence[_Tok], ts: int, te: int, prev_end: int, prev_role: Optional[str],
          prev_place: Optional[Place], place: Place) -> str:
    words = [t.text for t in toks]
    if ts >= 3 and words[ts - 1] in ("to", "a") and words[ts - 2] in MOVED and words[ts - 3] in FIRST | {"ya", "already"} \
            and not _a_move_of_the_past(words, ts):
        # "pero ya me mude a Charlotte, como cambio la corte?": where the visitor lives now, whatever follows
        return SELF
    right = _right_role(words, te)
    if right is not None:
        return right
    lo = prev_end
    for k in range(ts - 1, prev_end - 1, -1):
        if words[k] in BOUNDARY:
            lo = k + 1
            break
    address = _address(words, lo, ts)
    if ts >= 2 and words[ts - 1] == "de" and words[ts - 2] in ("soy", "somos") and place.in_us and place.city:
        return UNCLEAR  # "soy de indianapolis": a US city is more often where they live than where they were born; asked
    if place.in_us and place.city and _from_somewhere_near(words, lo, ts):
        return UNCLEAR  # "soy de un rancho cerca de billings", "im from a farm near billings": the same, asked
    if ts >= 2 and words[ts - 1] in ("in", "en") and (
        (ts >= 3 and words[ts - 3] in ("with", "w", "con") and words[ts - 2] in ("me", "us", "nosotros")) or words[ts - 2] == "conmigo"
    ) and any(w in RESIDENCE for w in words[lo:ts]):
        return SELF  # "he lives with me in long island", "vive conmigo en Houston": the visitor's place too
    after = [w for w in words[te:te + 4] if w != ","]
    if any(w in RESIDENCE for w in words[lo:ts]) and (
            after[:2] in (["with", "me"], ["with", "us"], ["con", "nosotros"], ["me", "too"], ["yo", "tambien"], ["same", "as"])
            or after[:1] == ["conmigo"]):
        return SELF  # "He lives in Boston with me", "she lives in Milwaukee, me too": the visitor's place too
    if ts >= 5 and words[ts - 5:ts] in (["next", "door", "to", "me", "in"], ["next", "door", "to", "us", "in"]):
        return SELF  # "they live next door to me in Oxnard"
    if ts >= 3 and words[ts - 1] in ("in", "en") and words[ts - 2] in HOME_WORDS and words[ts - 3] in OWN_HOME \
            and (ts == 3 or words[ts - 4] not in ("from", "de", "desde")):
        # "hes staying in our house in yakima", "vinieron a mi casa en dallas": the visitor's home
        # (not one left: "we fled from our home in Honduras")
        return SELF
    if ts >= 4 and words[ts - 1] in ("in", "en") and words[ts - 3] in ("his", "her", "their", "su") \
            and words[ts - 4] in ("am", "soy", "was"):
        return SELF  # "im his uncle in albuquerque", "soy su tia en dallas": who the visitor is, and where
    if ts >= 2 and words[ts - 1] == "in" and words[ts - 2] in ("we", "i") and (ts == 2 or words[ts - 3] in BOUNDARY | {","}):
        return SELF  # "we in vietnam", "i in mexico now": the verb left out
    if ts >= 2 and words[ts - 1] in ("in", "en") and _STAYING.search(" ".join(words[lo:ts])) and not any(
            w in LEFT_FROM for w in words[lo:ts]):
        # "right now im staying with my sister in las cruces", "estoy en casa de mi hermana en oklahoma city"
        return SELF
    role = _scan(words, ts, lo, address)
    if role == SELF and ts >= 3 and words[ts - 1] in ("in", "en") and words[ts - 3] in ("no", "not", "nolonger") \
            and words[ts - 2] in ("estoy", "estamos", "vivo", "vivimos", "in", "living", "live"):
        return ORIGIN  # "ya no estoy en usa", "no estoy en houston, estoy en dallas": where they no longer are
    if role is None and prev_place is not None and words[prev_end:ts] in (["to"], ["a"]) and _moved_from(words, prev_end) \
            and not _a_move_of_the_past(words, ts):
        return SELF  # "we moved from texas to ohio", "me mudé de new york a ohio": where they moved to
    if role is None and prev_place is not None and lo == prev_end:
        between = words[prev_end:ts]
        listed = any(w in ("and", "y", "or", "o", "&", "/") for w in between) and not any(
            w in ("in", "en", "at") for w in between
        )
        if all(w in INHERIT for w in between) and (
            listed or prev_place.country_code == place.country_code
        ):
            role = prev_role  # "I'm in Texas, in Houston"; "from Mexico and Guatemala"
    if role is None or (role == UNCLEAR and not _negated(words, lo, ts)):
        if address or place.zip:
            return SELF  # a street address or a ZIP code with no other role
    return role or UNCLEAR


def _moved_from(words: Sequence[str], end: int) -> bool:
    """Whether the visitor's own move comes just before a place ending at ``end`` ("we moved from texas")."""
    back = words[max(0, end - 8):end]
    return any((w in MOVED and w != "moved") or (w == "moved" and i and back[i - 1] in FIRST) for i, w in enumerate(back))


def _a_move_of_the_past(words: Sequence[str], ts: int) -> bool:
    """Whether the words after a place moved to make the move one of the past ("we moved to denver in 2019, then ...")."""
    return any(len(a) == 4 and a.isdigit() or a in _BEFORE_NOW for a in words[ts:ts + 8])


def _negated(words: Sequence[str], lo: int, ts: int) -> bool:
    return any(w in NEGATION for w in words[lo:ts])


def _right_role(words: Sequence[str], te: int) -> Optional[str]:
    """Facility and nationality words right after a place; ", where I live"."""
    n = len(words)
    j = te
    while j < n and j < te + 4 and words[j] in RIGHT_MODS and words[j] not in RIGHT_NOUNS:
        j += 1
    if j < n and words[j] in RIGHT_NOUNS:
        return RIGHT_NOUNS[words[j]]
    if te < n and words[te] in ("side", "lado") and any(
            w in FIRST or w in ("im", "estoy", "estamos") for w in words[max(0, te - 6):te]):
        return SELF  # "we're waiting on the tijuana side": where the visitor is
    if te < n and words[te] in ("here", "aqui") and (te + 1 >= n or words[te + 1] in BOUNDARY or words[te + 1] == ","):
        return SELF  # "Priyanka from a small software co in Austin here.", "south florida here"
    j = te
    while j < n and words[j] in (",", "is", "es", "that", "which"):
        j += 1
    if j < n and words[j] in ("where", "donde"):
        rest = words[j + 1:j + 4]
        if rest and rest[0] in ("vivo", "vivimos", "estoy", "estamos"):
            return SELF
        if len(rest) >= 2 and rest[0] in ("i", "we") and rest[1] in (
            "live", "am", "are", "reside", "stay", "currently", "now"
        ):
            return SELF
    return None


def _address(words: Sequence[str], lo: int, ts: int) -> range:
    """The tokens of a street address right before the place ("123 Main St, Apt 4,")."""
    for a in range(ts - 1, lo - 1, -1):
        w = words[a]
        if w in STREET:
            for num in range(a - 1, max(lo, a - 6) - 1, -1):
                if words[num].isdigit() and len(words[num]) <= 6:
                    return range(num, ts)
            return range(0)
        if not (w in UNIT or w.isdigit() or len(w) == 1):
            return range(0)
    return range(0)


def _scan(words: Sequence[str], ts: int, lo: int, skip: range) -> Optional[str]:
    """The role given by the nearest cue left of the place at token ts, if any."""
    seen = 0
    k = ts - 1
    while k >= lo and seen < _MAX_BACK:
        if k in skip:
            k -= 1
            continue
        role = _cue_at(words, k, ts, lo)
        if role is not None:
            return role
        seen += 1
        k -= 1
    return None


#: An immigration agency's office, where a check-in is: "the ICE office", "la oficina de inmigración".
_AGENCY = frozenset("ice inmigracion migracion immigration uscis migra".split())
_OFFICE = frozenset("office offices oficina oficinas".split())
#: Words after "desde" that make it "since" (a time), not "from" (a place).
_SINCE_WHEN = frozenset(
    """hace ayer antier anteayer anoche hoy antes que esta este lunes martes miercoles jueves viernes sabado domingo
    enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre mes ano semana dia
    fin""".split())


#: Words after a move that make it one of the past ("we moved to denver in 2019, then ...").
_BEFORE_NOW = frozenset("then luego before antes but pero later despues after".split())
#: A move ("moved", Spanish "me mudé", "nos mudamos"; accents folded).
MOVED = ("moved", "mude", "mudamos")


#: Where the visitor stands now, before a building: "im outside the", "estoy afuera de la", "we're at the".
_STANDING = frozenset("at outside in front of afuera enfrente fuera de en".split())


def _there_now(words: Sequence[str], k: int, lo: int) -> bool:
    """Whether the words up to ``k`` say the visitor is at the place now ("im outside the ICE office")."""
    back = list(words[max(lo, k - 4):k + 1])
    if not back or back[-1] not in ("the", "la", "el"):
        return False
    back = back[:-1]
    while back and back[-1] in _STANDING:
        back.pop()
    return bool(back) and len(back) < len(words[max(lo, k - 4):k]) and back[-1] in ("im", "i'm", "am", "estoy", "estamos", "we're", "are")


def _cue_at(words: Sequence[str], k: int, ts: int, lo: int) -> Optional[str]:
    w = words[k]
    prev = words[k - 1] if k - 1 >= lo else ""
    gap = words[k + 1:ts]

    # Phrases ending here.
    if w == "home" and gap[-1:] in (["in"], ["en"]) and len(gap) <= 3 and (
            prev in ("im", "i'm", "we're") or (prev in ("am", "are") and k - 2 >= lo and words[k - 2] in FIRST)):
        return SELF  # "she's probably in a county jail somewhere, I'm home in Racine"
    if w == "me" and prev == "with" and gap[-1:] in (["in"], ["at"]) and all(g in ("now", "right", "here", "in", "at") for g in gap) \
            and ("now" in gap or (k - 2 >= lo and words[k - 2] in ("is", "are", "s"))):
        return SELF  # "our daughter is with me now in chula vista": where the visitor is (not "he was with me in dallas")
    if w == "home" and prev == "back":
        if k - 3 >= lo and words[k - 2] in ("am", "are") and words[k - 3] in FIRST:
            return SELF  # "im back home in dallas now": back where they live
        return ORIGIN
    if w in ("country", "pais", "tierra", "patria") and prev in (
        "my", "our", "his", "her", "their", "home", "mi", "nuestro", "su", "native", "own"
    ):
        return ORIGIN
    if w == "up":
        return {"grew": ORIGIN, "locked": DETAINED, "picked": UNCLEAR}.get(prev)
    if w == "desde" and gap and (gap[0] in _SINCE_WHEN or (gap[0] in ("el", "la") and gap[1:2] and gap[1] in _SINCE_WHEN)):
        return None  # "detenido desde hace una semana en Georgia": since when, not where from; read on
    if w in ("from", "desde") and gap[-1:] in (["to"], ["a"]) and len(gap) > 1:
        return None  # "they moved him from krome to broward": where to, read on
    if w in ("from", "desde"):
        back = words[max(lo, k - 3):k]
        if any(b in DISTANCE for b in back[-2:]):
            return None  # "30 minutes from Houston": where they are, read on
        if any(b in CALLING for b in back) and prev in ("me", "us", "nos"):
            return None  # "my husband keeps calling me from a place in baldwin": the caller's place; read on
        if any(b in CALLING for b in back) or prev in GREETINGS:
            return SELF  # "I'm calling from Houston", "hello from Houston"
        if any(b in REMOTE for b in back):
            return SELF  # "i work remote from austin", "i'm handling it from seattle"
        if (any(b in SETTING_OUT for b in back) and any(x in NOT_YET for x in words[lo:])
                and any(b in FIRST_PERSON for b in words[max(lo, k - 4):k])):
            return SELF  # "driving down from orlando to see her tomorrow": in Orlando now
        if gap[-1:] in (["in"], ["en"]) and any(g in _DWELLINGS for g in gap) and not any(
                b in ORIGIN_WORDS or b in TRIP_VERBS or b in _CAME for b in words[lo:k]):
            return UNCLEAR  # "ICE took my husband from our house in Pasadena": a home, asked whether theirs now
        return ORIGIN
    if w == "de":
        return ORIGIN if prev in ORIGIN_DE else None
    if w in ("left", "sali", "salimos") and all(g in ("the", "el", "la") for g in gap):
        return ORIGIN
    if w in CITIZEN and gap in (["in"], ["en"]):
        return None  # "a US citizen in Charlotte": whose place the words before say
    if w in ORIGIN_WORDS:
        return ORIGIN
    if w in HARMED and gap in (["in"], ["en"]):
        return ORIGIN  # "el hombre que me amenazó en El Salvador está aquí": where the harm was, not where they are
    if w in ("am", "soy", "somos") and gap and gap[-1] in ("in", "en") and 2 <= len(gap) <= 4 and (
        w != "am" or gap[0] in ("a", "an")
    ):
        return SELF  # "I'm a nurse in Madrid", "soy enfermera en Madrid"
    if w in ("am", "are") and prev in FIRST and gap in (["back", "in"], ["now", "in"], ["still", "in"], ["back", "home", "in"]):
        return SELF  # "now I'm back in Honduras", "we are still in Tijuana"
    if w in ("here", "aqui", "aca"):
        return SELF
    if w in DETAINED_WORDS:
        return _detained_or_arrest(words, k, lo, gap)
    if w in DETENTION_WORDS:
        return DETAINED
    if w in COURT_WORDS:
        return COURT
    if w in _AGENCY and k - 2 >= lo and words[k - 1] in ("de", "of") and words[k - 2] in _OFFICE:
        if _there_now(words, k - 3, lo):
            return SELF  # "estoy afuera de la oficina de ICE en san antonio": where they are
        return COURT  # "presentarme en la oficina de ICE en memphis": the case's office, not where they are
    if w in _OFFICE and prev in _AGENCY:
        if _there_now(words, k - 2, lo):
            return SELF  # "im outside the ICE office in manhattan right now": where they are
        return COURT  # "my check in is at the ICE office in san antonio"
    if w in CONSULATE_WORDS:
        return CONSULATE
    if w in ("interview", "entrevista") and prev in ("visa", "consular"):
        return CONSULATE
    if w in TRIP_NOUNS and prev in ("on", "de") and gap[-1:] in (["in"], ["en"]) and any(
        b in ON_A_TRIP_NOW for b in words[max(lo, k - 4):k - 1]
    ):
        return SELF  # "I'm on vacation in Cancun", "estoy de vacaciones en Cancún": there now
    if w in TRIP_NOUNS and all(g in TRIP_GAP or g in ("in", "en") for g in gap):
        return TRIP
    if w in PAST_STAY and gap[-1:] in (["in"], ["en"]) and len(gap) <= 6 and any(g in DURATION for g in gap):
        return TRIP  # a stay that ended, somewhere else: not where the visitor is now
    if w in TRIP_VERBS:
        if w == "leave" and gap[:1] == ["in"]:
            return _residence(words, k, lo, ts)  # "I leave in Houston": live
        if all(g in TRIP_GAP for g in gap):
            return TRIP
        return None
    if w in TAKE_VERBS:
        return _taken(words, k, lo, gap)
    if w in MOVED:
        obj = [g for g in gap if g not in TRIP_GAP]
        if obj:
            return DETAINED if w == "moved" else None  # "moved him to"
        if gap[-1:] in (["to"], ["a"], ["para"], ["hacia"]) and (prev in FIRST or w != "moved") and not _a_move_of_the_past(words, ts):
            return SELF  # "i moved to boise last month", "porque me mudé a Boise": where they live now
        return UNCLEAR  # "we moved to denver in 2019, now ..."
    if w in HAVE and (gap[:1] and gap[0] in OBJ or prev in OBJ) and any(
        g in ("in", "at", "en") for g in gap
    ):
        return DETAINED  # "they have him in Otay Mesa", "lo tienen en"
    if w in EVENT_WORDS:
        return UNCLEAR
    if w in RELATIVES:
        return _relative_noun(words, k, lo)
    if w in COPULAS:
        return _copula(words, k, lo, ts)
    if w in RESIDENCE:
        return _residence(words, k, lo, ts)
    if w == "were" and _subject_index(words, k, lo) is None and _copula(words, k, lo, ts):
        return SELF  # "were in houston": we're
    return None


def _detained_or_arrest(words: Sequence[str], k: int, lo: int, gap: Sequence[str]) -> str:
    j = k - 1
    while j >= lo and words[j] in ADVERBS and words[j] not in STATE_AUX:
        j -= 1
    before = words[j] if j >= lo else ""
    held = (
        before in STATE_AUX
        or before in RELATIVES
        or before in _words("he she they el ella ellos")
        or (words[k].startswith("deten") and before not in ("fue", "fueron", "was", "were"))
    )
    if held:
        return DETAINED
    preps = [g for g in gap if g in ("in", "at", "en", "near") or g in TO]
    return DETAINED if preps and preps[-1] in ("at",) + tuple(TO) else UNCLEAR


def _taken(words: Sequence[str], k: int, lo: int, gap: Sequence[str]) -> str:
    preps = [g for g in gap if g in TO or g in ("in", "at", "en", "near")]
    to = bool(preps) and preps[-1] in TO
    if words[k].startswith("transfer") or words[k].startswith("trasladar"):
        subject = _subject_role(words, k, lo)
        if subject == COURT:
            return COURT  # "my case was transferred to Dallas"
    # ("lo mandaron a un centro en Iowa": taken to a place of detention, in that state)
    return DETAINED if to or any(g in _HELD_IN for g in gap) else UNCLEAR


#: A place of detention said between a taking and its place: "a un centro en", "to a jail in".
_HELD_IN = _words("centro center centre facility jail carcel detention detencion prison")


def _relative_noun(words: Sequence[str], k: int, lo: int) -> Optional[str]:
    if k + 2 < len(words) and words[k + 1] == "'s" and words[k + 2] not in LOC_PREPS | ADVERBS:
        return None  # "I'm at my sister's house in": the owner, not the place; read on
    if k + 1 < len(words) and words[k].endswith("s") and words[k + 1] in _DWELLINGS and k >= 2 and words[k - 2] == "at":
        return None  # "im at my moms place in", typed without the apostrophe: the owner too
    if k + 1 < len(words) and words[k].endswith("s") and words[k + 1] in ("in", "en") and k >= 2 and words[k - 2] in ("at", "staying"):
        return None  # "staying at my aunts in provo": at her place, the owner; read on
    q = k - 1
    while q >= lo and words[q] in NOUN_SKIP:
        q -= 1
    before = words[q] if q >= lo else ""
    if before == "up" and q - 1 >= lo and words[q - 1] == "picked":
        return None  # "picked up my husband in": the verb decides
    if before in HAVE:
        # "I have family in Mexico"; "they have my husband in Otay Mesa"
        j = _subject_index(words, q, lo)
        mine = j is None or words[j] in FIRST or words[j] in RELATIVES
        return RELATIVE if mine and before != "tienen" else DETAINED
    if before in TAKE_VERBS or before in DETAINED_WORDS or before in EVENT_WORDS or (
        before in _words("deported deportaron moved")
    ):
        return None  # the object of "took", "arrested"...: the verb decides
    if before in ("with", "con", "w", "wit", "whit"):
        return None  # "I live with my husband in", "staying w my cousin in": a companion
    if before == "de" and q - 1 >= lo and words[q - 1] in _DWELLINGS_ES:
        return None  # "estoy en casa de una amiga en Irving": the owner, not the place; read on
    if before in ("visiting", "visitando") and q - 1 >= lo and words[q - 1] in ON_A_TRIP_NOW and not any(
        w in _AHEAD for w in words[lo:]
    ):
        return SELF  # "I'm visiting my fiancée in Da Nang right now": there now, on a visit
    return RELATIVE


_DWELLINGS = frozenset("place house home apartment apt trailer crib".split())
_DWELLINGS_ES = frozenset("casa depa departamento apartamento cuarto trailer traila".split())
_CAME = frozenset("came come comes coming arrived vine vino vinimos vinieron llegue llego llegamos".split())
#: A visit still to come: "I'm visiting my mom in Mexico next month".
_AHEAD = frozenset("next tomorrow going gonna will plan planning planned soon month summer christmas proximo proxima manana voy vamos".split())


def _subject_index(words: Sequence[str], k: int, lo: int) -> Optional[int]:
    """The word right before the verb at k that may be its subject."""
    j = k - 1
    skipped = 0
    while j >= lo and (words[j] in SUBJ_SKIP or _age_said(words, j)) and skipped < 6:
        j -= 1
        skipped += 1
    if j < lo or words[j] in BOUNDARY or words[j] in GREETINGS or words[j] in (
        "and", "y", "but", "pero", ","
    ):
        return None  # no subject written: "and live in", "hi, living in"
    return j


def _age_said(words: Sequence[str], j: int) -> bool:
    """A person's age between the person and the verb: "mi hija de 17 que está en", "my son, 16 years old, who is in"."""
    w = words[j]
    return (w.isdigit() and len(w) <= 2) or w in ("years", "old", "anos", "años") or (
        w == "de" and j + 1 < len(words) and words[j + 1].isdigit())


def _shared_subject(words: Sequence[str], k: int, lo: int) -> Optional[int]:
    """The subject of the clause before "and" when the verb at k has none of its own ("my mother
    is 71 and still living in Masaya": the mother lives there): the clause's first person or relative."""
    j = k - 1
    while j >= lo and words[j] in SUBJ_SKIP:
        j -= 1
    if j < lo or words[j] not in ("and", "y", "&"):
        return None
    start = j - 1
    while start >= lo and words[start] not in BOUNDARY and words[start] not in GREETINGS:
        start -= 1
    first = start + 1
    while first < j and words[first] in _POSSESSIVES:
        first += 1
    for q in range(j - 1, start, -1):  # the nearest that is a subject: at the clause's start, or before its verb
        if (words[q] in FIRST or words[q] in RELATIVES or words[q] in THIRD) and (
                q == first or words[q + 1] in _SUBJECT_FOLLOWERS):
            return q
    return None


_POSSESSIVES = frozenset("my our his her their mi mis su sus nuestro nuestra".split())
#: Words that follow a subject ("she's 19", "I came", "mi papá ya está").
_SUBJECT_FOLLOWERS = frozenset(
    """is was s 's are were am m has have had got came come lives live works stays tiene tienen esta estan
    es son fue ya vive viven trabaja still""".split())


def _subject_role(words: Sequence[str], k: int, lo: int) -> Optional[str]:
    j = _subject_index(words, k, lo)
    if j is None:
        j = _shared_subject(words, k, lo)
    if j is None:
        return None
    h = words[j]
    if h in HEAD_SKIP and j - 1 >= lo:
        if h in ("case", "caso"):
            return COURT
        h = words[j - 1]
    if h in FIRST:
        return SELF
    if h in RELATIVES:
        q = j - 1
        while q >= lo and words[q] in NOUN_SKIP:
            q -= 1
        if q - 1 >= lo and words[q] in ("and", "y", "&") and words[q - 1] in FIRST:
            return SELF  # "me and my kids are in"
        return RELATIVE
    if h in THIRD:
        return RELATIVE
    if h in COURT_WORDS:
        return COURT
    if h in CONSULATE_WORDS:
        return CONSULATE
    if h in DETENTION_WORDS:
        return DETAINED
    return UNCLEAR


def _copula(words: Sequence[str], k: int, lo: int, ts: int) -> Optional[str]:
    """ "is/are/am/estoy" + a place word ("in", "at", "here"...), else not a cue."""
    j = k + 1
    negated = False
    while j < ts and (words[j] in ADVERBS or words[j] in NEGATION):
        negated = negated or words[j] in NEGATION
        j += 1
    if j >= ts:
        return None
    if words[j:j + 2] in (["los", "dos"], ["las", "dos"], ["we", "both"]) or words[j] in ("both", "ambos", "ambas", "juntos", "juntas", "together"):
        # "ahora estamos los dos en tijuana", "we are both in tijuana": the visitor among those there
        j += 2 if words[j] in ("los", "las", "we") else 1
        if j >= ts:
            return None
    if words[j] in ("with", "con"):
        # "estoy con él en Tijuana", "im with my kids in Tijuana": a companion, then where
        j += 1
        while j < ts and (words[j] in NOUN_SKIP or words[j] in OBJ or words[j] in THIRD or words[j] in RELATIVES):
            j += 1
        if j >= ts or words[j] not in ("in", "en", "at"):
            return None
    # "I'm on Long Island" (not "on the way to", nor "im on TN": a visa)
    ok = words[j] in LOC_PREPS or (words[j] == "on" and j + 1 == ts and len(words[ts]) > 2)
    if not ok and (words[j].isdigit() or words[j] in DISTANCE or words[j] in ("an", "a", "about")):
        while j < ts and (words[j].isdigit() or words[j] in DISTANCE or words[j] in (
            "an", "a", "about", "like", "half", "away", "around"
        )):
            j += 1
        ok = j < ts and words[j] in ("from", "de", "outside", "near")
    if not ok:
        return None
    if negated:
        return UNCLEAR
    if words[k] not in FIRST_FORMS and any(words[i] in _HELD_IN and words[i + 1] in ("en", "in", "at") for i in range(j, ts - 1)):
        # "mi hermana ... y esta en un centro en san diego": someone held there ("el centro de El Paso" is said as a name)
        return DETAINED
    if words[k] in FIRST_FORMS:
        return SELF
    subject = _subject_role(words, k, lo)
    if subject is None:
        return UNCLEAR
    return subject


def _residence(words: Sequence[str], k: int, lo: int, ts: int) -> Optional[str]:
    w = words[k]
    if _negated(words, max(lo, k - 3), ts):
        return UNCLEAR
    prev = words[k - 1] if k - 1 >= lo else ""
    if w in ("lived", "vivido"):
        if prev not in ("have", "has", "been", "he", "hemos"):
            return None  # "I lived in Mexico": the past, read on
        subject = None if w == "vivido" else _subject_role(words, k, lo)
        return SELF if subject in (None, SELF) else subject
    if prev in ("to", "a") or w == "vivir":
        before = words[k - 2] if k - 2 >= lo else ""
        if before in ("came", "come", "moved", "vine", "vinimos", "venimos"):
            return SELF
        return TRIP  # "we want to live in Canada"
    if w in FIRST_FORMS and not (w in ("quedo", "quedamos") and prev == "se"):
        # (not "mi hija que se quedó en guatemala": "quedó" without its accent, said of her)
        return SELF
    subject = _subject_role(words, k, lo)
    if subject is None:
        return SELF if w in SELF_DEFAULT else UNCLEAR
    if subject == UNCLEAR and w in PARTICIPLES:
        # ("an engineer who is a Mexican national currently residing in Querétaro": someone else)
        return RELATIVE if "who" in words[max(lo, k - 8):k] else SELF
    return subject


def _specificity(place: Place) -> int:
    if place.zip:
        return 4
    if place.city:
        return 3
    if place.county:
        return 2
    if place.state or place.candidates:
        return 1
    return 0
