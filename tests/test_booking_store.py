"""Bookings: atomic, never overlapping, cancel/reschedule checks, the intake summary."""
import re
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from bot import store as intake_store
from bot.booking import store as booking_store
from bot.booking.attorneys import BookingRules, parse_attorneys
from bot.booking.availability import Slot, open_slots
from bot.booking.store import (
    AlreadyHappened,
    InvalidBooking,
    NotActive,
    SlotTaken,
    SlotUnavailable,
    UnknownReference,
    Visitor,
    book,
    cancel,
    check_reference,
    get_booking,
    normalise_reference,
    reschedule,
)

UTC = timezone.utc
NOW = datetime(2026, 11, 29, 15, 0, tzinfo=UTC)  # Sunday 9:00 AM Chicago
RULES = BookingRules()
ATTORNEYS = parse_attorneys(
    [
        {
            "id": "ana", "name": "Ana Rivera", "practice_areas": ["removal"], "languages": ["en", "es"],
            "time_zone": "America/Chicago", "consultation_minutes": 30, "buffer_minutes": 15,
            "modes": ["phone", "video"], "hours": {"mon": [["09:00", "12:00"]], "tue": [["09:00", "12:00"]]},
        },
        {
            "id": "dan", "name": "Daniel Cole", "practice_areas": ["family"], "time_zone": "America/Chicago",
            "consultation_minutes": 45, "buffer_minutes": 15, "hours": {"mon": [["09:00", "12:00"]]},
        },
    ]
)
ANA = ATTORNEYS[0]
ROSA = Visitor("Rosa Díaz", "Rosa.Diaz@Example.com", "(312) 555-0148", "America/New_York", "es", "conv-1")
SLOTS = open_slots(ANA, now=NOW)  # Mon Nov 30 9:00, 9:45, 10:30, 11:15 CST, Tue...


def at(hour, minute=0, day=30):
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def db():
    db = booking_store.connect(":memory:")
    yield db
    db.close()


def rows(db):
    return list(db.query("SELECT reference, attorney_id, start_utc, end_utc, status FROM bookings ORDER BY id"))


def do_book(db, slot=SLOTS[0], visitor=ROSA, mode="video"):
    return book(db, slot, visitor, mode, attorneys=ATTORNEYS, rules=RULES, now=NOW)


def test_book(db):
    b = do_book(db)
    assert re.fullmatch(r"RC-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", b.reference)
    assert (b.attorney_id, b.start, b.end, b.mode, b.status) == ("ana", at(15), at(15, 30), "video", "confirmed")
    assert (b.email, b.phone, b.visitor_tz, b.language) == ("Rosa.Diaz@example.com", "+13125550148", "America/New_York", "es")
    assert b.created_at == "2026-11-29T15:00:00Z"
    assert rows(db) == [{"reference": b.reference, "attorney_id": "ana", "start_utc": "2026-11-30T15:00:00Z",
                         "end_utc": "2026-11-30T15:30:00Z", "status": "confirmed"}]
    assert get_booking(db, b.reference.lower()) == b


def test_the_same_slot_twice_raises_slot_taken(db):
    do_book(db)
    with pytest.raises(SlotTaken):
        do_book(db, visitor=Visitor("Other", "other@example.com", None, "America/Chicago"))
    assert len(rows(db)) == 1


def test_a_slot_inside_the_buffer_of_a_booking_is_taken(db):
    # staff booked 10:00-10:30 by hand; the 9:45 slot would end 15 minutes too late
    db.conn.execute(
        "INSERT INTO bookings (reference, attorney_id, start_utc, end_utc, mode, name, email, visitor_tz, created_at, updated_at) "
        "VALUES ('RC-STAFF2', 'ana', '2026-11-30T16:00:00Z', '2026-11-30T16:30:00Z', 'phone', 'X', 'x@example.com', 'UTC', 'now', 'now')"
    )
    db.conn.commit()
    with pytest.raises(SlotTaken):
        do_book(db, SLOTS[1])


@pytest.mark.parametrize(
    "slot",
    [
        Slot(at(15, 5), "ana", at(15, 35)),  # not on the grid
        Slot(at(15, 0, day=28), "ana", at(15, 30, day=28)),  # in the past
        Slot(at(16, 0, day=29), "ana", at(16, 30, day=29)),  # Sunday: no hours
        Slot(at(15, 0, day=30) + timedelta(days=21), "ana", at(15, 30) + timedelta(days=21)),  # beyond the horizon
    ],
)
def test_a_slot_that_is_not_open_is_unavailable_not_taken(db, slot):
    with pytest.raises(SlotUnavailable) as err:
        do_book(db, slot)
    assert not isinstance(err.value, SlotTaken)
    assert rows(db) == []


