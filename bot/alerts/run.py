"""One pass of the alert worker: queue new alerts, move unacknowledged ones
down the rota, and send what is due. ``bot.worker`` runs it every few seconds."""
from __future__ import annotations

import logging
import os
from datetime import datetime, timezone
from typing import Any, Dict, Mapping, Optional

import sqlite_utils

from bot import store
from bot.alerts import channels, oncall, queue
from bot.alerts import message as alert_message
from bot.booking import mail
from bot.staff import audit
from bot.staff import db as staff_db
from bot.staff.keys import secret_key

log = logging.getLogger(__name__)

#: Seconds between passes: an alert reaches the people on call within this, plus sending time.
DEFAULT_INTERVAL_SECONDS = 5.0

#: The actor the audit log names for what the worker does.
ACTOR = "system:alerts"


def senders(
    db: sqlite_utils.Database,
    firm: Any,
    on_call: oncall.OnCall,
    now: datetime,
    *,
    env: Mapping[str, str] = os.environ,
    smtp: Any = None,
    sms: Optional[channels.SmsProvider] = None,
    key: Optional[bytes] = None,
) -> Dict[str, queue.Send]:
    """The channel -> sender map for this pass (SMTP, webhook secret and SMS provider from ``env``)."""
    key = key or secret_key()
    smtp = mail.SmtpConfig.from_env(env) if smtp is None else smtp
    sms = sms if sms is not None else channels.sms_provider(env)
    webhook_secret = (env.get("ALERT_WEBHOOK_SECRET") or "").encode()

    def compose(d: queue.Delivery) -> alert_message.AlertMessage:
        alert = dict(db.table("alerts").get(d.alert_id))
        intake = store.get_intake(db, alert["intake_id"])
        return alert_message.build(alert, intake, d, firm=firm, staff_url=on_call.staff_url, key=key, now=now)

    def by_email(d: queue.Delivery) -> Optional[str]:
        status = channels.send_email(db, d.address, compose(d), firm=firm, smtp=smtp or None)
        return "outbox" if status == "queued" else None

    def by_sms(d: queue.Delivery) -> None:
        if sms is None:
            raise queue.DeliveryError("no SMS provider configured")
        sms.send_sms(d.address, alert_message.sms_text(compose(d)))

    def by_webhook(d: queue.Delivery) -> None:
        if not webhook_secret:
            raise queue.DeliveryError("ALERT_WEBHOOK_SECRET is not set")
        body = alert_message.webhook_body(compose(d), on_call.webhook_format)
        channels.post_webhook(d.address, body, secret=webhook_secret, idempotency_key=f"alert-{d.alert_id}-{d.id}")

    return {"email": by_email, "sms": by_sms, "webhook": by_webhook}


def run_pass(
    db: sqlite_utils.Database,
    firm: Any,
    now: Optional[datetime] = None,
    *,
    env: Mapping[str, str] = os.environ,
    **sender_options: Any,
) -> Dict[str, int]:
    """Dispatch, escalate and deliver once; returns counts for the log."""
    now = now or datetime.now(timezone.utc)
    on_call = oncall.load(firm)
    sms = sender_options.get("sms") or channels.sms_provider(env)
    reach = frozenset({"email", "sms"} if sms is not None else {"email"})
    queued = queue.dispatch(db, on_call, firm, now, webhook=env.get("ALERT_WEBHOOK_URL") or None, channels=reach)
    escalated = queue.escalate_due(db, on_call, firm, now, reach)
    for alert_id, intake_id, level in escalated:
        audit.record(db, ACTOR, "escalate_alert", f"intake:{intake_id}", {"alert": alert_id, "level": level})
    sender_options["sms"] = sms
    counts = queue.deliver_due(db, senders(db, firm, on_call, now, env=env, **sender_options), now)
    return {"queued": queued, "escalated": len(escalated), **counts}


def run_once(db_path: Optional[str] = None, now: Optional[datetime] = None) -> Dict[str, int]:
    """One pass on this thread's connection (kept between passes: one every few seconds)."""
    from bot.firm import firm

    return run_pass(staff_db.intake_db(db_path), firm(), now)
