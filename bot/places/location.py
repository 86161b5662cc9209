"""The visitor's location as intake slots: from a visitor's words to the slots a place fills."""
from __future__ import annotations

import dataclasses
import re
from typing import Any, Dict, Mapping, Optional, Sequence

from bot import contact
from bot.places import facilities, neighbours, resolver, roles
from bot.places.names import US, norm
from bot.places.placedb import places
from bot.places.place import UNITED_STATES, Place

#: Slots a resolved place fills.
LOCATION_SLOTS = ("location", "country", "state", "state_name", "city", "county", "time_zone", "location_candidates")


def slots_for(place: Optional[Place]) -> Dict[str, Any]:
    """Slot values for a resolved place (all None when there is none)."""
    if place is None:
        return {slot: None for slot in LOCATION_SLOTS}
    return {
        "location": place.label,
        "country": place.country,
        "state": place.state,
        "state_name": place.state_name,
        "city": place.city,
        "county": place.county,
        "time_zone": resolver.timezone_for(place),
        "location_candidates": list(place.candidates) or None,
    }


def resolve_reply(value: str, message_text: Optional[str]) -> Optional[Place]:
    """Resolve a location answer, preferring the whole message it came from.

    The message carries context that an extracted entity lacks ("Springfield,
    IL" arrives as two entities); when the slot value did not come from this
    message (it was filled earlier), the value alone is resolved.
    """
    if message_text and value and value.lower() in message_text.lower():
        place = resolver.resolve(message_text)
        if place is not None:
            return place
    return resolver.resolve(value) if value else None


#: Right after a place in an answer: "miami rn", "en Houston ahorita".
_NOW_AFTER = re.compile(r"[\s,]*(?:rn|right now|now|currently|at the moment|for now|this week|ahorita|ahora(?: mismo)?|por ahora|en este momento)\b",
                        re.IGNORECASE)
#: ... with the home elsewhere: "i live in chicago tho", "pero vivo en chicago".
_NOT_NOW_HOME = re.compile(r"\b(?:visiting|on (?:a )?(?:trip|vacation)|(?:i|we) live in|(?:i|we) (?:normally|usually) live|(?:pero |but )?viv(?:o|imos) en|de visita)\b",
                           re.IGNORECASE)


#: ... or a space alone: "south park seattle", a neighbourhood typed before its city.
_JUST_A_COMMA = re.compile(r"\s*,\s*(?:in\s+|en\s+)?(?:(?:el|la|the)\s+)?(?:condado\s+de\s+)?|\s+")


def answer_place(value: str, message_text: str) -> Optional[Place]:
    """The place an answer to "Where are you?" gives: one said as the visitor's wins over
    others in the reply ("I'm in Dallas, my brother is in Houston"), else the reply resolved.
    A town of several states, said with which one ("pasadena, the texas one not california"), is that one."""
    if _WASHINGTON_DC.search(value or "") and not _WASHINGTON_DC.fullmatch((value or "").strip()):
        # "columbia heights, washington dc": a part of the District, not Washington state
        value = _WASHINGTON_DC.sub("DC", value)
        message_text = _WASHINGTON_DC.sub("DC", message_text or "")
    place = _answer_place(value, message_text)
    if place is not None and place.state == "LA" and _LA_CALIFORNIA.search(message_text or ""):
        # "vivo en south central, LA california": Los Angeles, not Louisiana
        place = resolver.resolve("Los Angeles, CA") or place
    which = _WHICH_ONE.search(message_text or "")
    if place is not None and place.city and which is not None:
        there = with_state(place.city, which.group(1) or which.group(2))
        if there is not None and there.city == place.city and there.state:
            return there
    return place


#: The District named with its city: "washington dc", "Washington, D.C.".
_WASHINGTON_DC = re.compile(r"\bwashington,?\s*d\.?\s*c\b\.?", re.IGNORECASE)
#: "LA california", "L.A., CA": the city, said with its state.
_LA_CALIFORNIA = re.compile(r"\b(?:la|l\.a\.?)\s*,?\s*(?:california|calif|ca)\b", re.IGNORECASE)
#: "the texas one", "el de texas": which of several towns of one name.
_WHICH_ONE = re.compile(r"(?<!\bnot )(?<!\bno )\bthe ([a-z]+(?: [a-z]+)?) one\b"
                        # (not "columbus, georgia, no el de ohio": the one it is not)
                        r"|(?<!\bnot )(?<!\bno )(?<!\bni )\b(?:el|la) de ([a-z]+(?: [a-z]+)?)\s*(?:$|[,.;!]|\bno\b|\bnot\b)",
                        re.IGNORECASE)


