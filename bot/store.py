"""The intake database (SQLite through sqlite-utils).

One module owns the schema; everything else (actions, CLI, staff app) goes
through the functions here. Tables are created on first use, so a fresh data
directory needs no set-up step.
"""
from __future__ import annotations

import contextlib
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, Iterable, Optional, Union

import sqlite_utils

from bot import funnel, settings
from bot.alerts import queue as alert_queue

JSON_FIELDS = ("urgency_reasons", "details", "contact", "updates_shown", "booking")

#: Columns of `intake export`, in order.
EXPORT_FIELDS = (
    "id",
    "conversation_id",
    "created_at",
    "updated_at",
    "status",
    "country",
    "state",
    "city",
    "county",
    "location_text",
    "situation",
    "situation_text",
    "urgent",
    "urgency_reasons",
    "details",
    "contact",
    "callback_requested",
    "language",
    "updates_shown",
    "booking",
    "safety_flag",
    "deletion_requested",
)

#: Columns added after the first release: created on old databases by ``ensure_schema``.
ADDED_COLUMNS = {"safety_flag": str, "deletion_requested": int}

#: ``urgent`` is 2 for a person in danger, so they sort above other urgent intakes.
URGENT_SAFETY = 2


def utcnow() -> str:
    """Current time as ISO 8601 UTC, seconds precision (how every timestamp is stored)."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def connect(path: Union[str, Path, None] = None) -> sqlite_utils.Database:
    """Open the intake database (``":memory:"`` for tests) with its schema in place."""
    if path == ":memory:":
        db = sqlite_utils.Database(memory=True)
    else:
        path = Path(path or settings.intake_db_path())
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if path.parent == settings.data_dir():
            settings.protect_data_dir()
        # Created 0600 before SQLite opens it; its -wal and -shm files take the same mode.
        settings.private_database(path)
        db = sqlite_utils.Database(path)
        # WAL lets the staff app read while the action server writes.
        db.enable_wal()
    db.conn.execute("PRAGMA busy_timeout = 5000")
    db.conn.execute("PRAGMA foreign_keys = ON")
    ensure_schema(db)
    return db


def _decode_text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def tolerant_text(db: sqlite_utils.Database) -> sqlite_utils.Database:
    """``db`` made to read any stored text: bytes that are not UTF-8 (written by
    another tool) come back with U+FFFD instead of failing the whole query."""
    db.conn.text_factory = _decode_text
    return db


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create missing tables and indexes (idempotent)."""
    if "intakes" not in db.table_names():
        db.table("intakes").create(
            {
                "id": int,
                "conversation_id": str,
                "created_at": str,
                "updated_at": str,
                "status": str,
                "consent": int,
                "country": str,
                "state": str,
                "city": str,
                "county": str,
                "location_text": str,
                "situation": str,
                "situation_text": str,
                "urgent": int,
                "urgency_reasons": str,
                "details": str,
                "contact": str,
                "callback_requested": int,
                "language": str,
                "updates_shown": str,
                "booking": str,
            },
            pk="id",
            not_null={"conversation_id", "created_at", "updated_at", "status"},
            defaults={"status": "new", "urgent": 0, "callback_requested": 0, "consent": 1},
        )
        db.table("intakes").create_index(["conversation_id"], unique=True)
        db.table("intakes").create_index(["urgent", "created_at"])
        db.table("intakes").create_index(["status"])
    columns = db.table("intakes").columns_dict
    for name, kind in ADDED_COLUMNS.items():
        if name not in columns:
            db.table("intakes").add_column(name, kind)
    if "consent_refusals" not in db.table_names():
        # A refusal keeps nothing but the fact and its time.
        db.table("consent_refusals").create({"id": int, "created_at": str}, pk="id")
    alert_queue.ensure_schema(db)
    funnel.ensure_schema(db)


def _encode(record: Dict[str, Any]) -> Dict[str, Any]:
    out = dict(record)
    for key in JSON_FIELDS:
        if key in out and out[key] is not None and not isinstance(out[key], str):
            out[key] = json.dumps(out[key], ensure_ascii=False, sort_keys=True)
    for key in ("urgent", "callback_requested", "consent", "deletion_requested"):
        if key in out and out[key] is not None:
            out[key] = int(bool(out[key]))
    if out.get("safety_flag"):
        out["urgent"] = URGENT_SAFETY
    return out


