"""The alert queue, in the intake database: alerts, their deliveries, retries and acknowledgements.

- An alert is recorded in the same transaction as the intake change that
  causes it (:func:`raise_for_intake`, called by ``bot.store.save_intake``),
  so a saved urgent intake always has its alert, whatever process stops.
- It is unique per intake, kind and event: saving an intake again, or a
  second process seeing the same change, never alerts twice.
- The worker (``python -m bot.worker``) turns alerts into deliveries, one per
  person and channel (:func:`dispatch`), sends them with retries and backoff
  (:func:`deliver_due`), and moves unacknowledged urgent alerts down the rota
  (:func:`escalate_due`).
- A delivery is claimed with a lease before it is sent; a worker that dies
  mid-send leaves it to be retried once the lease is over.
"""
from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Dict, FrozenSet, List, Mapping, Optional, Sequence, Tuple

import sqlite_utils

from bot.alerts import oncall

SCHEMA = """
CREATE TABLE IF NOT EXISTS alerts (
    id INTEGER PRIMARY KEY,
    intake_id INTEGER NOT NULL REFERENCES intakes(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    event TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    level INTEGER NOT NULL DEFAULT -1,
    level_at TEXT,
    acknowledged_at TEXT,
    acknowledged_by TEXT,
    UNIQUE (intake_id, kind, event)
);
CREATE INDEX IF NOT EXISTS alerts_open ON alerts (acknowledged_at, level);
CREATE INDEX IF NOT EXISTS alerts_by_time ON alerts (created_at);
CREATE TABLE IF NOT EXISTS alert_deliveries (
    id INTEGER PRIMARY KEY,
    alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
    level INTEGER NOT NULL,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    address TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'queued',
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    sent_at TEXT,
    last_error TEXT,
    -- How it went when sent: "outbox" for an email kept for staff to send (no SMTP).
    detail TEXT,
    UNIQUE (alert_id, channel, address)
);
CREATE INDEX IF NOT EXISTS alert_deliveries_due ON alert_deliveries (status, next_attempt_at);
"""

#: Delivery statuses: waiting or retrying, claimed by a worker, done, given up.
STATUSES = ("queued", "sending", "sent", "failed")

#: Attempts before a delivery is given up (then shown to admins as failed).
MAX_ATTEMPTS = 8
#: Backoff after the n-th failed attempt: 30 s, 1 min, 2 min, ... up to 30 min.
FIRST_RETRY = timedelta(seconds=30)
LONGEST_RETRY = timedelta(minutes=30)
#: How long a claimed delivery is left to its worker before another may retry it.
LEASE = timedelta(minutes=2)

#: The label staff read for each kind.
KIND_LABELS: Dict[str, str] = {
    "safety": "Person may be in danger",
    "urgent": "Urgent",
    "callback": "Callback requested",
    "booking": "Consultation",
}


def _fmt(when: datetime) -> str:
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc).replace(microsecond=0).isoformat()