def _answer_place(value: str, message_text: str) -> Optional[Place]:
    found = roles.mentions(message_text)
    place, role = roles.location_among(found, message_text)
    now = next((m for m in found if m.role in (roles.UNCLEAR, roles.SELF) and _NOW_AFTER.match(message_text, m.end)), None)
    if now is not None and (role != roles.SELF or _NOT_NOW_HOME.search(message_text)):
        # "miami rn, visiting my sister this week. i live in chicago tho", "im in toronto right now visiting family, i
        # live in buffalo": where they are right now (the question asks it)
        return now.place
    # ("Seattle WA. She lives in Cebu in the Philippines": the place no one else is said to be in stands)
    no_ones_else = role == roles.UNCLEAR and place is not None and any(m.role not in (roles.SELF, roles.UNCLEAR) for m in found)
    first = found[0] if found else None
    if role == roles.UNCLEAR and first is not None and first.role == roles.UNCLEAR and 0 <= first.start <= 3 and first.place.city:
        second = found[1] if len(found) > 1 else None
        if (second is not None and second.role == roles.UNCLEAR and second.place.in_us and (second.place.city or second.place.county)
                and first.place.in_us and second.place.state and first.place.state != second.place.state and _JUST_A_COMMA.fullmatch(
                    message_text[first.end:second.start])):
            # "en antioch, nashville", "Corona, queens", "sunnyside, en el condado de yakima": a town or a
            # neighbourhood, then the city or county it is in
            there = with_state(first.place.city, second.place.state)
            if there is not None and there.city == first.place.city:
                return there
            if second.place.city and roles.town_zips(second.place) > roles.town_zips(first.place):
                # "pleasant grove, dallas": a neighbourhood of the bigger city, no town of its own
                # (not "seattle, capitol hill": the city first, then its neighbourhood)
                return second.place
        if first.place.state and not first.place.candidates:
            # "Anthony NM, right by the texas line": the answer is the town it starts with; what follows places it
            return first.place
    if role != roles.SELF and not no_ones_else:
        place = resolve_reply(value, message_text)
    if place is not None and place.candidates and not place.state:
        # "we're in evans, right by greeley": the one state both places share
        place = _settled_by_context(place, roles.mentions(message_text), message_text)
    head = _HEAD_BEFORE_COMMA.match(message_text or "")
    if place is None and not found and head:
        # "bakersfeild, i'm married con un ciudadano y quiero la green card": the town first, misspelt
        place = resolver.resolve(head.group(1))
    if place is None and not found and "?" not in (message_text or ""):
        # "pacoima, en el valle", "doraville": a town too small to name alone, whose name only one state
        # has, said as the whole answer or before its first comma (not "quick q first, can i vote...")
        said = (head.group(1) if head else (message_text or "")).strip(" .!")
        town = roles.town_of_one_state(said, capitalised=False) if len(said.split()) <= 3 else None
        if town is not None and town.city and town.city.lower() == " ".join(said.lower().split()):
            place = town
    return place


#: The first words of a reply, before a comma: "bakersfeild, i'm married ...".
_HEAD_BEFORE_COMMA = re.compile(r"^\W*((?:[^\W\d_][\w'.-]*\s*){1,3}),")


#: The visitor placing themselves, even where no place is read ("i live near the stewart place").
_MINE = re.compile(r"\b(?:(?:i|we) (?:live|stay)|i'?m (?:in|at|near)|we'?re (?:in|at|near)|i am (?:in|at|near)|we are (?:in|at|near)"
                   r"|viv(?:o|imos)|est(?:oy|amos) (?:en|cerca))\b", re.IGNORECASE)


#: Someone else said to be there: "they have him", "hes at", "la tienen", "está en el krome", "my uncle".
_THEY = re.compile(r"\b(?:he|she|they|him|her|hes|shes|he's|she's|theyre|they're|them|él|ella)\b|\b(?:lo|la|los) (?:tienen|llevaron|mandaron)\b"
                   r"|^\W*est[aá]n? en\b|\b(?:el|él|ella) est[aá]\b", re.IGNORECASE)
