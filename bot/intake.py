"""From conversation slots to an intake record, and the summary a visitor confirms."""
from __future__ import annotations

from typing import Any, Dict, List, Mapping

from datetime import date

from bot.contact import display_phone
from bot.situations import CATEGORIES
from bot.urgency import REASONS

#: Follow-up slots stored under ``details`` (in this order).
DETAIL_SLOTS = (
    "detained_where",
    "detained_since",
    "a_number",
    "removal_stage",
    "hearing_date",
    "ice_present_now",
    "details",
    "places_mentioned",
)

DETAIL_LABELS = {
    "detained_where": "Held at",
    "detained_since": "Detained since",
    "a_number": "A-number",
    "removal_stage": "Stage",
    "hearing_date": "Next date",
    "ice_present_now": "Agents there now",
    "details": "Details",
    "places_mentioned": "Other places mentioned",
}

#: Detail slots that hold an ISO date, shown to people as "Tuesday, December 8".
DATE_SLOTS = ("detained_since", "hearing_date")

STAGE_LABELS = {
    "hearing": "Immigration court hearing",
    "check_in": "ICE check-in",
    "removal_order": "Has a removal order",
    "nta_no_date": "Notice to Appear, no date yet",
    "unknown": "Not sure",
}


def _known(value: Any) -> bool:
    return value not in (None, "", "unknown", "none")


def location_label(slots: Mapping[str, Any]) -> str:
    """'Chicago, IL', 'Texas', 'Mexico' or 'Not given'."""
    city, state, country = slots.get("city"), slots.get("state"), slots.get("country")
    if country and country != "United States":
        return ", ".join(p for p in (city, country) if p)
    if city and state:
        return f"{city}, {state}"
    if slots.get("county") and state:
        return f"{slots['county']}, {state}"
    if state:
        return slots.get("state_name") or state
    if _known(slots.get("location")):
        return slots["location"]
    return "Not given"


def readable_date(value: str) -> str:
    """'2026-12-08' as 'Tuesday, December 8' (with the year when it is not this one's)."""
    try:
        day = date.fromisoformat(value)
    except (TypeError, ValueError):
        return value  # kept as the visitor said it
    text = f"{day:%A, %B} {day.day}"
    return text if day.year == date.today().year else f"{text}, {day.year}"


def readable_phone(value: str) -> str:
    """'+17135550100' as '(713) 555-0100'; anything unparsable as it is."""
    try:
        return display_phone(value)
    except Exception:  # noqa: BLE001 - phonenumbers raises its own NumberParseException
        return value


def details(slots: Mapping[str, Any]) -> Dict[str, Any]:
    """The follow-up answers that were given ("unknown" kept: staff should know it was asked)."""
    return {key: slots.get(key) for key in DETAIL_SLOTS if slots.get(key) is not None}


def contact(slots: Mapping[str, Any]) -> Dict[str, Any]:
    return {
        key: slots.get(f"contact_{key}")
        for key in ("name", "phone", "email")
        if _known(slots.get(f"contact_{key}"))
    }


def record(slots: Mapping[str, Any], urgency_reasons: List[str]) -> Dict[str, Any]:
    """The intake row for ``bot.store.save_intake`` from the conversation's slots."""
    return {
        "consent": bool(slots.get("consent")),
        "country": slots.get("country"),
        "state": slots.get("state"),
        "city": slots.get("city"),
        "county": slots.get("county"),
        "location_text": slots.get("location"),
        "situation": slots.get("situation"),
        "situation_text": slots.get("situation_text"),
        "urgent": bool(urgency_reasons),
        "urgency_reasons": list(urgency_reasons),
        "details": details(slots),
        "contact": contact(slots),
        "callback_requested": bool(slots.get("callback_requested")),
        "updates_shown": list(slots.get("updates_shown") or []),
        "safety_flag": slots.get("safety_flag"),
        "language": slots.get("language") or "en",
        "deletion_requested": bool(slots.get("deletion_requested")),
    }


def summary_lines(slots: Mapping[str, Any], urgency_reasons: List[str]) -> List[str]:
    """The lines of the summary shown before saving."""
    lines = [
        f"Where you are: {location_label(slots)}",
        f"Situation: {CATEGORIES.get(slots.get('situation'), 'Not given')}",
    ]
    for key, value in details(slots).items():
        if key == "removal_stage":
            value = STAGE_LABELS.get(value, value)
        elif key == "ice_present_now":
            value = "yes" if value else "no"
        elif value == "unknown":
            value = "not known"
        elif key in DATE_SLOTS:
            value = readable_date(value)
        elif key == "places_mentioned":
            value = ", ".join(value)
        lines.append(f"{DETAIL_LABELS[key]}: {value}")
    person = contact(slots)
    if "phone" in person:
        person["phone"] = readable_phone(person["phone"])
    lines.append(
        "Contact: " + (", ".join(person[k] for k in ("name", "phone", "email") if k in person) or "none given")
    )
    if urgency_reasons:
        lines.append("Marked urgent: " + "; ".join(REASONS[r] for r in urgency_reasons))
    return lines


def updates_query(slots: Mapping[str, Any]) -> Dict[str, Any] | None:
    """What to match posted updates on, once situation and location are both known.

    None until then. Outside the US only national posts can apply, so no
    state or city is passed.
    """
    situation = slots.get("situation")
    if not situation or not _known(slots.get("location")):
        return None
    in_us = slots.get("country") in (None, "United States")
    words = " ".join(str(slots.get(k)) for k in ("situation_text", "details") if _known(slots.get(k)))
    return {
        "situation": situation,
        "state": slots.get("state") if in_us else None,
        "city": slots.get("city") if in_us else None,
        "text": words or None,
    }