def test_lead_time_is_checked_when_booking(db):
    with pytest.raises(SlotUnavailable):
        book(db, SLOTS[0], ROSA, "video", attorneys=ATTORNEYS, rules=RULES, now=SLOTS[0].start - timedelta(minutes=90))


@pytest.mark.parametrize(
    "visitor, mode, field",
    [
        (ROSA, "in_person", "mode"),
        (Visitor("Rosa", "rosa@", None, "America/Chicago"), "phone", "email"),
        (Visitor("Rosa", "rosa@example.com", "12345", "America/Chicago"), "phone", "phone"),
        (Visitor("Rosa", "rosa@example.com", None, "Mars/Olympus"), "phone", "time_zone"),
        (Visitor("  ", "rosa@example.com", None, "America/Chicago"), "phone", "name"),
    ],
)
def test_bad_details_are_refused(db, visitor, mode, field):
    with pytest.raises(InvalidBooking) as err:
        do_book(db, visitor=visitor, mode=mode)
    assert err.value.field == field and str(err.value)
    assert rows(db) == []


# --- the database's own guarantee ------------------------------------------------


def raw_insert(db, reference, start, end, attorney="ana", status="confirmed"):
    db.conn.execute(
        "INSERT INTO bookings (reference, attorney_id, start_utc, end_utc, mode, status, name, email, visitor_tz, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, 'phone', ?, 'X', 'x@example.com', 'UTC', 'now', 'now')",
        [reference, attorney, start, end, status],
    )


def test_trigger_refuses_an_overlapping_insert(db):
    raw_insert(db, "RC-AAAAA2", "2026-11-30T15:00:00Z", "2026-11-30T15:30:00Z")
    with pytest.raises(sqlite3.IntegrityError, match="overlaps"):
        raw_insert(db, "RC-AAAAA3", "2026-11-30T15:29:00Z", "2026-11-30T15:59:00Z")
    raw_insert(db, "RC-AAAAA4", "2026-11-30T15:30:00Z", "2026-11-30T16:00:00Z")  # touching is fine
    raw_insert(db, "RC-AAAAA5", "2026-11-30T15:00:00Z", "2026-11-30T15:30:00Z", attorney="dan")  # other attorney
    raw_insert(db, "RC-AAAAA6", "2026-11-30T15:00:00Z", "2026-11-30T15:30:00Z", status="cancelled")


def test_trigger_refuses_an_overlapping_update(db):
    raw_insert(db, "RC-AAAAA2", "2026-11-30T15:00:00Z", "2026-11-30T15:30:00Z")
    raw_insert(db, "RC-AAAAA3", "2026-11-30T16:00:00Z", "2026-11-30T16:30:00Z")
    raw_insert(db, "RC-AAAAA4", "2026-11-30T15:10:00Z", "2026-11-30T15:40:00Z", status="cancelled")
    with pytest.raises(sqlite3.IntegrityError, match="overlaps"):
        db.conn.execute("UPDATE bookings SET start_utc = '2026-11-30T15:15:00Z', end_utc = '2026-11-30T15:45:00Z' WHERE reference = 'RC-AAAAA3'")
    with pytest.raises(sqlite3.IntegrityError, match="overlaps"):
        db.conn.execute("UPDATE bookings SET status = 'confirmed' WHERE reference = 'RC-AAAAA4'")
    db.conn.execute("UPDATE bookings SET status = 'cancelled' WHERE reference = 'RC-AAAAA2'")
    db.conn.execute("UPDATE bookings SET status = 'confirmed' WHERE reference = 'RC-AAAAA4'")


def test_unique_index_backs_up_the_trigger(db):
    db.conn.execute("DROP TRIGGER bookings_no_overlap_insert")
    raw_insert(db, "RC-AAAAA2", "2026-11-30T15:00:00Z", "2026-11-30T15:30:00Z")
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        raw_insert(db, "RC-AAAAA3", "2026-11-30T15:00:00Z", "2026-11-30T15:45:00Z")
    booking_store.ensure_schema(db)  # puts the trigger back
    with pytest.raises(sqlite3.IntegrityError, match="overlaps"):
        raw_insert(db, "RC-AAAAA4", "2026-11-30T15:15:00Z", "2026-11-30T15:45:00Z")


