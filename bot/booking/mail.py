"""Booking emails: confirmation, reminder, cancellation.

Sent through SMTP when ``SMTP_HOST`` is set (with ``SMTP_PORT``,
``SMTP_USER``, ``SMTP_PASSWORD``, ``SMTP_FROM``, ``SMTP_STARTTLS``);
otherwise kept in the ``outbox`` table with status ``queued`` for staff to
send. Every email is recorded in the outbox with its status (``sent``,
``queued`` or ``failed``). Logs name the reference code only, never the
visitor's name or address.
"""
from __future__ import annotations

import logging
import os
import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from typing import TYPE_CHECKING, Any, Mapping, Optional

import sqlite_utils

from bot.booking import ics, wording
from bot.booking.availability import as_utc, format_slot, utcnow
from bot.booking.store import Booking, format_utc

if TYPE_CHECKING:
    from bot.firm import Firm

log = logging.getLogger(__name__)

KINDS = ("confirmation", "reminder", "cancellation")


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int = 587
    user: Optional[str] = None
    password: Optional[str] = None
    sender: Optional[str] = None
    starttls: bool = True
    timeout: float = 20.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Optional["SmtpConfig"]:
        """The SMTP settings from the environment; None when ``SMTP_HOST`` is not set."""
        host = (env.get("SMTP_HOST") or "").strip()
        if not host:
            return None
        starttls = (env.get("SMTP_STARTTLS") or "true").strip().lower() not in ("0", "false", "no", "off", "")
        port = int(env.get("SMTP_PORT") or (587 if starttls else 25))
        return cls(
            host=host,
            port=port,
            user=env.get("SMTP_USER") or None,
            password=env.get("SMTP_PASSWORD") or None,
            sender=env.get("SMTP_FROM") or None,
            starttls=starttls,
        )


#: Pass as ``smtp`` to read the environment (the default); pass None to queue only.
FROM_ENV: Any = object()


def ensure_outbox(db: sqlite_utils.Database) -> None:
    if "outbox" not in db.table_names():
        db.table("outbox").create(
            {
                "id": int,
                "created_at": str,
                "kind": str,
                "reference": str,
                "recipient": str,
                "subject": str,
                "body": str,
                "status": str,
                "error": str,
                "sent_at": str,
            },
            pk="id",
            not_null={"created_at", "kind", "recipient", "subject", "body", "status"},
        )
        db.table("outbox").create_index(["status", "created_at"])
        db.table("outbox").create_index(["reference"])


def record(
    db: sqlite_utils.Database,
    *,
    kind: str,
    reference: str,
    recipient: str,
    subject: str,
    body: str,
    status: str,
    error: Optional[str] = None,
    now: Optional[datetime] = None,
) -> None:
    """Keep one email in the outbox with its status (``sent``, ``queued`` or ``failed``)."""
    now = as_utc(now or utcnow())
    ensure_outbox(db)
    db.table("outbox").insert(
        {
            "created_at": format_utc(now),
            "kind": kind,
            "reference": reference,
            "recipient": recipient,
            "subject": subject,
            "body": body,
            "status": status,
            "error": error,
            "sent_at": format_utc(now) if status == "sent" else None,
        }
    )


def _firm(firm: Optional[Firm]) -> Firm:
    if firm is None:
        from bot.firm import firm as current_firm

        firm = current_firm()
    return firm


def build_message(
    booking: Booking,
    kind: str,
    *,
    attorney_name: str,
    firm: Any,
    sender: Optional[str] = None,
) -> EmailMessage:
    """The email for a booking, with the .ics invite attached."""
    if kind not in KINDS:
        raise ValueError(f"unknown email kind {kind!r}")
    language = wording.language_of(booking.language)
    say = wording.words(language)
    when = format_slot(booking.start, booking.visitor_tz, long=True, language=language)
    short_when = format_slot(booking.start, booking.visitor_tz, language=language)
    how = wording.mode_label(booking.mode, language)
    location = ics.location(booking, firm)
    subject = say[f"subject_{kind}"].format(firm=firm.short_name, when=short_when, reference=booking.reference)
    opening = say[f"opening_{kind}"].format(attorney=attorney_name)
    lines = [
        say["hello"].format(name=booking.name),
        "",
        opening,
        "",
        f"{say['when']}: {when}",
        f"{say['with']}: {attorney_name}",
        f"{say['how']}: {how}",
        f"{say['where']}: {location}",
        f"{say['reference']}: {booking.reference}",
        "",
    ]
    if kind != "cancellation":
        lines += [say["manage"].format(contact=firm.contact_line), ""]
    lines += [firm.name, firm.phone_display]

    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = formataddr((firm.name, sender or firm.email))
    message["To"] = booking.email
    message["Message-ID"] = make_msgid(domain=(firm.email or "").rpartition("@")[2] or None)
    message.set_content("\n".join(lines))
    message.add_attachment(
        ics.booking_ics(booking, attorney_name, firm=firm),
        maintype="text",
        subtype="calendar",
        filename=ics.filename(booking),
        params={"method": "CANCEL" if booking.status != "confirmed" else "PUBLISH"},
    )
    return message


def deliver(message: EmailMessage, smtp: SmtpConfig) -> None:
    """Send one message through SMTP (raises ``smtplib.SMTPException`` or ``OSError``)."""
    with smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout) as client:
        if smtp.starttls:
            client.starttls(context=ssl.create_default_context())
        if smtp.user:
            client.login(smtp.user, smtp.password or "")
        client.send_message(message)


def send_booking_email(
    db: sqlite_utils.Database,
    booking: Booking,
    kind: str,
    *,
    attorney_name: Optional[str] = None,
    firm: Any = None,
    smtp: Any = FROM_ENV,
    now: Optional[datetime] = None,
) -> str:
    """Send (or queue) one email and record it in the outbox; returns its
    status: ``sent``, ``queued`` (no SMTP configured) or ``failed``. Never raises
    for a delivery problem: the booking stands, and staff see the failure."""
    firm = _firm(firm)
    if smtp is FROM_ENV:
        smtp = SmtpConfig.from_env()
    now = as_utc(now or utcnow())
    message = build_message(
        booking, kind, attorney_name=attorney_name or booking.attorney_id, firm=firm, sender=smtp.sender if smtp else None
    )
    status, error = "queued", None
    if smtp is not None:
        try:
            deliver(message, smtp)
            status = "sent"
        except (smtplib.SMTPException, OSError) as exc:
            # The class and SMTP code only: server messages can quote the address.
            code = getattr(exc, "smtp_code", None)
            status, error = "failed", type(exc).__name__ + (f" {code}" if code else "")
    plain = message.get_body(("plain",))
    assert plain is not None  # every booking email has a plain-text part
    record(db, kind=kind, reference=booking.reference, recipient=booking.email, subject=message["Subject"],
           body=plain.get_content(), status=status, error=error, now=now)
    log.info("%s email for booking %s: %s%s", kind, booking.reference, status, f" ({error})" if error else "")
    return status


def send_confirmation(db: sqlite_utils.Database, booking: Booking, **kwargs: Any) -> str:
    return send_booking_email(db, booking, "confirmation", **kwargs)


def send_reminder(db: sqlite_utils.Database, booking: Booking, **kwargs: Any) -> str:
    return send_booking_email(db, booking, "reminder", **kwargs)


def send_cancellation(db: sqlite_utils.Database, booking: Booking, **kwargs: Any) -> str:
    return send_booking_email(db, booking, "cancellation", **kwargs)
