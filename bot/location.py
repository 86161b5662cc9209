"""From a visitor's words to the location slots of an intake."""
from __future__ import annotations

import re
from typing import Any, Dict, Mapping, Optional

from bot import place_roles, places

#: Slots a resolved place fills.
LOCATION_SLOTS = ("location", "country", "state", "state_name", "city", "county", "time_zone", "location_candidates")


def display(place: "places.Place") -> str:
    """How a place is shown back to the visitor and to staff."""
    if place.country_code and place.country_code != "US":
        return ", ".join(p for p in (place.city, place.country) if p)
    if place.city and place.state:
        return f"{place.city}, {place.state}"
    if place.city:
        return place.city
    if place.county and place.state:
        return f"{place.county}, {place.state}"
    return place.state_name or place.state or place.country or ""


def slots_for(place: Optional["places.Place"]) -> Dict[str, Any]:
    """Slot values for a resolved place (all None when there is none)."""
    if place is None:
        return {slot: None for slot in LOCATION_SLOTS}
    return {
        "location": display(place),
        "country": place.country,
        "state": place.state,
        "state_name": place.state_name,
        "city": place.city,
        "county": place.county,
        "time_zone": places.timezone_for(place),
        "location_candidates": list(place.candidates) or None,
    }


def resolve_reply(value: str, message_text: Optional[str]) -> Optional["places.Place"]:
    """Resolve a location answer, preferring the whole message it came from.

    The message carries context that an extracted entity lacks ("Springfield,
    IL" arrives as two entities); when the slot value did not come from this
    message (it was filled earlier), the value alone is resolved.
    """
    if message_text and value and value.lower() in message_text.lower():
        place = places.resolve(message_text)
        if place is not None:
            return place
    return places.resolve(value) if value else None


def answer_place(value: str, message_text: str) -> Optional["places.Place"]:
    """The place an answer to "Where are you?" gives: one said as the visitor's wins over
    others in the reply ("I'm in Dallas, my brother is in Houston"), else the reply resolved."""
    place, role = place_roles.visitor_location(message_text)
    if role != place_roles.SELF:
        place = resolve_reply(value, message_text)
    if place is not None and place.candidates and not place.state:
        # "we're in evans, right by greeley": the one state both places share
        place = _settled_by_context(place, place_roles.mentions(message_text), message_text)
    return place


def with_state(city: str, state_text: str) -> Optional["places.Place"]:
    """Settle an ambiguous city once the visitor names the state."""
    state = places.resolve_state(state_text)
    if state is None:
        return None
    return places.resolve(f"{city}, {state}")


def state_answer(city: str, value: str, message_text: str) -> Optional["places.Place"]:
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
                return places.resolve(f"{city}, {again.candidates[0]}") or place
    return place


def _settled_by_context(place: "places.Place", found, text: str) -> "places.Place":
    """"im in lafayette", "hes at pine prairie": the one candidate state the message also names."""
    from bot import facilities

    states = {m.place.state for m in found if m.place.state}
    facility = facilities.facility_in(text)
    if facility:
        states.update(re.findall(r"\b([A-Z]{2})\)$", facility))
    common = states & set(place.candidates)
    if len(common) == 1:
        settled = with_state(place.city or "", common.pop())
        if settled is not None:
            return settled
    return place


def _whole_us(place: "places.Place") -> bool:
    return place.country_code == "US" and not place.state and not place.city


def heard_in_passing(text: str, asked: Optional[str], slots: Mapping[str, Any]) -> Dict[str, Any]:
    """Location slots a message fills when the location question is not the one asked.

    A place is the visitor's only when the message says so (``place_roles``);
    places with another role are kept for staff (``places_mentioned``; a
    detention centre also answers "where is he held?"); a place with no
    clear role becomes ``location_guess``, asked about with yes or no. At
    that yes/no question, any place in the reply is where the visitor is.
    """
    found = place_roles.mentions(text)
    if asked == "location_confirmed":
        place, _ = place_roles.location_among(found)
        place = place or resolve_reply(text, text)
        return slots_for(place) if place else {}
    out: Dict[str, Any] = {}
    elsewhere = [m for m in found if m.role not in (place_roles.SELF, place_roles.UNCLEAR)]
    if elsewhere:
        known = list(slots.get("places_mentioned") or [])
        said = [f"{display(m.place)} ({m.role})" for m in elsewhere]
        out["places_mentioned"] = known + [p for p in dict.fromkeys(said) if p not in known]
        held = next((m for m in elsewhere if m.role == "detained"), None)
        if held and slots.get("detained_where") is None and slots.get("situation") == "detention":
            out["detained_where"] = " ".join(held.text.split())[:1000]
    place, role = place_roles.location_among(found, text)
    if place is not None and place.candidates and not place.state:
        place = _settled_by_context(place, found, text)
    if place is not None and role == place_roles.SELF:
        out.update(slots_for(place))
    elif place is not None and role == place_roles.UNCLEAR and not slots.get("location_guess") and not _whole_us(place):
        # "I came to the US last year" says nothing of where in it: not worth a yes/no question
        out["location_guess"] = display(place)
    return out