def _parse(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _create(conn: sqlite3.Connection) -> None:
    # One statement at a time: executescript() would first commit a caller's open transaction.
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the tables (``bot.store.connect`` does, for every connection; the
    functions here then run without checking each time)."""
    present = {row[0] for row in db.conn.execute("SELECT name FROM sqlite_master")}
    if not {"alerts", "alert_deliveries", "alerts_by_time", "alert_deliveries_due"} <= present:
        _create(db.conn)


# --- raising ------------------------------------------------------------------

def kinds_raised(before: Optional[Mapping[str, Any]], after: Mapping[str, Any]) -> List[str]:
    """The alert kinds an intake change turns on (``before`` is None for a new intake).

    Urgency counts when there are urgency reasons (a safety flag alone makes
    an intake urgent too, but alerts as ``safety``).
    """
    before = before or {}
    raised = []
    if after.get("safety_flag") and not before.get("safety_flag"):
        raised.append("safety")
    if after.get("urgency_reasons") and not before.get("urgency_reasons"):
        raised.append("urgent")
    if after.get("callback_requested") and not before.get("callback_requested"):
        raised.append("callback")
    return raised


def raise_alert(db: sqlite_utils.Database, intake_id: int, kind: str, event: str = "", *, now: datetime) -> bool:
    """Record an alert once per intake, kind and event; True when it is new.

    Writes inside the caller's transaction when there is one.
    """
    if kind not in oncall.KINDS:
        raise ValueError(f"unknown alert kind {kind!r}")
    cursor = db.conn.execute(
        "INSERT OR IGNORE INTO alerts (intake_id, kind, event, created_at) VALUES (?, ?, ?, ?)",
        [intake_id, kind, event, _fmt(now)],
    )
    return cursor.rowcount == 1


def raise_for_intake(db: sqlite_utils.Database, before: Optional[Mapping[str, Any]], after: Mapping[str, Any], *, now: datetime) -> List[str]:
    """Record the alerts an intake change calls for; returns the new kinds."""
    return [kind for kind in kinds_raised(before, after) if raise_alert(db, after["id"], kind, now=now)]


# --- who is told --------------------------------------------------------------

@dataclass(frozen=True)
class Target:
    channel: str  # email | sms | webhook
    recipient: str  # the person's name, or "webhook"
    address: str


#: Channels that reach people; email always works (SMTP, or the outbox).
PERSON_CHANNELS = frozenset({"email", "sms"})


def person_targets(person: oncall.Person, channels: FrozenSet[str] = PERSON_CHANNELS) -> List[Target]:
    """Where one person is reached, on the channels this deployment has."""
    out = []
    if person.email and "email" in channels:
        out.append(Target("email", person.name, person.email))
    if person.sms and "sms" in channels:
        out.append(Target("sms", person.name, person.sms))
    return out


def _add_deliveries(db: sqlite_utils.Database, alert_id: int, level: int, targets: Sequence[Target], now: datetime) -> int:
    added = 0
    for t in targets:
        cursor = db.conn.execute(
            "INSERT OR IGNORE INTO alert_deliveries (alert_id, level, channel, recipient, address, created_at, next_attempt_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [alert_id, level, t.channel, t.recipient, t.address, _fmt(now), _fmt(now)],
        )
        added += cursor.rowcount
    return added


def dispatch(
    db: sqlite_utils.Database,
    on_call: oncall.OnCall,
    firm: Any,
    now: datetime,
    *,
    webhook: Optional[str] = None,
    channels: FrozenSet[str] = PERSON_CHANNELS,
) -> int:
    """Queue the first deliveries of every new alert: the first person on duty
    (on ``channels``: SMS only where a provider is set), and the firm's webhook
    (``webhook`` is its address) when there is one.

    An alert of a kind the firm does not alert on is marked dispatched with no
    delivery. Returns the number of deliveries queued.
    """
    queued = 0
    new = db.conn.execute("SELECT id, kind FROM alerts WHERE level = -1 ORDER BY id").fetchall()
    for alert_id, kind in new:
        with db.conn:
            claimed = db.conn.execute(
                "UPDATE alerts SET level = 0, level_at = ? WHERE id = ? AND level = -1", [_fmt(now), alert_id]
            ).rowcount
            if not claimed or not on_call.alerts(kind):
                continue
            targets: List[Target] = []
            duty = oncall.on_duty(on_call, firm, now)
            if duty:
                targets += person_targets(duty[0], channels)
            if webhook:
                targets.append(Target("webhook", "webhook", webhook))
            queued += _add_deliveries(db, alert_id, 0, targets, now)
    return queued


def escalate_due(
    db: sqlite_utils.Database,
    on_call: oncall.OnCall,
    firm: Any,
    now: datetime,
    channels: FrozenSet[str] = PERSON_CHANNELS,
) -> List[Tuple[int, int, int]]:
    """Alert the next person on duty for each urgent alert nobody has
    acknowledged within ``escalate_after_minutes``; returns (alert, intake, level) of each one moved on."""
    cutoff = _fmt(now - timedelta(minutes=on_call.escalate_after_minutes))
    kinds = sorted(k for k in oncall.ESCALATING if on_call.alerts(k))
    if not kinds:
        return []
    rows = db.conn.execute(
        f"SELECT id, intake_id, level FROM alerts WHERE acknowledged_at IS NULL AND level >= 0 AND level_at <= ? "
        f"AND kind IN ({', '.join('?' * len(kinds))}) ORDER BY id",
        [cutoff, *kinds],
    ).fetchall()
    duty = oncall.on_duty(on_call, firm, now)
    moved = []
    for alert_id, intake_id, level in rows:
        with db.conn:
            nxt = level + 1
            if nxt >= len(duty):
                continue  # nobody further down the rota: the inbox shows how long it has waited
            claimed = db.conn.execute(
                "UPDATE alerts SET level = ?, level_at = ? WHERE id = ? AND level = ? AND acknowledged_at IS NULL",
                [nxt, _fmt(now), alert_id, level],
            ).rowcount
            if claimed:
                _add_deliveries(db, alert_id, nxt, person_targets(duty[nxt], channels), now)
                moved.append((alert_id, intake_id, nxt))
    return moved


# --- sending ------------------------------------------------------------------

@dataclass(frozen=True)
class Delivery:
    id: int
    alert_id: int
    level: int
    channel: str
    recipient: str
    address: str
    attempts: int


class DeliveryError(Exception):
    """A delivery that did not go through. Its text is stored for admins, so it
    names a status or an error class, never the message or the address."""


def backoff(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed try."""
    factor: int = 2 ** max(attempts - 1, 0)  # int: the exponent is never negative
    return min(FIRST_RETRY * factor, LONGEST_RETRY)


def _claim_due(db: sqlite_utils.Database, now: datetime, limit: int) -> List[Delivery]:
    rows = db.conn.execute(
        "SELECT id, alert_id, level, channel, recipient, address, attempts FROM alert_deliveries "
        "WHERE status IN ('queued', 'sending') AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?",
        [_fmt(now), limit],
    ).fetchall()
    claimed = []
    for row in rows:
        with db.conn:
            # A 'sending' row past its lease belongs to a worker that stopped mid-send.
            got = db.conn.execute(
                "UPDATE alert_deliveries SET status = 'sending', attempts = attempts + 1, next_attempt_at = ? "
                "WHERE id = ? AND status IN ('queued', 'sending') AND next_attempt_at <= ?",
                [_fmt(now + LEASE), row[0], _fmt(now)],
            ).rowcount
        if got:
            claimed.append(Delivery(row[0], row[1], row[2], row[3], row[4], row[5], attempts=row[6] + 1))
    return claimed


#: Sends one delivery; raises DeliveryError, or returns an optional detail ("outbox").
Send = Callable[[Delivery], Optional[str]]


def deliver_due(db: sqlite_utils.Database, senders: Mapping[str, Send], now: datetime, *, limit: int = 100) -> Dict[str, int]:
    """Send every due delivery once; returns counts by outcome (sent, retry, failed)."""
    counts = {"sent": 0, "retry": 0, "failed": 0}
    for d in _claim_due(db, now, limit):
        send = senders.get(d.channel)
        error: Optional[str] = None
        detail: Optional[str] = None
        if send is None:
            error = f"no {d.channel} sender configured"
        else:
            try:
                detail = send(d)
            except DeliveryError as exc:
                error = str(exc)[:200] or "failed"
            except Exception as exc:  # an adapter's bug must not stop the other deliveries
                error = type(exc).__name__
        with db.conn:
            if error is None:
                db.conn.execute(
                    "UPDATE alert_deliveries SET status = 'sent', sent_at = ?, last_error = NULL, detail = ? WHERE id = ?",
                    [_fmt(now), detail, d.id],
                )
                counts["sent"] += 1
            elif d.attempts >= MAX_ATTEMPTS:
                db.conn.execute(
                    "UPDATE alert_deliveries SET status = 'failed', last_error = ? WHERE id = ?", [error, d.id]
                )
                counts["failed"] += 1
            else:
                db.conn.execute(
                    "UPDATE alert_deliveries SET status = 'queued', last_error = ?, next_attempt_at = ? WHERE id = ?",
                    [error, _fmt(now + backoff(d.attempts)), d.id],
                )
                counts["retry"] += 1
    return counts


def retry(db: sqlite_utils.Database, delivery_id: int, now: datetime) -> bool:
    """Put a failed delivery back in the queue (an admin's retry); True when it was failed."""
    with db.conn:
        return db.conn.execute(
            "UPDATE alert_deliveries SET status = 'queued', attempts = 0, next_attempt_at = ? WHERE id = ? AND status = 'failed'",
            [_fmt(now), delivery_id],
        ).rowcount == 1


# --- acknowledging ------------------------------------------------------------

def acknowledge(db: sqlite_utils.Database, intake_id: int, by: str, now: datetime, *, alert_id: Optional[int] = None) -> List[int]:
    """Acknowledge an intake's open alerts (or only ``alert_id``); returns the ids acknowledged."""
    where, params = "intake_id = ? AND acknowledged_at IS NULL", [intake_id]
    if alert_id is not None:
        where += " AND id = ?"
        params.append(alert_id)
    conn = db.conn
    with contextlib.nullcontext() if conn.in_transaction else conn:
        ids = [row[0] for row in conn.execute(f"SELECT id FROM alerts WHERE {where}", params)]
        if ids:
            conn.execute(
                f"UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE {where}", [_fmt(now), by, *params]
            )
    return ids


def alerts_for_intake(db: sqlite_utils.Database, intake_id: int) -> List[Dict[str, Any]]:
    """An intake's alerts, oldest first, each with its deliveries."""
    alerts = [dict(r) for r in db.query("SELECT * FROM alerts WHERE intake_id = ? ORDER BY id", [intake_id])]
    for a in alerts:
        a["label"] = KIND_LABELS.get(a["kind"], a["kind"])
        a["deliveries"] = list(db.query("SELECT * FROM alert_deliveries WHERE alert_id = ? ORDER BY id", [a["id"]]))
    return alerts


def waiting_since(db: sqlite_utils.Database, intake_ids: Sequence[int]) -> Dict[int, datetime]:
    """Intake id -> when its oldest unacknowledged urgent or safety alert was raised."""
    if not intake_ids:
        return {}
    kinds = sorted(oncall.ESCALATING)
    rows = db.conn.execute(
        f"SELECT intake_id, MIN(created_at) FROM alerts WHERE acknowledged_at IS NULL "
        f"AND kind IN ({', '.join('?' * len(kinds))}) AND intake_id IN ({', '.join('?' * len(intake_ids))}) GROUP BY intake_id",
        [*kinds, *intake_ids],
    ).fetchall()
    return {intake_id: _parse(at) for intake_id, at in rows}


def failed_count(db: sqlite_utils.Database) -> int:
    """Deliveries given up on, waiting for an admin's retry."""
    count: int = db.conn.execute("SELECT count(*) FROM alert_deliveries WHERE status = 'failed'").fetchone()[0]
    return count


def recent_deliveries(db: sqlite_utils.Database, *, status: Optional[str] = None, limit: int = 200) -> List[Dict[str, Any]]:
    """Deliveries newest first (for admins), each with its alert's kind and intake."""
    where, params = "", []
    if status:
        where, params = "WHERE d.status = ?", [status]
    return list(
        db.query(
            "SELECT d.*, a.kind, a.intake_id, a.acknowledged_at FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id "
            f"{where} ORDER BY d.id DESC LIMIT ?",
            [*params, limit],
        )
    )


def delivery(db: sqlite_utils.Database, delivery_id: int) -> Optional[Dict[str, Any]]:
    rows = list(
        db.query(
            "SELECT d.*, a.kind, a.intake_id, a.acknowledged_at, a.acknowledged_by, a.created_at AS raised_at "
            "FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id WHERE d.id = ?",
            [delivery_id],
        )
    )
    return rows[0] if rows else None
