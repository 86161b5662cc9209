"""Booking emails: SMTP against a real local server, the outbox otherwise."""
import email
import email.policy
import logging
import socket
from datetime import datetime, timezone

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from bot.booking import mail
from bot.booking import store as booking_store
from bot.booking.attorneys import BookingRules, parse_attorneys
from bot.booking.mail import SmtpConfig, send_cancellation, send_confirmation
from bot.booking.store import Visitor, book
from bot.firm import Firm

UTC = timezone.utc
NOW = datetime(2026, 11, 29, 15, 0, tzinfo=UTC)
FIRM = Firm(
    name="Rivera & Cole Immigration Law", short_name="Rivera & Cole", phone="+1 312-555-0148",
    phone_display="(312) 555-0148", email="intake@riveracole.example", website_origin="http://localhost:8000",
    allowed_origins=[], time_zone="America/Chicago", office_hours_text="Mon-Fri 9-5", disclaimer="-",
    consent_question="-", offices=[{"name": "Chicago office", "address": "200 W Adams St, Chicago, IL 60606"}],
)
RULES = BookingRules()
ATTORNEYS = parse_attorneys(
    [{"id": "ana", "name": "Ana Rivera", "practice_areas": ["removal"], "time_zone": "America/Chicago",
      "consultation_minutes": 30, "buffer_minutes": 15, "hours": {"mon": [["09:00", "12:00"]]}}]
)
SLOT = booking_store.Slot(datetime(2026, 11, 30, 15, 0, tzinfo=UTC), "ana", datetime(2026, 11, 30, 15, 30, tzinfo=UTC))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


class Logins:
    def __init__(self):
        self.seen = []

    def __call__(self, server, session, envelope, mechanism, auth_data):
        self.seen.append((auth_data.login, auth_data.password))
        # handled=False: the server answers 535 itself (and keeps the connection)
        return AuthResult(success=auth_data.password == b"s3cret", handled=False)


@pytest.fixture
def smtp_server():
    inbox, logins = Inbox(), Logins()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=free_port(), authenticator=logins, auth_require_tls=False
    )
    controller.start()
    try:
        yield controller, inbox, logins
    finally:
        controller.stop()


@pytest.fixture
def db():
    db = booking_store.connect(":memory:")
    yield db
    db.close()


@pytest.fixture
def booking(db):
    visitor = Visitor("Rosa Díaz", "rosa@example.com", "312-555-0199", "America/New_York")
    return book(db, SLOT, visitor, "video", attorneys=ATTORNEYS, rules=RULES, now=NOW)


def outbox(db):
    return list(db.query("SELECT kind, reference, recipient, status, error, sent_at, subject, body FROM outbox ORDER BY id"))


def test_confirmation_through_a_real_smtp_server(db, booking, smtp_server, caplog):
    controller, inbox, logins = smtp_server
    config = SmtpConfig(host="127.0.0.1", port=controller.port, user="bot", password="s3cret",
                        sender="bookings@riveracole.example", starttls=False)
    with caplog.at_level(logging.DEBUG):
        status = send_confirmation(db, booking, attorney_name="Ana Rivera", firm=FIRM, smtp=config, now=NOW)
    assert status == "sent"
    assert logins.seen == [(b"bot", b"s3cret")]
    (envelope,) = inbox.envelopes
    assert envelope.rcpt_tos == ["rosa@example.com"]
    assert envelope.mail_from == "bookings@riveracole.example"
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert booking.reference in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    assert "Monday, November 30, 2026 at 10:00 AM Eastern Time (EST)" in body
    assert "Ana Rivera" in body and "Video call" in body and "(312) 555-0148" in body
    (invite,) = [part for part in message.iter_attachments() if part.get_content_type() == "text/calendar"]
    assert b"DTSTART:20261130T150000Z" in invite.get_content().encode()
    (row,) = outbox(db)
    assert (row["kind"], row["reference"], row["status"], row["sent_at"]) == ("confirmation", booking.reference, "sent", "2026-11-29T15:00:00Z")
    # our logs name the reference only (the test server's own logs are not ours)
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("bot."))
    assert booking.reference in logged
    for detail in ("rosa@example.com", "Rosa", "555-0199"):
        assert detail not in logged


