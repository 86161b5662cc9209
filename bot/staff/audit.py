"""The audit log: who viewed, changed, exported or purged what, and when.

Entries name the staff member, an action and a target (``intake:42``,
``user:3``, ``export``, ``retention``) and a short detail made of ids,
counts, statuses and filter names: never anything a visitor typed, so the
log can be kept longer than the intakes it mentions. Only admins read it.
"""
from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Tuple

import sqlite_utils

from bot.store import utcnow

#: Every action written to the log, with the label admins see.
ACTIONS: Dict[str, str] = {
    "login": "Logged in",
    "login_failed": "Failed login",
    "logout": "Logged out",
    "view_intake": "Viewed intake",
    "add_note": "Added a note",
    "change_status": "Changed status",
    "assign": "Assigned attorney",
    "cancel_booking": "Cancelled booking",
    "reschedule_booking": "Rescheduled booking",
    "export": "Exported intakes",
    "purge": "Purged intakes",
    "set_retention": "Changed retention",
    "add_user": "Added user",
    "change_user": "Changed user",
    "read_audit": "Read the audit log",
    "acknowledge_alert": "Acknowledged an alert",
    "escalate_alert": "Alert passed to the next person on call",
    "retry_alert": "Retried an alert delivery",
}

PAGE_SIZE = 100


def record(
    db: sqlite_utils.Database,
    actor: str,
    action: str,
    target: Optional[str] = None,
    detail: Optional[Dict[str, Any]] = None,
    *,
    commit: bool = True,
) -> None:
    """Append one entry. ``actor`` is a staff email (or ``cli:<user>``)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    row = [utcnow(), actor, action, target, json.dumps(detail, sort_keys=True) if detail else None]
    sql = "INSERT INTO staff_audit (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)"
    if commit and not db.conn.in_transaction:
        with db.conn:
            db.conn.execute(sql, row)
    else:
        db.conn.execute(sql, row)


def entries(
    db: sqlite_utils.Database,
    *,
    before: Optional[int] = None,
    target: Optional[str] = None,
    actor: Optional[str] = None,
    action: Optional[str] = None,
    limit: int = PAGE_SIZE,
) -> Tuple[List[Dict[str, Any]], Optional[int]]:
    """Newest first; returns ``(entries, next_before)`` for keyset paging."""
    where: List[str] = []
    params: List[object] = []
    if before:
        where.append("id < ?")
        params.append(int(before))
    if target:
        where.append("target = ?")
        params.append(target)
    if actor:
        where.append("actor = ?")
        params.append(actor)
    if action:
        where.append("action = ?")
        params.append(action)
    sql = "SELECT * FROM staff_audit" + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY id DESC LIMIT ?"
    cursor = db.conn.execute(sql, [*params, min(int(limit), 500) + 1])
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, r)) for r in cursor.fetchall()]
    more = len(rows) > limit
    rows = rows[:limit]
    for row in rows:
        row["detail"] = json.loads(row["detail"]) if row["detail"] else {}
        row["label"] = ACTIONS.get(row["action"], row["action"])
    return rows, (rows[-1]["id"] if more and rows else None)
