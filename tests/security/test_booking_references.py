"""Finding 10 (the Python side): booking references carry at least 60 bits and
stay readable; older references still work; an unknown reference and a wrong
email get one same answer; failed checks are limited per conversation and per
reference, in SQLite."""
from __future__ import annotations

import math
import re
from datetime import timedelta

import pytest

from bot.booking import store as booking_store
from bot.booking.store import (
    REFERENCE_ALPHABET,
    REFERENCE_LENGTH,
    BookingError,
    TooManyAttempts,
    UnknownReference,
    cancel,
    check_reference,
    get_booking,
    new_reference,
    reschedule,
)
from test_booking_store import ATTORNEYS, NOW, ROSA, RULES, SLOTS, do_book

GROUPED = re.compile(r"RC-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}")


@pytest.fixture
def db(tmp_path):
    db = booking_store.connect(tmp_path / "intake.db")
    yield db
    db.close()


def test_references_carry_at_least_60_random_bits_and_stay_readable():
    assert REFERENCE_LENGTH * math.log2(len(set(REFERENCE_ALPHABET))) >= 60
    assert not set("ILOU") & set(REFERENCE_ALPHABET)  # Crockford: nothing to misread
    made = {new_reference() for _ in range(5000)}
    assert len(made) == 5000 and all(GROUPED.fullmatch(r) for r in made)
    used = set("".join(r[3:].replace("-", "") for r in made))
    assert used == set(REFERENCE_ALPHABET)  # every symbol is drawn


def test_a_booking_gets_such_a_reference_and_is_found_as_typed(db):
    b = do_book(db)
    assert GROUPED.fullmatch(b.reference)
    typed = b.reference.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert get_booking(db, typed) == b
    assert check_reference(db, typed, ROSA.email, now=NOW) == b


def test_references_made_before_still_work(db):
    b = do_book(db)
    with db.conn:
        db.conn.execute("UPDATE bookings SET reference = 'RC-7K3M9P' WHERE id = ?", [b.id])
    assert get_booking(db, "rc 7k3m9p").id == b.id
    assert cancel(db, "7K3M9P", ROSA.email, attorneys=ATTORNEYS, now=NOW).status == "cancelled"


def test_unknown_reference_and_wrong_email_get_the_same_answer(db):
    b = do_book(db)
    answers = []
    for reference, email in ((new_reference(), ROSA.email), (b.reference, "someone.else@example.com")):
        with pytest.raises(BookingError) as err:
            check_reference(db, reference, email, now=NOW, conversation_id=f"conv-{len(answers)}")
        answers.append((type(err.value), err.value.code, str(err.value)))
    assert answers[0] == answers[1]
    assert answers[0][0] is UnknownReference


def test_guessing_emails_for_one_reference_is_limited(db, monkeypatch):
    monkeypatch.setattr(booking_store, "ATTEMPT_WINDOW", timedelta(hours=2))  # to end before the consultation
    b = do_book(db)
    for i in range(booking_store.MAX_FAILED_CHECKS_PER_REFERENCE):
        with pytest.raises(UnknownReference):  # each from a new conversation: the reference's own limit holds
            cancel(db, b.reference, f"guess{i}@example.com", attorneys=ATTORNEYS, now=NOW, conversation_id=f"attacker-{i}")
    with pytest.raises(TooManyAttempts):  # even the right email now, until the window passes
        cancel(db, b.reference, ROSA.email, attorneys=ATTORNEYS, now=NOW, conversation_id="attacker-last")
    with pytest.raises(TooManyAttempts):
        reschedule(db, b.reference, ROSA.email, SLOTS[2], attorneys=ATTORNEYS, rules=RULES, now=NOW)
    assert get_booking(db, b.reference).status == "confirmed"
    later = NOW + booking_store.ATTEMPT_WINDOW + timedelta(minutes=1)
    assert check_reference(db, b.reference, ROSA.email, now=later, conversation_id="conv-1") == b


def test_guessing_references_from_one_conversation_is_limited(db):
    b = do_book(db)
    for _ in range(booking_store.MAX_FAILED_CHECKS_PER_CONVERSATION):
        with pytest.raises(UnknownReference):
            check_reference(db, new_reference(), ROSA.email, now=NOW, conversation_id="guesser")
    with pytest.raises(TooManyAttempts):
        check_reference(db, b.reference, ROSA.email, now=NOW, conversation_id="guesser")
    assert check_reference(db, b.reference, ROSA.email, now=NOW, conversation_id="someone-else") == b


def test_the_limits_are_kept_in_the_database(db, tmp_path):
    b = do_book(db)
    for i in range(booking_store.MAX_FAILED_CHECKS_PER_REFERENCE):
        with pytest.raises(UnknownReference):
            check_reference(db, b.reference, f"guess{i}@example.com", now=NOW)
    again = booking_store.connect(tmp_path / "intake.db")  # another process, or after a restart
    with pytest.raises(TooManyAttempts):
        check_reference(again, b.reference, ROSA.email, now=NOW)
    stored = [list(r) for r in again.conn.execute("SELECT * FROM booking_attempts")]
    assert stored and "guess" not in repr(stored)  # no email kept
    again.close()


def test_the_owners_success_clears_their_typos(db):
    b = do_book(db)
    for i in range(booking_store.MAX_FAILED_CHECKS_PER_REFERENCE - 1):
        with pytest.raises(UnknownReference):
            check_reference(db, b.reference, f"typo{i}@example.com", now=NOW)
    assert check_reference(db, b.reference, ROSA.email, now=NOW) == b
    with pytest.raises(UnknownReference):
        check_reference(db, b.reference, "one.more.typo@example.com", now=NOW)
    assert check_reference(db, b.reference, ROSA.email, now=NOW) == b


def test_staff_are_not_limited(db):
    b = do_book(db)
    for i in range(booking_store.MAX_FAILED_CHECKS_PER_REFERENCE):
        with pytest.raises(UnknownReference):
            check_reference(db, b.reference, f"guess{i}@example.com", now=NOW)
    assert cancel(db, b.reference, b.email, attorneys=ATTORNEYS, now=NOW, limit=False).status == "cancelled"
