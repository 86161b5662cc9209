"""When an intake is urgent, and why.

Urgent means someone can lose their chance to act within days: a person is
detained now, immigration agents are at the door or the workplace now, a
hearing or ICE check-in is within 14 days, or removal is imminent.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Any, Dict, List, Mapping, Optional

from bot.dates import days_until

URGENT_WITHIN_DAYS = 14

#: Reason code -> plain label for staff and summaries.
REASONS: Dict[str, str] = {
    "detained_now": "Someone is detained now",
    "ice_present_now": "Immigration agents are there now",
    "hearing_soon": "Court hearing within 14 days",
    "checkin_soon": "ICE check-in within 14 days",
    "removal_imminent": "Removal order / removal may be imminent",
}

_ICE_NOW = re.compile(
    r"\b(right now|now|outside|at (my|the) (door|house|home|work|job)|knocking|in front of)\b", re.IGNORECASE
)
_AGENTS = re.compile(r"\b(ice|la migra|migra|immigration agents?|agents?|officers?|cbp|border patrol)\b", re.IGNORECASE)
_IMMINENT = re.compile(
    r"\b(deport(ed|ing)? (me|him|her|them)? ?(tomorrow|today|tonight|this week)|"
    r"removal (tomorrow|today|this week)|on a (plane|flight)|being deported)\b",
    re.IGNORECASE,
)


def text_signals(text: str) -> List[str]:
    """Reasons that a visitor's own words already make plain ("ICE is at my door now")."""
    reasons = []
    if text and _AGENTS.search(text) and _ICE_NOW.search(text):
        reasons.append("ice_present_now")
    if text and _IMMINENT.search(text):
        reasons.append("removal_imminent")
    return reasons


def assess(slots: Mapping[str, Any], today: date, extra: Optional[List[str]] = None) -> List[str]:
    """All urgency reasons for an intake's slots, in a stable order."""
    found = set(extra or [])
    situation = slots.get("situation")
    if situation == "detention":
        found.add("detained_now")
    if slots.get("ice_present_now") is True:
        found.add("ice_present_now")
    stage = slots.get("removal_stage")
    if stage == "removal_order":
        found.add("removal_imminent")
    hearing = slots.get("hearing_date")
    if hearing and hearing != "unknown":
        try:
            day = date.fromisoformat(hearing)
        except ValueError:
            day = None
        if day is not None and 0 <= days_until(day, today) <= URGENT_WITHIN_DAYS:
            found.add("checkin_soon" if stage == "check_in" else "hearing_soon")
    return [code for code in REASONS if code in found]