def decode(row: Dict[str, Any]) -> Dict[str, Any]:
    """A stored row with its JSON columns parsed and flags as booleans."""
    out = dict(row)
    for key in JSON_FIELDS:
        value = out.get(key)
        if isinstance(value, str) and value:
            try:
                out[key] = json.loads(value)
            except ValueError:
                pass  # not written by save_intake: shown and exported as the text it is
        elif key in out and value in (None, ""):
            out[key] = [] if key in ("urgency_reasons", "updates_shown") else ({} if key != "booking" else None)
    for key in ("urgent", "callback_requested", "consent", "deletion_requested"):
        if key in out and out[key] is not None:
            out[key] = bool(out[key])
    return out


def save_intake(db: sqlite_utils.Database, conversation_id: str, fields: Dict[str, Any]) -> Dict[str, Any]:
    """Insert or update the intake of one conversation; returns the stored intake.

    Saving is idempotent per conversation: a visitor who corrects their summary
    or asks for a callback later updates the same intake, never a second one.
    A field left out is kept as it was; ``callback_requested`` is never
    switched off once on.
    """
    now = utcnow()
    table = db.table("intakes")
    # Inside a caller's transaction (a booking), write as part of it;
    # otherwise commit here.
    with contextlib.nullcontext() if db.conn.in_transaction else db.conn:
        existing = list(table.rows_where("conversation_id = ?", [conversation_id], limit=1))
        record = _encode({k: v for k, v in fields.items() if k in EXPORT_FIELDS or k == "consent"})
        record.pop("id", None)
        record.pop("created_at", None)
        record["updated_at"] = now
        before = decode(existing[0]) if existing else None
        if existing:
            row = existing[0]
            if row.get("callback_requested"):
                record["callback_requested"] = 1
            table.update(row["id"], record)
            intake_id = row["id"]
        else:
            record.update(conversation_id=conversation_id, created_at=now)
            record.setdefault("status", "new")
            intake_id = table.insert(record).last_pk
        saved = get_intake(db, intake_id)
        # In the same transaction: a saved urgent intake always has its alert,
        # and the dashboard's funnel counts it.
        alert_queue.raise_for_intake(db, before, saved, now=datetime.fromisoformat(now))
        funnel.record(db, conversation_id, ["saved", "booked"] if saved.get("booking") else ["saved"], datetime.fromisoformat(now))
    return saved


def get_intake(db: sqlite_utils.Database, intake_id: int) -> Dict[str, Any]:
    return decode(db.table("intakes").get(intake_id))


def intake_for_conversation(db: sqlite_utils.Database, conversation_id: str) -> Optional[Dict[str, Any]]:
    rows = list(db.table("intakes").rows_where("conversation_id = ?", [conversation_id], limit=1))
    return decode(rows[0]) if rows else None


def record_consent_refusal(db: sqlite_utils.Database) -> None:
    """Count a refusal; nothing about the visitor is kept."""
    db.table("consent_refusals").insert({"created_at": utcnow()})


def request_deletion(db: sqlite_utils.Database, conversation_id: str) -> bool:
    """Mark a conversation's intake for deletion by staff; False when there is no intake.

    The visitor is told the firm's contact either way; without an intake (no
    consent yet) nothing about them is stored to delete.
    """
    existing = intake_for_conversation(db, conversation_id)
    if existing is None:
        return False
    with db.conn:
        db.table("intakes").update(existing["id"], {"deletion_requested": 1, "updated_at": utcnow()})
    return True


def iter_intakes(db: sqlite_utils.Database, where: Optional[str] = None, params: Iterable[Any] = ()) -> Iterable[Dict[str, Any]]:
    """Intakes in id order, decoded."""
    for row in db.table("intakes").rows_where(where, list(params), order_by="id"):
        yield decode(row)


def export_row(intake: Dict[str, Any]) -> Dict[str, Any]:
    """One intake as an export row: exactly ``EXPORT_FIELDS``, in order."""
    return {key: intake.get(key) for key in EXPORT_FIELDS}
