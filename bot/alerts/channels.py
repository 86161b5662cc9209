"""How alerts travel: email (SMTP, or the outbox), a signed webhook, and SMS through a provider.

Addresses and secrets come from the environment, never from ``firm.yml``:

- email: the booking emails' SMTP settings (``SMTP_HOST`` ...); without them
  the alert waits in the ``outbox`` table, as booking emails do;
- webhook: ``ALERT_WEBHOOK_URL`` and ``ALERT_WEBHOOK_SECRET`` (the HMAC key);
- SMS: ``ALERT_SMS_PROVIDER`` (``twilio``, the default when
  ``TWILIO_ACCOUNT_SID`` is set) with the provider's own variables.

Each sender takes one delivery and raises :class:`DeliveryError` with a short
reason (a status code or an error class) when it does not go through.
"""
from __future__ import annotations

import os
import smtplib
import time
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from typing import Any, Callable, Dict, Mapping, Optional, Protocol

import httpx

from bot.alerts import message as alert_message
from bot.alerts.queue import DeliveryError
from bot.booking import mail

TIMEOUT = httpx.Timeout(10.0)


class SmsProvider(Protocol):
    """Anything that sends one text message; raises :class:`DeliveryError` on failure."""

    def send_sms(self, to: str, body: str) -> None: ...


class TwilioSms:
    """Twilio's Messages API (``POST /2010-04-01/Accounts/{sid}/Messages.json``), called with httpx.

    ``TWILIO_ACCOUNT_SID``, ``TWILIO_AUTH_TOKEN``, and ``TWILIO_FROM`` (a
    number) or ``TWILIO_MESSAGING_SERVICE_SID``; ``TWILIO_API_BASE`` points
    elsewhere (tests use a local fake server).
    """

    def __init__(self, account_sid: str, auth_token: str, *, sender: str = "", messaging_service: str = "",
                 base_url: str = "https://api.twilio.com", client: Optional[httpx.Client] = None):
        if not (sender or messaging_service):
            raise ValueError("Twilio needs TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID")
        self.account_sid, self.auth_token = account_sid, auth_token
        self.sender, self.messaging_service = sender, messaging_service
        self.base_url = base_url.rstrip("/")
        self.client = client  # None: a short-lived client per message (the worker sends few)

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Optional["TwilioSms"]:
        sid, token = env.get("TWILIO_ACCOUNT_SID", ""), env.get("TWILIO_AUTH_TOKEN", "")
        if not (sid and token):
            return None
        return cls(sid, token, sender=env.get("TWILIO_FROM", ""), messaging_service=env.get("TWILIO_MESSAGING_SERVICE_SID", ""),
                   base_url=env.get("TWILIO_API_BASE") or "https://api.twilio.com")

    def send_sms(self, to: str, body: str) -> None:
        data = {"To": to, "Body": body}
        if self.messaging_service:
            data["MessagingServiceSid"] = self.messaging_service
        else:
            data["From"] = self.sender
        url = f"{self.base_url}/2010-04-01/Accounts/{self.account_sid}/Messages.json"
        try:
            if self.client is None:
                with httpx.Client(timeout=TIMEOUT) as own:
                    response = own.post(url, data=data, auth=(self.account_sid, self.auth_token))
            else:
                response = self.client.post(url, data=data, auth=(self.account_sid, self.auth_token))
        except httpx.HTTPError as exc:
            raise DeliveryError(f"twilio {type(exc).__name__}") from None
        if response.status_code >= 300:
            code = ""
            try:
                code = f" code {response.json().get('code')}"
            except ValueError:
                pass
            raise DeliveryError(f"twilio HTTP {response.status_code}{code}")


#: SMS providers by the name ``ALERT_SMS_PROVIDER`` gives; add one here to swap.
SMS_PROVIDERS: Dict[str, Callable[[Mapping[str, str]], Optional[SmsProvider]]] = {"twilio": TwilioSms.from_env}


def sms_provider(env: Mapping[str, str] = os.environ) -> Optional[SmsProvider]:
    name = env.get("ALERT_SMS_PROVIDER") or ("twilio" if env.get("TWILIO_ACCOUNT_SID") else "")
    if not name:
        return None
    if name not in SMS_PROVIDERS:
        raise ValueError(f"ALERT_SMS_PROVIDER: unknown provider {name!r} (known: {', '.join(SMS_PROVIDERS)})")
    return SMS_PROVIDERS[name](env)


def post_webhook(url: str, body: bytes, *, secret: bytes, idempotency_key: str, client: Optional[httpx.Client] = None) -> None:
    """POST a signed JSON body; receivers check ``X-Intake-Signature`` over ``<X-Intake-Timestamp>.<body>``."""
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "X-Intake-Timestamp": timestamp,
        "X-Intake-Signature": alert_message.webhook_signature(secret, timestamp, body),
        "Idempotency-Key": idempotency_key,
    }
    try:
        if client is None:
            with httpx.Client(timeout=TIMEOUT) as own:
                response = own.post(url, content=body, headers=headers)
        else:
            response = client.post(url, content=body, headers=headers)
    except httpx.HTTPError as exc:
        raise DeliveryError(f"webhook {type(exc).__name__}") from None
    if response.status_code >= 300:
        raise DeliveryError(f"webhook HTTP {response.status_code}")


def send_email(db: Any, to: str, msg: "alert_message.AlertMessage", *, firm: Any, smtp: Any = mail.FROM_ENV) -> str:
    """Email an alert, or leave it in the outbox when SMTP is not set; returns the outbox status."""
    if smtp is mail.FROM_ENV:
        smtp = mail.SmtpConfig.from_env()
    email = EmailMessage()
    email["Subject"] = msg.subject
    email["From"] = formataddr((firm.name, (smtp.sender if smtp else None) or firm.email))
    email["To"] = to
    email["Message-ID"] = make_msgid(domain=(firm.email or "").rpartition("@")[2] or None)
    email.set_content(msg.text)
    status, error = "queued", None
    if smtp is not None:
        try:
            mail.deliver(email, smtp)
            status = "sent"
        except (smtplib.SMTPException, OSError) as exc:
            status, error = "failed", type(exc).__name__
    mail.record(db, kind="alert", reference=f"alert-{msg.fields['alert_id']}", recipient=to, subject=msg.subject,
                body=msg.text, status=status, error=error)
    if status == "failed":
        raise DeliveryError(f"email {error}")
    return status
