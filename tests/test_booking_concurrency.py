"""200 visitors racing for 20 open slots, each on its own SQLite connection:
exactly 20 bookings, no overlap, every loser told SlotTaken."""
import random
import threading
from collections import Counter
from datetime import datetime, timedelta, timezone

from bot.booking import store as booking_store
from bot.booking.attorneys import BookingRules, parse_attorneys
from bot.booking.availability import open_slots

UTC = timezone.utc
NOW = datetime(2026, 11, 29, 15, 0, tzinfo=UTC)  # Sunday
RULES = BookingRules(horizon=timedelta(days=7))
ATTORNEYS = parse_attorneys(
    [
        {
            # Mon-Fri 9:00-11:00, 30 minutes, no buffer: 4 a day, 20 in the week
            "id": "ana", "name": "Ana Rivera", "practice_areas": ["removal"], "time_zone": "America/Chicago",
            "consultation_minutes": 30, "buffer_minutes": 0,
            "hours": {d: [["09:00", "11:00"]] for d in ("mon", "tue", "wed", "thu", "fri")},
        }
    ]
)
ATTEMPTS = 200


def test_200_concurrent_attempts_on_20_slots(tmp_path):
    path = tmp_path / "intake.db"
    booking_store.connect(path).close()  # schema in place before the race
    slots = open_slots(ATTORNEYS[0], now=NOW, rules=RULES)
    assert len(slots) == 20

    targets = [slots[i % 20] for i in range(ATTEMPTS)]
    random.Random(4).shuffle(targets)
    barrier = threading.Barrier(ATTEMPTS)
    outcomes = Counter()
    errors = []
    lock = threading.Lock()

    def attempt(i, slot):
        db = booking_store.connect(path)
        try:
            visitor = booking_store.Visitor(f"Visitor {i}", f"v{i}@example.com", None, "America/Chicago")
            barrier.wait()
            try:
                booking_store.book(db, slot, visitor, "phone", attorneys=ATTORNEYS, now=NOW, rules=RULES)
                result = "booked"
            except booking_store.SlotTaken:
                result = "taken"
        except Exception as exc:  # anything else fails the test
            result = "error"
            with lock:
                errors.append(repr(exc))
        finally:
            db.close()
        with lock:
            outcomes[result] += 1

    threads = [threading.Thread(target=attempt, args=(i, s)) for i, s in enumerate(targets)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)

    assert errors == []
    assert outcomes == {"booked": 20, "taken": 180}

    db = booking_store.connect(path)
    booked = booking_store.list_bookings(db, status="confirmed")
    db.close()
    assert len(booked) == 20
    assert sorted(b.start for b in booked) == [s.start for s in slots]
    for a, b in zip(booked, booked[1:]):
        assert a.end <= b.start  # no overlap
    assert len({b.reference for b in booked}) == 20
