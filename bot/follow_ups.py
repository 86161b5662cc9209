"""What the assistant adds after an intake answer: urgent help, the firm's posts, the callback.

The intake form's validation (``actions/intake_form.py``) asks this once per
turn, after the answers are validated, and carries out what it says.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple

from bot import after_hours, intake, resources, urgency
from bot.firm import Firm

#: Answers after which the firm's posts may fit better (or fit for the first time).
UPDATES_FOLLOW = frozenset({"consent", "situation", "location", "location_state", "details"})

#: Replies that already said what to do now, when an interruption of this turn gave one.
WHAT_NOW = frozenset(after_hours.CALL_RESPONSES) | {after_hours.WILL_BE_ALERTED}


@dataclass
class FollowUps:
    """What to say and set after this turn's answers."""

    messages: List[Tuple[str, Dict[str, Any]]] = field(default_factory=list)
    slots: Dict[str, Any] = field(default_factory=dict)
    #: The posts to look up (``updates.for_visitor`` keywords), or None.
    updates_query: Optional[Dict[str, Any]] = None
    #: Whether to save the intake now with a callback requested.
    record_callback: bool = False
    reasons: List[str] = field(default_factory=list)


def after_answers(
    slots: Mapping[str, Any],
    changed: Iterable[str],
    *,
    reply_language: str,
    said_this_turn: Iterable[str],
    latest_text: str,
    firm: Firm,
    today: date,
    now: datetime,
) -> FollowUps:
    """Urgent help as soon as urgency is known, the posts once consent is given, the callback once contact is known.

    ``slots`` already holds this turn's validated values; ``changed`` names the
    slots this turn answered; ``said_this_turn`` the responses already sent in it.
    """
    out = FollowUps()
    if reply_language != slots.get("reply_language"):
        # One English answer in a Spanish conversation: the next question stays in Spanish.
        out.slots["reply_language"] = reply_language
    reasons = urgency.assess(slots, today, extra=slots.get("urgency_reasons") or [])
    out.reasons = reasons
    notified = list(slots.get("urgency_notified") or [])
    new = [r for r in reasons if r not in notified]
    if new:
        told_what_now = bool(WHAT_NOW & set(said_this_turn))
        for response, values in resources.messages_for(
                new, firm, place=urgency.agents_place(latest_text, slots.get("situation_text") or ""), now=now):
            if told_what_now and response in WHAT_NOW:
                continue  # the interruption's help in this turn already said "call us now" (or what works after hours)
            out.messages.append((response, values))
        out.slots["urgency_notified"] = notified + new
    if reasons != (slots.get("urgency_reasons") or []):
        out.slots["urgency_reasons"] = reasons
    # A first message can say everything ("ICE took my husband in Chicago"):
    # the greeting and consent question come first, the posts after "yes".
    if UPDATES_FOLLOW & set(changed) and slots.get("consent") is True:
        out.updates_query = intake.updates_query(slots)
    out.record_callback = bool(
        slots.get("callback_requested")
        and not slots.get("callback_recorded")
        and slots.get("consent")
        and slots.get("contact_name") is not None
        and slots.get("contact_phone") is not None
    )
    return out
