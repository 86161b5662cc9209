"""What staff do to an intake: notes, status, assignment, the booking.

Each change is written with an entry in the intake's activity (``staff_notes``,
kind ``status``/``assignment``/``booking``) and in the audit log, in one
transaction. The status itself is the intake's ``status`` column (what
``intake export`` shows), written through :func:`bot.store.save_intake`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Dict, List, Optional

import sqlite_utils

from bot import booking as bookings
from bot import store
from bot.staff import audit
from bot.staff.db import transaction
from bot.staff.inbox import STATUSES
from bot.store import utcnow

MAX_NOTE_CHARS = 5000


class ReviewError(ValueError):
    """A change that cannot be made (the message is shown to staff)."""


@dataclass(frozen=True)
class Attorney:
    id: str
    name: str


def attorneys() -> List[Attorney]:
    """The firm's attorneys (``firm.yml``), for assignment."""
    from bot.firm import firm

    return [Attorney(str(a["id"]), str(a.get("name") or a["id"])) for a in firm().attorneys if a.get("id")]


def attorney_name(attorney_id: Optional[str]) -> Optional[str]:
    if not attorney_id:
        return None
    for a in attorneys():
        if a.id == attorney_id:
            return a.name
    return attorney_id


def get(db: sqlite_utils.Database, intake_id: int) -> Optional[Dict[str, Any]]:
    row = db.conn.execute("SELECT 1 FROM intakes WHERE id = ?", [intake_id]).fetchone()
    if row is None:
        return None
    intake = store.get_intake(db, intake_id)
    assigned = db.conn.execute("SELECT attorney_id FROM staff_assignments WHERE intake_id = ?", [intake_id]).fetchone()
    intake["assigned_to"] = assigned[0] if assigned else None
    summary = intake.get("booking")
    intake["booked"] = isinstance(summary, dict) and summary.get("status") == "confirmed"
    return intake


def activity(db: sqlite_utils.Database, intake_id: int) -> List[Dict[str, Any]]:
    """Notes and changes on an intake, oldest first."""
    cursor = db.conn.execute(
        "SELECT id, author, created_at, kind, body FROM staff_notes WHERE intake_id = ? ORDER BY id", [intake_id]
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r)) for r in cursor.fetchall()]


def _note(db: sqlite_utils.Database, intake_id: int, author: str, kind: str, body: str) -> int:
    note_id = db.conn.execute(
        "INSERT INTO staff_notes (intake_id, author, created_at, kind, body) VALUES (?, ?, ?, ?, ?)",
        [intake_id, author, utcnow(), kind, body],
    ).lastrowid
    assert note_id is not None  # set by the INSERT
    return note_id


def add_note(db: sqlite_utils.Database, intake_id: int, author: str, body: str) -> int:
    body = (body or "").strip()
    if not body:
        raise ReviewError("The note is empty.")
    if len(body) > MAX_NOTE_CHARS:
        raise ReviewError(f"Notes are limited to {MAX_NOTE_CHARS} characters.")
    with transaction(db):
        note_id = _note(db, intake_id, author, "note", body)
        audit.record(db, author, "add_note", f"intake:{intake_id}", {"note": note_id}, commit=False)
    return note_id


def set_status(db: sqlite_utils.Database, intake: Dict[str, Any], status: str, actor: str) -> Dict[str, Any]:
    if status not in STATUSES:
        raise ReviewError("Unknown status.")
    old = intake.get("status")
    if status == old:
        return intake
    with transaction(db):
        updated = store.save_intake(db, intake["conversation_id"], {"status": status})
        _note(db, intake["id"], actor, "status", f"Status: {STATUSES.get(old or '', old)} → {STATUSES[status]}")
        audit.record(db, actor, "change_status", f"intake:{intake['id']}", {"from": old, "to": status}, commit=False)
    return updated