_POSSESSIVE = frozenset("my mi our nuestro nuestra his her su".split())


def _theirs(text: str) -> bool:
    """Whether a reply speaks of someone else: a third person, or "my uncle" (``roles.RELATIVES``)."""
    return _someone_else_at(text) is not None


def _someone_else_at(text: str) -> Optional[int]:
    """Where a reply first speaks of someone else ("they have him", "mi esposo"), or None."""
    they = _THEY.search(text)
    at = they.start() if they else None
    for m in re.finditer(r"[a-záéíóúñü']+", text.lower()):
        if at is not None and m.start() >= at:
            break
        if m.group() in _POSSESSIVE:
            following = re.findall(r"[a-záéíóúñü']+", text.lower()[m.end():])[:2]
            if any(r in roles.RELATIVES for r in following):
                return m.start()
    return at


#: A home the visitor is at: "a friends house in tacoma", "en casa de mi suegra en ...".
_A_HOME = re.compile(r"\b(?:house|home|place|apartment|apt|casa|apartamento|depa|trailer)\b", re.IGNORECASE)


#: A reply that is an immigration office or a court, as where the visitor is now: "the ICE office in san francisco",
#: "en la corte de inmigración de houston" (not "my court is in ...", nor a third person's: see ``_theirs``).
_AT_AN_OFFICE = re.compile(
    r"^\W*(?:(?:i'?m|im|i am|estoy)\s+)?(?:(?:at|in|en)\s+)?(?:the|la|el)\s+(?:(?:ice|immigration|uscis)\s+(?:field\s+)?(?:office|building)"
    r"|(?:immigration\s+)?court(?:house)?|oficina de (?:ice|la migra|migraci[oó]n|inmigraci[oó]n|uscis)|corte(?: de inmigraci[oó]n)?)\b",
    re.IGNORECASE)


#: A reply's first part, before a full stop or a comma, when more follows.
_FIRST_PART = re.compile(r"^\s*([^.,;!?]{2,40}?)\s*[.,;!?]\s*\S")


def someone_elses_place(text: str, detention: bool) -> bool:
    """A reply to "Where are you?" that gives only someone else's place: where a relative lives,
    a court, where someone is held ("he lives in new jersey", "the judge is in san francisco",
    "they have him at the otay mesa place in san diego"). Not the visitor's: asked again.
    A facility counts only in a detention (``facilities.facility_in``: "Stewart" is a surname)."""
    found = roles.mentions(text)
    _, role = roles.location_among(found, text)
    if role == roles.SELF or _MINE.search(text):
        return False
    first = _FIRST_PART.match(text or "")
    if first and not any(m.start < first.end(1) for m in found) and resolver.resolve(first.group(1)) is not None:
        return False  # "austin. hes been held since friday at the hutto place in taylor": the answer, then the rest
    # "joe corley detention center in conroe texas", said of nobody else, may be where the visitor is held
    if _AT_AN_OFFICE.match(text or "") and not _theirs(text):
        return False  # "the ICE office in san francisco, 630 sansome": where the visitor is, at a check-in or a hearing
    if _A_HOME.search(text) and not _THEY.search(text):
        return False  # "a friends house in tacoma", "en casa de mi suegra en west valley": where the visitor is
    theirs = _theirs(text)
    if role == "other" and (theirs or any(m.role != roles.DETAINED for m in found)):
        return True
    if not detention or not theirs:
        return False
    they = _someone_else_at(text)
    if they is not None and any(m.role == roles.UNCLEAR and m.end <= they for m in found):
        # "en new orleans, y el esta en richwood", "en Los Angeles, pero mi esposo esta detenido en
        # Texas": a place said before anyone else is spoken of
        return False
    # the facility by words other than the town's ("conroe texas" is a town, "joe corley" a facility)
    rest, at = [], 0
    for m in found:
        rest.append(text[at : m.start])
        at = m.end
    return facilities.facility_in(" ".join([*rest, text[at:]])) is not None


#: Longest reply read as a place said alone ("okc", "houston tx", "san pedro sula honduras").
PLACE_ALONE_MAX_WORDS = 4


def place_said_alone(text: str) -> Optional[Place]:
    """A short reply to "Where are you?" that is only a place, whatever the classifier took
    it for ("okc" read as yes): the place. The resolver knows no yes, no or "ok" word."""
    words = (text or "").split()
    if not words or len(words) > PLACE_ALONE_MAX_WORDS or "?" in text:
        return None
    return resolver.resolve(text)


