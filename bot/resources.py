"""Official resources and know-your-rights basics for urgent visitors.

Which help fits which urgency is decided here; the words, in each language,
are responses in ``domain.yml`` (its urgent-help part). The facts they quote (addresses,
phone numbers) come from the firm profile, where they carry the date they were
last checked.
"""
from __future__ import annotations

from datetime import datetime
from typing import Dict, Iterable, List, Optional, Tuple

from bot import after_hours
from bot.firm import Firm

#: One message: a response name and the values its ``{placeholders}`` take.
Say = Tuple[str, Dict[str, str]]

#: Know-your-rights response by where agents are (``urgency.live_emergency``);
#: anywhere else gets the home one.
KNOW_YOUR_RIGHTS = {
    "home": "utter_rights_home",
    "work": "utter_rights_work",
    "street": "utter_rights_street",
}

#: Reasons whose help is a court case's status.
_COURT = ("hearing_soon", "checkin_soon", "removal_imminent")


def facts(firm: Firm) -> Dict[str, str]:
    """The values the urgent-help responses quote, from the firm profile."""
    r = firm.resources
    checked = firm.resources_checked
    return {
        "locator_url": r.get("ice_detainee_locator", {}).get("url", "https://locator.ice.gov"),
        "detention_line_phone": r.get("ice_detention_line", {}).get("phone", ""),
        "orr_phone": r.get("orr_parent_hotline", {}).get("phone", ""),
        "eoir_url": r.get("eoir_case_status", {}).get("url", "https://acis.eoir.justice.gov"),
        "eoir_phone": r.get("eoir_case_status", {}).get("phone", "1-800-898-7180"),
        "checked": f" (checked {checked})" if checked else "",
        "checked_es": f" (revisado el {checked})" if checked else "",
    }


def messages_for(reasons: Iterable[str], firm: Firm, place: Optional[str] = None, now: Optional[datetime] = None) -> List[Say]:
    """What to tell an urgent visitor, one message per need, what to do now last.

    Returns [] when there is nothing urgent. Information, never advice: each
    message says where to look or what rights people generally have. ``place``
    ("home", "work", "street" or "other") picks the know-your-rights text for
    agents there now; unknown is the home one. The last messages say to call
    the firm now, or, when the office is closed at ``now``, what works instead
    (``bot.after_hours``).
    """
    reasons = list(reasons)
    if not reasons:
        return []
    values = facts(firm)
    out: List[str] = []
    if "detained_now" in reasons:
        out.append("utter_help_detained")
    if "ice_present_now" in reasons:
        out.append(KNOW_YOUR_RIGHTS.get(place or "home", KNOW_YOUR_RIGHTS["home"]))
    if any(r in reasons for r in _COURT):
        out.append("utter_help_court")
    if "deadline_soon" in reasons:
        out.append("utter_help_deadline")
    return [(name, values) for name in out] + [(name, {**values, **extra}) for name, extra in after_hours.call_responses(firm, now)]