def assign(db: sqlite_utils.Database, intake: Dict[str, Any], attorney_id: Optional[str], actor: str) -> None:
    attorney_id = attorney_id or None
    known = {a.id for a in attorneys()}
    if attorney_id is not None and attorney_id not in known:
        raise ReviewError("Unknown attorney.")
    if attorney_id == intake.get("assigned_to"):
        return
    with transaction(db):
        if attorney_id is None:
            db.conn.execute("DELETE FROM staff_assignments WHERE intake_id = ?", [intake["id"]])
            body = "Unassigned"
        else:
            db.conn.execute(
                "INSERT OR REPLACE INTO staff_assignments (intake_id, attorney_id, assigned_by, assigned_at) VALUES (?, ?, ?, ?)",
                [intake["id"], attorney_id, actor, utcnow()],
            )
            body = f"Assigned to {attorney_name(attorney_id)}"
        _note(db, intake["id"], actor, "assignment", body)
        audit.record(db, actor, "assign", f"intake:{intake['id']}", {"attorney": attorney_id}, commit=False)


# --- the booking ---------------------------------------------------------------------


def current_booking(db: sqlite_utils.Database, intake: Dict[str, Any]) -> Optional[bookings.Booking]:
    """The booking named on the intake (following reschedules to the latest one)."""
    summary = intake.get("booking")
    if not isinstance(summary, dict) or not summary.get("reference"):
        return None
    if "bookings" not in db.table_names():
        return None
    booking = bookings.get_booking(db, summary["reference"])
    seen = set()
    while booking is not None and booking.replaced_by and booking.reference not in seen:
        seen.add(booking.reference)
        booking = bookings.get_booking(db, booking.replaced_by) or booking
    return booking


def _record_booking_change(db: sqlite_utils.Database, intake_id: int, actor: str, action: str, body: str, detail: Dict[str, Any]) -> None:
    with transaction(db):
        _note(db, intake_id, actor, "booking", body)
        audit.record(db, actor, action, f"intake:{intake_id}", detail, commit=False)


def cancel_booking(
    db: sqlite_utils.Database, intake: Dict[str, Any], actor: str, *, now: Optional[datetime] = None
) -> bookings.Booking:
    booking = current_booking(db, intake)
    if booking is None:
        raise ReviewError("This intake has no booking.")
    try:
        # Staff act on a booking they can see: no guessing limit applies.
        cancelled = bookings.cancel(db, booking.reference, booking.email, now=now, limit=False)
    except bookings.BookingError as exc:
        raise ReviewError(f"The booking could not be cancelled: {exc}") from None
    _record_booking_change(
        db, intake["id"], actor, "cancel_booking", f"Cancelled consultation {cancelled.reference}", {"reference": cancelled.reference}
    )
    return cancelled


@dataclass(frozen=True)
class SlotChoice:
    key: str
    label: str
    attorney: str


def reschedule_choices(
    db: sqlite_utils.Database, intake: Dict[str, Any], *, now: Optional[datetime] = None, limit: int = 12
) -> List[SlotChoice]:
    """Open times the booking could move to: the attorneys the visitor's situation routes to."""
    booking = current_booking(db, intake)
    if booking is None or booking.status != "confirmed":
        return []
    try:
        offer = bookings.find_slots(
            db,
            situation=intake.get("situation") or "other",
            visitor_tz=booking.visitor_tz,
            language=booking.language,
            urgent=True,  # earliest first, any matching attorney
            limit=limit,
            now=now,
        )
    except (bookings.BookingError, ValueError):
        return []
    names = {a.id: a.name for a in attorneys()}
    return [
        SlotChoice(slot.key, label, names.get(slot.attorney_id, slot.attorney_id))
        for slot, label in zip(offer.slots, offer.labels)
    ]


def reschedule_booking(
    db: sqlite_utils.Database, intake: Dict[str, Any], slot_key: str, actor: str, *, now: Optional[datetime] = None
) -> bookings.Booking:
    booking = current_booking(db, intake)
    if booking is None:
        raise ReviewError("This intake has no booking.")
    slot = bookings.slot_from_key(slot_key or "")
    if slot is None:
        raise ReviewError("Pick one of the times offered.")
    try:
        moved = bookings.reschedule(db, booking.reference, booking.email, slot, now=now, limit=False)
    except bookings.BookingError as exc:
        raise ReviewError(f"The booking could not be moved: {exc}") from None
    _record_booking_change(
        db,
        intake["id"],
        actor,
        "reschedule_booking",
        f"Moved consultation {booking.reference} to {moved.reference}",
        {"from": booking.reference, "to": moved.reference},
    )
    return moved