@pytest.mark.parametrize("start", ["2026-11-30 15:00:00", "2026-11-30T15:00:00+00:00", "2026-11-30T15:00Z"])
def test_times_must_be_in_the_one_utc_format(db, start):
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        raw_insert(db, "RC-AAAAA2", start, "2026-11-30T15:30:00Z")


def test_slot_taken_when_the_trigger_fires(db, monkeypatch):
    # As if the rules check had missed a concurrent booking: the database still says no.
    do_book(db)
    monkeypatch.setattr(booking_store, "_check_open", lambda *a, **k: None)
    with pytest.raises(SlotTaken):
        do_book(db, Slot(at(15, 15), "ana", at(15, 45)))
    assert len(rows(db)) == 1


# --- all or nothing -------------------------------------------------------------------


def test_a_failure_mid_booking_leaves_nothing(db, monkeypatch):
    intake_store.save_intake(db, "conv-1", {"situation": "removal"})

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(intake_store, "save_intake", broken)
    with pytest.raises(RuntimeError):
        do_book(db)
    assert rows(db) == []
    assert intake_store.intake_for_conversation(db, "conv-1")["booking"] is None
    assert not db.conn.in_transaction
    monkeypatch.undo()
    assert do_book(db).status == "confirmed"  # and the slot is still open


def test_a_failure_inside_save_intake_rolls_back_the_booking_too(db, monkeypatch):
    # save_intake runs `with db.conn:`; its rollback must take the booking with it
    intake_store.save_intake(db, "conv-1", {"situation": "removal"})
    monkeypatch.setattr(intake_store, "_encode", lambda record: (_ for _ in ()).throw(ValueError("bad field")))
    with pytest.raises(ValueError):
        do_book(db)
    assert rows(db) == [] and not db.conn.in_transaction


def test_a_failure_after_the_insert_rolls_it_back(db, monkeypatch):
    monkeypatch.setattr(booking_store, "_by_reference", lambda *a: (_ for _ in ()).throw(OSError("I/O error")))
    with pytest.raises(OSError):
        do_book(db)
    assert rows(db) == [] and not db.conn.in_transaction


def test_a_failed_reschedule_keeps_the_old_booking(db, monkeypatch):
    b = do_book(db)
    monkeypatch.setattr(booking_store, "_save_on_intake", lambda *a: (_ for _ in ()).throw(RuntimeError("boom")))
    with pytest.raises(RuntimeError):
        reschedule(db, b.reference, ROSA.email, SLOTS[2], attorneys=ATTORNEYS, rules=RULES, now=NOW)
    assert rows(db) == [{"reference": b.reference, "attorney_id": "ana", "start_utc": "2026-11-30T15:00:00Z",
                         "end_utc": "2026-11-30T15:30:00Z", "status": "confirmed"}]


# --- the intake ---------------------------------------------------------------------


def test_booking_summary_is_written_on_the_intake(db):
    intake_store.save_intake(db, "conv-1", {"situation": "removal"})
    b = do_book(db)
    summary = intake_store.intake_for_conversation(db, "conv-1")["booking"]
    assert summary == {"reference": b.reference, "attorney": "Ana Rivera", "start": "2026-11-30T10:00:00-05:00",
                       "mode": "video", "status": "confirmed"}
    cancel(db, b.reference, ROSA.email, attorneys=ATTORNEYS, now=NOW)
    assert intake_store.intake_for_conversation(db, "conv-1")["booking"]["status"] == "cancelled"
    export = intake_store.export_row(intake_store.intake_for_conversation(db, "conv-1"))
    assert export["booking"]["reference"] == b.reference


def test_no_intake_is_created_for_a_booking_without_one(db):
    do_book(db, visitor=Visitor("Rosa", "rosa@example.com", None, "America/Chicago", conversation_id="nobody"))
    assert intake_store.intake_for_conversation(db, "nobody") is None


# --- cancel and reschedule -------------------------------------------------------------