def with_state(city: str, state_text: str) -> Optional[Place]:
    """Settle an ambiguous city once the visitor names the state."""
    state = resolver.resolve_state(state_text)
    if state is None:
        return None
    return resolver.resolve(f"{city}, {state}")


def state_answer(city: str, value: str, message_text: str) -> Optional[Place]:
    """The answer to "Which state?": a state named, or the town said again with a neighbour that
    settles it ("we're in evans, right by greeley")."""
    place = with_state(city, value)
    if place is None or not place.state:
        again = answer_place(value, message_text)
        if again is not None and again.city == city:
            if again.state:
                return again
            if again.candidates:
                # The same town again with no state: the biggest of that name, rather than
                # the question a third time (staff see the town and can correct the state).
                return resolver.resolve(f"{city}, {again.candidates[0]}") or place
    return place


def _settled_by_context(place: Place, found: Sequence[roles.PlaceMention], text: str) -> Place:
    """"im in lafayette", "hes at pine prairie": the one candidate state the message also names,
    or else the one next to a state it names."""
    states = {m.place.state for m in found if m.place.state}
    facility = facilities.facility_in(text)
    if facility:
        states.update(re.findall(r"\b([A-Z]{2})\)$", facility))
    common = states & set(place.candidates)
    if not common:
        # "mom's in vancouver washington, im at work in portland": the one candidate next door
        common = neighbours.next_to(states) & set(place.candidates)
    if len(common) == 1:
        settled = with_state(place.city or "", common.pop())
        if settled is not None:
            return settled
    if not common:
        # "grabbed him in manassas ... im in woodbridge": a town of the name only the ZIP data knows, in the
        # state of a place the message names with no one else's role (not where someone is held: "lo tienen
        # en pennsylvania ... vivimos en lawrence" is Lawrence, Massachusetts or Kansas, asked or read from the phone)
        near = sorted({m.place.state for m in found if m.place.state and m.role in (roles.SELF, roles.UNCLEAR)})
        return roles.town_beyond_candidates(place, near) or place
    return place


def settled_by_phone(slots: Mapping[str, Any], state: Optional[str]) -> Dict[str, Any]:
    """"Portland" (Oregon or Maine?) from a visitor whose phone is an Oregon number: the town in
    the one candidate state the phone's area code is in (``contact.phone_state``); {} otherwise."""
    candidates = slots.get("location_candidates") or ()
    if slots.get("state") or not state or not slots.get("city"):
        return {}
    if state in candidates:
        place = with_state(str(slots["city"]), state)
    else:
        # "woodbridge" (California or New Jersey by the big-city names) and a 703 number: Woodbridge, VA
        place = roles.town_beyond_candidates(Place(UNITED_STATES, US, None, None, str(slots["city"]),
                                                   candidates=tuple(candidates)), [state])
    return slots_for(place) if place is not None else {}


def namesake_by_phone(slots: Mapping[str, Any], state: Optional[str], said: Sequence[str]) -> Dict[str, Any]:
    """"Gainesville" read as the bigger one (Florida) from a visitor whose phone is a Georgia number:
    the town of that name in the phone's state, when the visitor never named a state for it
    (``said``: their messages) and that state has a town of the name; {} otherwise."""
    city, current = slots.get("city"), slots.get("state")
    if not city or not current or not state or state == current:
        return {}
    names = {current.lower(), (slots.get("state_name") or "").lower()}
    if any(re.search(rf"\b{re.escape(n)}\b", (text or "").lower()) for text in said for n in names if n):
        return {}  # "gainesville florida", "gainesville, fl": the state was said
    towns = places().towns.get(norm(str(city)), {})
    here, there = towns.get(current), towns.get(state)
    if there is None or (here is not None and there.zips * roles.NAMESAKE_SHARE < here.zips):
        return {}  # no such town in the phone's state, or one far smaller ("houston" is Texas, whatever the phone)
    place = with_state(str(city), state)
    return slots_for(place) if place is not None and place.city and place.city.lower() == str(city).lower() else {}


def _whole_us(place: Place) -> bool:
    return place.country_code == "US" and not place.state and not place.city