def test_without_smtp_the_email_waits_in_the_outbox(db, booking, monkeypatch):
    monkeypatch.delenv("SMTP_HOST", raising=False)
    status = send_confirmation(db, booking, attorney_name="Ana Rivera", firm=FIRM, now=NOW)  # reads the environment
    assert status == "queued"
    (row,) = outbox(db)
    assert (row["status"], row["recipient"], row["sent_at"]) == ("queued", "rosa@example.com", None)
    assert booking.reference in row["subject"] and "Ana Rivera" in row["body"]


def test_a_delivery_failure_is_recorded_not_raised(db, booking):
    config = SmtpConfig(host="127.0.0.1", port=free_port(), starttls=False, timeout=2)  # nobody listening
    status = send_confirmation(db, booking, attorney_name="Ana Rivera", firm=FIRM, smtp=config, now=NOW)
    assert status == "failed"
    (row,) = outbox(db)
    assert row["status"] == "failed" and row["error"] == "ConnectionRefusedError"


def test_a_refused_login_is_a_failure(db, booking, smtp_server):
    controller, inbox, _ = smtp_server
    config = SmtpConfig(host="127.0.0.1", port=controller.port, user="bot", password="wrong", starttls=False)
    assert send_confirmation(db, booking, attorney_name="Ana Rivera", firm=FIRM, smtp=config, now=NOW) == "failed"
    assert inbox.envelopes == []
    assert outbox(db)[0]["error"] == "SMTPAuthenticationError 535"


def test_cancellation_email(db, booking, smtp_server):
    controller, inbox, _ = smtp_server
    config = SmtpConfig(host="127.0.0.1", port=controller.port, starttls=False)
    cancelled = booking_store.cancel(db, booking.reference, "rosa@example.com", attorneys=ATTORNEYS, now=NOW)
    assert send_cancellation(db, cancelled, attorney_name="Ana Rivera", firm=FIRM, smtp=config, now=NOW) == "sent"
    message = email.message_from_bytes(inbox.envelopes[0].content, policy=email.policy.default)
    assert "cancelled" in message["Subject"]
    (invite,) = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert "METHOD:CANCEL" in invite.get_content()


def test_smtp_settings_from_the_environment():
    assert SmtpConfig.from_env({}) is None
    assert SmtpConfig.from_env({"SMTP_HOST": "mail.example.com"}) == SmtpConfig(host="mail.example.com", port=587, starttls=True)
    config = SmtpConfig.from_env({
        "SMTP_HOST": "mail.example.com", "SMTP_PORT": "2525", "SMTP_USER": "u", "SMTP_PASSWORD": "p",
        "SMTP_FROM": "bookings@example.com", "SMTP_STARTTLS": "false",
    })
    assert config == SmtpConfig("mail.example.com", 2525, "u", "p", "bookings@example.com", starttls=False)
    assert SmtpConfig.from_env({"SMTP_HOST": "h", "SMTP_STARTTLS": "0"}).port == 25


def test_unknown_kind_is_refused(booking):
    with pytest.raises(ValueError):
        mail.build_message(booking, "spam", attorney_name="Ana Rivera", firm=FIRM)


@pytest.mark.parametrize("kind", ["confirmation", "reminder"])
def test_a_booking_made_in_spanish_gets_its_emails_and_invite_in_spanish(db, smtp_server, kind):
    controller, inbox, _ = smtp_server
    config = SmtpConfig(host="127.0.0.1", port=controller.port, starttls=False)
    visitor = Visitor("Rosa Díaz", "rosa@example.com", "312-555-0199", "America/Los_Angeles", language="es")
    made = book(db, SLOT, visitor, "phone", attorneys=ATTORNEYS, rules=RULES, now=NOW)
    assert mail.send_booking_email(db, made, kind, attorney_name="Ana Rivera", firm=FIRM, smtp=config, now=NOW) == "sent"
    message = email.message_from_bytes(inbox.envelopes[0].content, policy=email.policy.default)
    subject, body = message["Subject"].strip(), message.get_body(("plain",)).get_content()
    assert made.reference in subject
    assert subject.startswith("Su consulta con Rivera & Cole") if kind == "confirmation" else subject.startswith("Recordatorio")
    assert body.startswith("Hola, Rosa Díaz:")
    assert "Cuándo: lunes 30 de noviembre de 2026, 7:00 a. m., hora del Pacífico (PST)" in body
    assert "Cómo: Llamada telefónica" in body and "el abogado le llamará" in body and "llámenos al (312) 555-0148" in body
    for english in ("When:", "Hello", "Phone call", "To reschedule"):
        assert english not in body
    (invite,) = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert "SUMMARY:Consulta con Ana Rivera (Rivera & Cole)" in invite.get_content()
