"""Who is alerted, and when: ``firm.yml``'s ``on_call`` section and the office's open hours.

The rota is in order. The first person on duty is alerted first; when an
urgent alert is not acknowledged within ``escalate_after_minutes``, the next
person on duty is alerted, and so on down the rota.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timezone
from typing import Any, FrozenSet, List, Mapping, Optional, Tuple
from zoneinfo import ZoneInfo

import phonenumbers
from email_validator import EmailNotValidError, validate_email

#: What can alert the people on call. ``urgent``: detained now, agents present
#: now, a hearing or deadline soon; ``safety``: a person who may be in danger;
#: ``callback``: a visitor asked to be called; ``booking``: a consultation was
#: booked, rescheduled or cancelled.
KINDS: Tuple[str, ...] = ("safety", "urgent", "callback", "booking")

#: Kinds that move down the rota when nobody acknowledges them.
ESCALATING: FrozenSet[str] = frozenset({"safety", "urgent"})

#: When a person is on duty.
DUTIES: Tuple[str, ...] = ("always", "office_hours", "after_hours")

WEBHOOK_FORMATS: Tuple[str, ...] = ("json", "slack", "mattermost", "teams")

WEEKDAYS: Tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

DEFAULT_ESCALATE_AFTER_MINUTES = 15


@dataclass(frozen=True)
class Person:
    name: str
    email: Optional[str] = None
    sms: Optional[str] = None  # E.164
    when: str = "always"


@dataclass(frozen=True)
class OnCall:
    rota: Tuple[Person, ...] = ()
    alert_on: FrozenSet[str] = frozenset(KINDS)
    escalate_after_minutes: int = DEFAULT_ESCALATE_AFTER_MINUTES
    #: The number urgent visitors may call when the office is closed ("" when none).
    phone: str = ""
    phone_display: str = ""
    webhook_format: str = "json"
    #: Where alerts link to (default: the firm's site + ``/staff``).
    staff_url: str = ""

    def alerts(self, kind: str) -> bool:
        return kind in self.alert_on


def _phone(value: Any, where: str) -> str:
    try:
        number = phonenumbers.parse(str(value), "US")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValueError(f"{where}: {value!r} is not a phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _person(raw: Any, index: int) -> Person:
    where = f"on_call.rota[{index}]"
    if not isinstance(raw, Mapping) or not str(raw.get("name") or "").strip():
        raise ValueError(f"{where}: each person needs a name")
    email = str(raw.get("email") or "").strip() or None
    if email:
        try:
            email = validate_email(email, check_deliverability=False).normalized
        except EmailNotValidError as exc:
            raise ValueError(f"{where}: {exc}") from None
    sms = _phone(raw["sms"], f"{where}.sms") if raw.get("sms") else None
    if not email and not sms:
        raise ValueError(f"{where}: give an email or an sms number")
    when = str(raw.get("when") or "always")
    if when not in DUTIES:
        raise ValueError(f"{where}.when: one of {', '.join(DUTIES)}")
    return Person(name=str(raw["name"]).strip(), email=email, sms=sms, when=when)


_loaded: List[Tuple[Any, OnCall]] = []


def load(firm: Any) -> OnCall:
    """The firm's on-call settings, checked; ``ValueError`` names what is wrong.

    Read once per firm profile object (the bot asks on every urgent message)."""
    for known, settings in _loaded:
        if known is firm:
            return settings
    settings = _load(firm)
    _loaded[:] = [(firm, settings)]
    return settings


def _load(firm: Any) -> OnCall:
    raw = getattr(firm, "on_call", None) or {}
    if not isinstance(raw, Mapping):
        raise ValueError("on_call: expected a mapping")
    alert_on = raw.get("alert_on", list(KINDS))
    unknown = sorted(set(alert_on) - set(KINDS))
    if unknown:
        raise ValueError(f"on_call.alert_on: unknown {', '.join(unknown)} (known: {', '.join(KINDS)})")
    fmt = str(raw.get("webhook_format") or "json")
    if fmt not in WEBHOOK_FORMATS:
        raise ValueError(f"on_call.webhook_format: one of {', '.join(WEBHOOK_FORMATS)}")
    minutes = int(raw.get("escalate_after_minutes") or DEFAULT_ESCALATE_AFTER_MINUTES)
    if minutes < 1:
        raise ValueError("on_call.escalate_after_minutes: at least 1")
    phone = _phone(raw["phone"], "on_call.phone") if raw.get("phone") else ""
    display = str(raw.get("phone_display") or "").strip()
    if phone and not display:
        display = phonenumbers.format_number(phonenumbers.parse(phone), phonenumbers.PhoneNumberFormat.NATIONAL)
    staff_url = str(raw.get("staff_url") or "").rstrip("/") or str(getattr(firm, "website_origin", "")).rstrip("/") + "/staff"
    return OnCall(
        rota=tuple(_person(p, i) for i, p in enumerate(raw.get("rota") or [])),
        alert_on=frozenset(alert_on),
        escalate_after_minutes=minutes,
        phone=phone,
        phone_display=display,
        webhook_format=fmt,
        staff_url=staff_url,
    )


def _local(firm: Any, when: datetime) -> datetime:
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(ZoneInfo(firm.time_zone))


def office_open(firm: Any, when: datetime) -> bool:
    """Is the office open at ``when`` (office hours in the firm's time zone, closed days excluded)?"""
    local = _local(firm, when)
    if local.date().isoformat() in {str(d) for d in (getattr(firm, "closed_days", None) or [])}:
        return False
    hours = (firm.office_hours or {}).get(WEEKDAYS[local.weekday()])
    if not hours:
        return False
    start, end = (time.fromisoformat(str(h)) for h in hours)
    return start <= local.time().replace(tzinfo=None) < end


def on_duty(on_call: OnCall, firm: Any, when: datetime) -> List[Person]:
    """The rota's people on duty at ``when``, in rota order."""
    is_open = office_open(firm, when)
    return [
        p for p in on_call.rota
        if p.when == "always" or (p.when == "office_hours") == is_open
    ]