#: The visitor inside a facility: "im writing from the tablet inside otay mesa", "estoy detenido en eloy".
_INSIDE_MYSELF = re.compile(
    r"(?:^\W*|\b(?:i'?m|im|i am|estoy)\s+)(?:writing|texting|calling|messaging|escribiendo|llamando)\s+(?:\w+\s+){0,4}?(?:from|desde)\b"
    r"|\b(?:escribo|llamo|les escribo|le escribo|te escribo)\s+(?:\w+\s+){0,4}?desde\b"
    r"|\b(?:i'?m|im|i am|estoy)\s+(?:(?:being\s+)?(?:detained|locked up|held)|detenid[oa]|encerrad[oa])\b"
    r"|\b(?:i'?m|im|i am|estoy)\s+(?:\w+\s+){0,2}?(?:inside|dentro de)\b", re.IGNORECASE)


#: The visitor waiting where someone is held: "they're holding her at the airport in newark ... im
#: waiting at arrivals", "lo tienen en la oficina de ICE de la calle 5, yo estoy afuera esperando".
#: The visitor at their check-in or hearing now: "im at my check in at the ice office in san francisco right now",
#: "estoy en la corte de dallas ahorita".
_AT_THE_CASE_NOW = re.compile(
    r"\b(?:i'?m|im|i am|we'?re|we are|estoy|estamos)\s+(?:(?:still|right|just|todavia|aqui|here)\s+)?(?:at|in|en)\s+(?:my|mi|the|la|el)\s+"
    r"(?:check ?-?in|cita|court|corte|hearing|audiencia|(?:ice |immigration |inmigracion |migracion )?(?:office|oficina))\b", re.IGNORECASE)
_WAITING_THERE = re.compile(
    r"\b(?:i'?m|im|i am|we'?re|we are|estoy|estamos)\s+(?:(?:still|right|just|todavia|aqui|aca|here)\s+)?"
    r"(?:waiting\s+(?:at|outside|in\s+the|out\s+front|here|downstairs)|esperando\s+(?:afuera|aqui|aca|en\s+(?:la|el))"
    r"|outside\s*(?:$|[.,;!]|\band\b|\bthe\s+(?:building|center|centre|facility|jail|airport|office|gate|door))"
    r"|afuera\s*(?:$|[.,;!]|\by\b|\besperando\b|del?\s+(?:centro|edificio|aeropuerto|la\s+(?:oficina|carcel|corte)))"
    r"|in\s+the\s+(?:parking\s+lot|lobby|waiting\s+(?:room|area))|en\s+el\s+(?:estacionamiento|parqueo|lobby)"
    r"|at\s+(?:(?:the\s+)?terminal\s+\w+|arrivals|the\s+(?:arrivals|gate|front\s+desk))|en\s+(?:la\s+sala\s+de\s+espera|la\s+entrada))", re.IGNORECASE)


def _in_the_county_named(place: Place, found: Sequence[roles.PlaceMention]) -> Place:
    """The visitor's town in the state of a county the message names ("he's in jail en davidson county,
    yo estoy en antioch": Antioch, TN, not the larger Antioch, CA); else the town as read."""
    county = next((m.place for m in found if m.place.in_us and m.place.county and not m.place.city and m.place.state
                   and m.place.state != place.state), None)
    if county is None:
        return place
    there = with_state(place.city or "", county.state or "")
    return there if there is not None and there.city == place.city and there.state == county.state else place


#: "same city as the court", "en la misma ciudad que la corte": the visitor's place is one already named.
_SAME_PLACE_AS = re.compile(
    r"\b(?:the )?same (?:city|town|place|area|county) (?:as|where) (?:the |my |his |her )?(court|ice office|office|detention|jail|him|her|them)\b"
    r"|\b(?:la )?misma ciudad (?:que|de|donde est[aá]) (?:la |el |mi )?(corte|oficina|detenci[oó]n|c[aá]rcel|[eé]l|ella)\b",
    re.IGNORECASE)
#: The role of the place each of those words points to.
_SAME_AS_ROLE = {**dict.fromkeys(("court", "corte", "ice office", "office", "oficina"), roles.COURT),
                 **dict.fromkeys(("detention", "jail", "him", "her", "them", "detencion", "detención", "carcel", "cárcel",
                                  "el", "él", "ella"), roles.DETAINED)}


