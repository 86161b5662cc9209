"""What an alert says: the minimum a person on call needs, and never the visitor's story.

An alert carries its reason, the visitor's city and state, the time, and two
links: the intake in ``/staff`` (behind the login) and a signed link that
acknowledges the alert. Names, phone numbers and what the visitor wrote stay
behind the login.
"""
from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List, Mapping, Optional
from zoneinfo import ZoneInfo

from bot.alerts.queue import KIND_LABELS, Delivery
from bot.urgency import REASONS

#: A signed acknowledgement link works for this long.
ACK_LINK_LIFETIME = timedelta(days=7)

BOOKING_EVENTS = {"made": "booked", "rescheduled": "rescheduled", "cancelled": "cancelled"}


@dataclass(frozen=True)
class AlertMessage:
    subject: str
    text: str
    intake_url: str
    ack_url: str
    fields: Dict[str, Any]


def _signature(key: bytes, delivery_id: int, expires: int) -> str:
    return hmac.new(key, f"alert-ack:{delivery_id}:{expires}".encode(), hashlib.sha256).hexdigest()[:32]


def ack_token(key: bytes, delivery_id: int, now: datetime) -> str:
    """A token that acknowledges the alert of one delivery until it expires."""
    expires = int((now + ACK_LINK_LIFETIME).timestamp())
    return f"{delivery_id}.{expires}.{_signature(key, delivery_id, expires)}"


def read_ack_token(key: bytes, token: str, now: datetime) -> Optional[int]:
    """The delivery id of a valid, unexpired token; None otherwise."""
    try:
        delivery_id, expires, signature = token.split(".")
        delivery, until = int(delivery_id), int(expires)
    except ValueError:
        return None
    if not hmac.compare_digest(signature, _signature(key, delivery, until)):
        return None
    if now.timestamp() > until:
        return None
    return delivery


def _when(created_at: str, time_zone: str) -> str:
    at = datetime.fromisoformat(created_at)
    if at.tzinfo is None:
        at = at.replace(tzinfo=timezone.utc)
    local = at.astimezone(ZoneInfo(time_zone))
    return local.strftime("%a %b %-d, %-I:%M %p %Z")


def _place(intake: Mapping[str, Any]) -> str:
    parts = [str(intake.get(k) or "").strip() for k in ("city", "state")]
    return ", ".join(p for p in parts if p) or str(intake.get("country") or "").strip() or "place not given"


def _reasons(alert: Mapping[str, Any], intake: Mapping[str, Any]) -> List[str]:
    if alert["kind"] == "urgent":
        return [REASONS.get(code, code) for code in intake.get("urgency_reasons") or []]
    if alert["kind"] == "booking":
        event = str(alert.get("event") or "").split(":", 1)[0]
        return [f"Consultation {BOOKING_EVENTS.get(event, event)}"]
    return []


def build(
    alert: Mapping[str, Any],
    intake: Mapping[str, Any],
    delivery: Delivery,
    *,
    firm: Any,
    staff_url: str,
    key: bytes,
    now: datetime,
) -> AlertMessage:
    """The alert for one delivery."""
    label = KIND_LABELS.get(alert["kind"], alert["kind"])
    reasons = _reasons(alert, intake)
    place = _place(intake)
    when = _when(alert["created_at"], firm.time_zone)
    intake_url = f"{staff_url}/intakes/{intake['id']}"
    ack_url = f"{staff_url}/alerts/ack/{ack_token(key, delivery.id, now)}"
    headline = f"{label}: intake #{intake['id']}"
    lines = [headline]
    lines += [f"- {r}" for r in reasons]
    lines += [f"Where: {place}", f"When: {when}", f"Open the intake: {intake_url}"]
    if alert["kind"] != "booking":
        lines.append(f"Acknowledge: {ack_url}")
    return AlertMessage(
        subject=f"[{firm.short_name}] {headline}",
        text="\n".join(lines),
        intake_url=intake_url,
        ack_url=ack_url,
        fields={
            "alert_id": alert["id"],
            "kind": alert["kind"],
            "label": label,
            "reasons": reasons,
            "intake_id": intake["id"],
            "place": place,
            "raised_at": alert["created_at"],
            "intake_url": intake_url,
            "acknowledge_url": ack_url if alert["kind"] != "booking" else None,
        },
    )


def sms_text(message: AlertMessage) -> str:
    """One short SMS: the headline, the place and the acknowledge link."""
    f = message.fields
    reasons = "; ".join(f["reasons"])
    parts = [f"{f['label']}: intake #{f['intake_id']}", reasons, f["place"], message.intake_url]
    return " | ".join(p for p in parts if p)


def webhook_body(message: AlertMessage, fmt: str) -> bytes:
    """The JSON a webhook receives: the alert's fields (``json``), or a chat message."""
    if fmt == "json":
        payload: Dict[str, Any] = {"type": "intake_alert", **message.fields}
    elif fmt in ("slack", "mattermost"):
        payload = {"text": message.text}
    elif fmt == "teams":
        payload = {
            "@type": "MessageCard",
            "@context": "https://schema.org/extensions",
            "summary": message.subject,
            "text": message.text.replace("\n", "  \n"),
        }
    else:
        raise ValueError(f"unknown webhook format {fmt!r}")
    return json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")


def webhook_signature(secret: bytes, timestamp: str, body: bytes) -> str:
    """``sha256=<hex>`` of HMAC-SHA256 over ``<timestamp>.<body>`` (a receiver recomputes it)."""
    return "sha256=" + hmac.new(secret, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def verify_webhook(secret: bytes, timestamp: str, body: bytes, signature: str) -> bool:
    return hmac.compare_digest(webhook_signature(secret, timestamp, body), signature)


