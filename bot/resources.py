"""Official resources and know-your-rights basics for urgent visitors.

The facts (phone numbers, URLs) come from the firm profile, where they carry
the date they were last checked; this module only decides which fit.
"""
from __future__ import annotations

from typing import Iterable, List, Optional

from bot.firm import Firm

#: Know-your-rights basics by where agents are (``urgency.live_emergency``).
#: General information only, from published know-your-rights materials.
KNOW_YOUR_RIGHTS = {
    "home": (
        "Know your rights: you do not have to open the door. Only a warrant signed by a judge "
        "that names the person lets agents enter a home; ICE forms I-200 and I-205 are not "
        "signed by a judge. You may stay silent and may refuse to sign anything until you have "
        "spoken with a lawyer. Do not lie, show false papers or resist physically."
    ),
    "work": (
        "Know your rights at work: do not run, because running can be used as a reason to detain "
        "you. Stay calm. You may stay silent, and you may refuse to sign anything until you have "
        "spoken with a lawyer; you can ask to speak with one. Do not lie, show false papers or "
        "resist physically. Agents need a warrant signed by a judge or the employer's consent to "
        "enter areas of a workplace that are not open to the public."
    ),
    "street": (
        "Know your rights: stay calm and do not run. You may stay silent, and you may ask whether "
        "you are free to leave. You may refuse to sign anything until you have spoken with a "
        "lawyer. Do not lie, show false papers or resist physically."
    ),
}


def _resource(firm: Firm, key: str) -> dict:
    return firm.resources.get(key, {})


def messages_for(reasons: Iterable[str], firm: Firm, place: Optional[str] = None) -> List[str]:
    """What to tell an urgent visitor, one message per need, firm phone last.

    Returns [] when there is nothing urgent. Information, never advice: each
    line says where to look or what rights people generally have. ``place``
    (``urgency.live_emergency``: "home", "work", "street" or "other") picks
    the know-your-rights text for agents there now; unknown is the home one.
    """
    reasons = list(reasons)
    if not reasons:
        return []
    checked = f" (checked {firm.resources_checked})" if firm.resources_checked else ""
    out: List[str] = []
    if "detained_now" in reasons:
        locator = _resource(firm, "ice_detainee_locator")
        line = _resource(firm, "ice_detention_line")
        orr = _resource(firm, "orr_parent_hotline")
        out.append(
            "To find someone in ICE custody: the "
            f"{locator.get('label', 'ICE Online Detainee Locator')} ({locator.get('url', 'https://locator.ice.gov')}). "
            f"{locator.get('note', '')} "
            f"You can also call the {line.get('label', 'ICE detention line')} at {line.get('phone', '')}"
            f" ({line.get('note', '').rstrip('.')}). "
            f"If a child is held, the {orr.get('label', 'ORR Parent Hotline')} is {orr.get('phone', '')}. "
            "Calls from detention may be monitored, so it's best not to discuss immigration history on them."
            + checked
        )
    if "ice_present_now" in reasons:
        out.append(KNOW_YOUR_RIGHTS.get(place or "home", KNOW_YOUR_RIGHTS["home"]))
    if "hearing_soon" in reasons or "checkin_soon" in reasons or "removal_imminent" in reasons:
        eoir = _resource(firm, "eoir_case_status")
        out.append(
            f"To check a court case: {eoir.get('url', 'https://acis.eoir.justice.gov')} or "
            f"{eoir.get('phone', '1-800-898-7180')} with the 9-digit A-number. "
            f"{eoir.get('note', '')} Missing a court hearing can lead to a removal order, so "
            "please talk to a lawyer before the date." + checked
        )
    if "deadline_soon" in reasons:
        out.append(
            "Missing a filing deadline (for example the one-year asylum deadline, an appeal, or a "
            "response to a government notice) can end the chance to apply or appeal, so please talk "
            "to a lawyer right away."
        )
    out.append(
        f"This sounds urgent. Please call {firm.short_name} now at {firm.phone_display} "
        f"({firm.office_hours_text}). I'll keep taking your details so our team is ready."
    )
    return [" ".join(m.split()) for m in out]