def test_cancel_checks_reference_and_email(db):
    b = do_book(db)
    with pytest.raises(UnknownReference):
        cancel(db, "RC-ZZZZZZ", ROSA.email, attorneys=ATTORNEYS, now=NOW)
    with pytest.raises(UnknownReference):
        cancel(db, "my code is banana", ROSA.email, attorneys=ATTORNEYS, now=NOW)
    with pytest.raises(UnknownReference):  # the same answer as an unknown reference
        cancel(db, b.reference, "someone@example.com", attorneys=ATTORNEYS, now=NOW)
    cancelled = cancel(db, b.reference.lower().replace("-", " "), " rosa.diaz@EXAMPLE.com ", attorneys=ATTORNEYS, now=NOW)
    assert cancelled.status == "cancelled"
    with pytest.raises(NotActive) as err:
        cancel(db, b.reference, ROSA.email, attorneys=ATTORNEYS, now=NOW)
    assert err.value.status == "cancelled"
    assert do_book(db).status == "confirmed"  # the slot is free again


def test_cannot_cancel_a_past_consultation(db):
    b = do_book(db)
    with pytest.raises(AlreadyHappened):
        cancel(db, b.reference, ROSA.email, attorneys=ATTORNEYS, now=b.start + timedelta(minutes=5))


def test_reschedule(db):
    intake_store.save_intake(db, "conv-1", {"situation": "removal"})
    old = do_book(db)
    new = reschedule(db, old.reference, "rosa.diaz@example.com", SLOTS[2], attorneys=ATTORNEYS, rules=RULES, now=NOW)
    assert new.reference != old.reference and new.replaces == old.reference
    assert (new.start, new.mode, new.status, new.email) == (SLOTS[2].start, "video", "confirmed", old.email)
    old = get_booking(db, old.reference)
    assert (old.status, old.replaced_by) == ("rescheduled", new.reference)
    assert intake_store.intake_for_conversation(db, "conv-1")["booking"]["reference"] == new.reference
    with pytest.raises(NotActive) as err:
        cancel(db, old.reference, ROSA.email, attorneys=ATTORNEYS, now=NOW)
    assert err.value.replaced_by == new.reference


def test_reschedule_to_an_overlapping_time_of_the_same_booking(db):
    # moving 9:00 to 9:45 frees 9:00 first, so the buffer does not block it
    old = do_book(db)
    new = reschedule(db, old.reference, ROSA.email, SLOTS[1], attorneys=ATTORNEYS, rules=RULES, now=NOW)
    assert new.start == SLOTS[1].start


def test_reschedule_to_a_taken_slot_changes_nothing(db):
    mine = do_book(db)
    do_book(db, SLOTS[2], Visitor("Other", "other@example.com", None, "America/Chicago"))
    with pytest.raises(SlotTaken):
        reschedule(db, mine.reference, ROSA.email, SLOTS[2], attorneys=ATTORNEYS, rules=RULES, now=NOW)
    assert get_booking(db, mine.reference).status == "confirmed"
    assert [r["status"] for r in rows(db)] == ["confirmed", "confirmed"]


def test_reschedule_errors(db):
    b = do_book(db)
    with pytest.raises(UnknownReference):
        reschedule(db, "RC-ZZZZZZ", ROSA.email, SLOTS[2], attorneys=ATTORNEYS, rules=RULES, now=NOW)
    with pytest.raises(UnknownReference):
        reschedule(db, b.reference, "nope@example.com", SLOTS[2], attorneys=ATTORNEYS, rules=RULES, now=NOW)
    with pytest.raises(InvalidBooking):
        reschedule(db, b.reference, ROSA.email, SLOTS[2], mode="in_person", attorneys=ATTORNEYS, rules=RULES, now=NOW)
    assert check_reference(db, b.reference, ROSA.email, now=NOW) == b


@pytest.mark.parametrize(
    "text, code",
    [("RC-7K3M9P", "RC-7K3M9P"), ("rc 7k3m9p", "RC-7K3M9P"), ("7K3M9P", "RC-7K3M9P"), ("RC-7K3M9P.", "RC-7K3M9P"),
     ("RC-7K3M9", None), ("RC-OOOOOO", None), ("", None), (None, None),
     ("RC-7K3M-9PQX-2D4W", "RC-7K3M-9PQX-2D4W"), ("rc 7k3m 9pqx 2d4w.", "RC-7K3M-9PQX-2D4W"),
     ("7K3M9PQX2D4W", "RC-7K3M-9PQX-2D4W"), ("RC-7K3M-9PQX-2D4O", "RC-7K3M-9PQX-2D40"),
     ("RC-7K3M-9PQX-2D4U", None), ("RC-7K3M-9PQX-2D4", None), ("RC-٧K3M-9PQX-2D4W", None)],
)
def test_normalise_reference(text, code):
    assert normalise_reference(text) == code