def same_place_as(text: str, mentioned: Sequence[str]) -> Optional[Place]:
    """The place a reply points to as one already named ("same city as the court"): the place kept in
    ``mentioned`` (``places_mentioned``, "Charlotte, NC (court)") with that role, or None."""
    said = _SAME_PLACE_AS.search(text or "")
    if said is None:
        return None
    role = _SAME_AS_ROLE.get((said.group(1) or said.group(2) or "").lower())
    label = next((m[: -len(f" ({role})")] for m in mentioned if role and m.endswith(f" ({role})")), None)
    return resolver.resolve(label) if label else None


def heard_in_passing(text: str, asked: Optional[str], slots: Mapping[str, Any]) -> Dict[str, Any]:
    """Location slots a message fills when the location question is not the one asked.

    A place is the visitor's only when the message says so (:mod:`bot.places.roles`);
    places with another role are kept for staff (``places_mentioned``; a
    detention centre also answers "where is he held?"); a place with no
    clear role becomes ``location_guess``, asked about with yes or no. At
    that yes/no question, any place in the reply is where the visitor is.
    """
    text = contact.without_name(text)  # ("soy rosa medina, ...": her name, not Medina, OH)
    found = roles.mentions(text)
    facility = facilities.facility_in(text)
    if facility:
        # "está en el south texas en pearsall": the facility's own words are where someone is held
        # ("lo trasladaron a un centro en aurora colorado": the town of a facility named by its town is where he is held)
        # (not a town that is itself a name of the facility: "ICE took my husband in conroe" may be where they live)
        town = resolver.resolve(facilities.town_of(facility)) if facility in facilities.IN_A_COMMON_TOWN else None
        if town is not None and (town.city or "").lower() in facilities.FACILITIES.get(facility, ()):
            town = None
        found = [dataclasses.replace(m, role=roles.DETAINED) if m.role == roles.UNCLEAR and (
                     facilities.names_part_of(m.text, facility) or (town is not None and (m.place.city, m.place.state) == (town.city, town.state)))
                 else m for m in found]
    if asked == "location_confirmed":
        place, _ = roles.location_among(found)
        place = place or resolve_reply(text, text)
        return slots_for(place) if place else {}
    out: Dict[str, Any] = {}
    elsewhere = [m for m in found if m.role not in (roles.SELF, roles.UNCLEAR)]
    if elsewhere:
        known = list(slots.get("places_mentioned") or [])
        said = [f"{m.place.label} ({m.role})" for m in elsewhere]
        out["places_mentioned"] = known + [p for p in dict.fromkeys(said) if p not in known]
        held = next((m for m in elsewhere if m.role == "detained"), None)
        if held and slots.get("detained_where") is None and slots.get("situation") == "detention":
            out["detained_where"] = facility or " ".join(held.text.split())[:1000]
    place, role = roles.location_among(found, text)
    if place is not None and place.candidates and not place.state:
        place = _settled_by_context(place, found, text)
    if facility and role != roles.SELF and _INSIDE_MYSELF.search(text or ""):
        # "im writing from the tablet inside otay mesa detention, I need a lawyer for me": the visitor is held there
        inside = resolver.resolve(facilities.town_of(facility))
        if inside is not None:
            place, role = inside, roles.SELF
    # where someone is held, else the one place where they are ("lo tienen en la oficina ... en san antonio",
    # "my wife just landed at JFK ... im at terminal 4 arrivals")
    near = [m for m in found if m.role in (roles.UNCLEAR, roles.RELATIVE, roles.COURT)]  # (COURT: "at the ice office in baltimore")
    held = next((m for m in found if m.role == roles.DETAINED), near[0] if len(near) == 1 else None)
    if held is not None and role != roles.SELF and _WAITING_THERE.search(text or ""):
        place, role = held.place, roles.SELF
    court = next((m for m in found if m.role == roles.COURT), None)
    if court is not None and role != roles.SELF and _AT_THE_CASE_NOW.search(text or ""):
        place, role = court.place, roles.SELF  # "im at my check in at the ice office in san francisco right now"
    if place is not None and role == roles.SELF and place.city and place.in_us:
        place = _in_the_county_named(place, found)
    if place is not None and role == roles.SELF:
        out.update(slots_for(place))
    elif place is not None and role == roles.UNCLEAR and not slots.get("location_guess") and not _whole_us(place):
        # "I came to the US last year" says nothing of where in it: not worth a yes/no question
        out["location_guess"] = place.label
    return out
