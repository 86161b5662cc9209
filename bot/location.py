"""From a visitor's words to the location slots of an intake."""
from __future__ import annotations

from typing import Any, Dict, Optional

from bot import places

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


def with_state(city: str, state_text: str) -> Optional["places.Place"]:
    """Settle an ambiguous city once the visitor names the state."""
    state = places.resolve_state(state_text)
    if state is None:
        return None
    return places.resolve(f"{city}, {state}")
