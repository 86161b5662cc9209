"""What an urgent visitor is told to do now, depending on whether the office is open.

While the office is open: call the firm now. When it is closed (office hours
and closed days in ``firm.yml``, in the firm's time zone), the bot never says
"call now" to an office nobody answers: it says the office is closed and when
it opens, gives the on-call line if the firm has one, and says whether an
attorney on call will be alerted, only when someone is on duty to be alerted.
The official lines (detainee locator, court status) are said before this, as
they work at any hour.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List, Optional, Tuple
from zoneinfo import ZoneInfo

from bot.alerts import oncall

#: The "call us" response while open, and its two after-hours forms.
CALL_NOW = "utter_urgent_call"
CLOSED_ON_CALL_LINE = "utter_urgent_call_on_call"
CLOSED = "utter_urgent_call_closed"
CALL_RESPONSES = (CALL_NOW, CLOSED_ON_CALL_LINE, CLOSED)

_DAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DAYS_ES = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")


def next_opening(firm: Any, now: datetime) -> Optional[datetime]:
    """When the office next opens (local time), within the next 3 weeks; None if never."""
    tz = ZoneInfo(firm.time_zone)
    local = now.astimezone(tz)
    closed = {str(d) for d in (getattr(firm, "closed_days", None) or [])}
    for offset in range(22):
        day = (local + timedelta(days=offset)).date()
        hours = (firm.office_hours or {}).get(oncall.WEEKDAYS[day.weekday()])
        if not hours or day.isoformat() in closed:
            continue
        opens = datetime.combine(day, datetime.strptime(str(hours[0]), "%H:%M").time(), tzinfo=tz)
        if opens > local:
            return opens
    return None


def _opening_words(opens: Optional[datetime], now: datetime) -> Tuple[str, str]:
    if opens is None:
        return "", ""
    local_now = now.astimezone(opens.tzinfo)
    hour_en = opens.strftime("%-I:%M %p").replace(":00 ", " ").lower().replace(" am", " a.m.").replace(" pm", " p.m.")
    hour_es = opens.strftime("%-H:%M")
    if opens.date() == local_now.date():
        day_en, day_es = "today", "hoy"
    elif opens.date() == local_now.date() + timedelta(days=1):
        day_en, day_es = "tomorrow", "mañana"
    else:
        day_en, day_es = _DAYS_EN[opens.weekday()], f"el {_DAYS_ES[opens.weekday()]}"
    return f"{day_en} at {hour_en}", f"{day_es} a las {hour_es}"


def on_call_alerted(firm: Any, now: datetime, kind: str = "urgent") -> bool:
    """Will someone on call be alerted about an intake of ``kind`` saved now?"""
    settings = oncall.load(firm)
    return settings.alerts(kind) and bool(oncall.on_duty(settings, firm, now))


#: Said after the closed-office message when an attorney on call will be alerted.
WILL_BE_ALERTED = "utter_on_call_will_be_alerted"
#: Said once an urgent intake is saved and someone on call has been alerted.
ALERTED = "utter_on_call_alerted"


def variant(base: str, firm: Any, now: Optional[datetime] = None) -> Tuple[str, Dict[str, str]]:
    """``base`` while the office is open; after hours ``base + "_on_call"`` (the firm
    has an on-call line) or ``base + "_closed"``, with the values they quote."""
    now = now or datetime.now(timezone.utc)
    if oncall.office_open(firm, now):
        return base, {}
    settings = oncall.load(firm)
    opens_en, opens_es = _opening_words(next_opening(firm, now), now)
    values = {"opens": opens_en or "as soon as it can", "opens_es": opens_es or "lo antes posible"}
    if settings.phone:
        return f"{base}_on_call", {**values, "on_call_phone": settings.phone_display}
    return f"{base}_closed", values


def call_responses(firm: Any, now: Optional[datetime] = None) -> List[Tuple[str, Dict[str, str]]]:
    """The "what to do now" responses for an urgent visitor, with their values."""
    now = now or datetime.now(timezone.utc)
    out = [variant(CALL_NOW, firm, now)]
    if out[0][0] != CALL_NOW and on_call_alerted(firm, now):
        out.append((WILL_BE_ALERTED, {}))
    return out
