"""Benchmark: open slots for 20 attorneys over the 14-day horizon.

Two figures, each over --runs runs:
- compute: slot generation alone, from weekly hours, days off and existing bookings;
- with db: the same plus reading the bookings from a SQLite intake database
  (what `find_slots` does for a visitor), on a temporary file.

Prints p50/p95 in milliseconds and whether the compute p95 meets --target-ms, and
writes the run's record (``scripts/bench_record.py``; --record keeps it);
exits 0 (with --strict, 1 when the target is missed).
Usage: .venv/bin/python scripts/bench_booking.py [--runs 200] [--record]
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import bench_record  # noqa: E402

from bot.booking import store as booking_store  # noqa: E402
from bot.booking.attorneys import BookingRules, parse_attorneys  # noqa: E402
from bot.booking.availability import open_slots_for  # noqa: E402
from bot.booking.routing import Route  # noqa: E402
from bot.booking.service import route_slots  # noqa: E402
from bot.booking.store import Visitor  # noqa: E402
from bot.situations import CATEGORIES  # noqa: E402

ZONES = ["America/Chicago", "America/New_York", "America/Los_Angeles", "America/Denver", "America/Phoenix"]
NOW = datetime(2027, 3, 1, 14, 0, tzinfo=timezone.utc)  # the 14 days include the March DST change


def make_attorneys(count: int, rng: random.Random):
    raw = []
    for i in range(count):
        hours = {}
        for day in ("mon", "tue", "wed", "thu", "fri"):
            if rng.random() < 0.85:
                hours[day] = [["09:00", "12:00"], ["13:00", "17:30"]] if rng.random() < 0.6 else [["10:00", "16:00"]]
        raw.append(
            {
                "id": f"a{i:02d}",
                "name": f"Attorney {i}",
                "practice_areas": rng.sample(list(CATEGORIES), 3),
                "languages": ["en"] + (["es"] if rng.random() < 0.4 else []),
                "time_zone": rng.choice(ZONES),
                "consultation_minutes": rng.choice([30, 45, 60]),
                "buffer_minutes": rng.choice([0, 10, 15]),
                "hours": hours or {"mon": [["09:00", "17:00"]]},
                "days_off": [(NOW + timedelta(days=rng.randint(1, 13))).date().isoformat()],
            }
        )
    return parse_attorneys(raw)


def seed_bookings(db, attorneys, rules, rng: random.Random, per_attorney: int) -> int:
    """Book random open slots (through the real booking path) so the bench sees real conflicts."""
    made = 0
    for attorney in attorneys:
        slots = open_slots_for([attorney], {}, now=NOW, rules=rules)
        for slot in rng.sample(slots, min(per_attorney, len(slots))):
            try:
                booking_store.book(
                    db, slot, Visitor("Bench Visitor", "bench@example.com", None, "America/Chicago"),
                    attorney.modes[0], attorneys=attorneys, now=NOW, rules=rules,
                )
                made += 1
            except booking_store.SlotTaken:
                pass  # a buffer conflict with an earlier pick
    return made


def percentile(samples, q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attorneys", type=int, default=20)
    parser.add_argument("--bookings", type=int, default=8, help="existing bookings per attorney")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--target-ms", type=float, default=20.0)
    parser.add_argument("--strict", action="store_true", help="exit 1 when the target is missed")
    bench_record.add_argument(parser)
    args = parser.parse_args()

    rng = random.Random(7)
    rules = BookingRules()
    attorneys = make_attorneys(args.attorneys, rng)
    with tempfile.TemporaryDirectory() as tmp:
        db = booking_store.connect(Path(tmp) / "bench.db")
        made = seed_bookings(db, attorneys, rules, rng, args.bookings)
        busy = booking_store.busy_intervals(db, [a.id for a in attorneys], NOW, NOW + rules.horizon)
        everyone = Route(situation="other", attorneys=tuple(attorneys))

        compute, with_db = [], []
        slot_count = 0
        for _ in range(args.runs):
            t0 = time.perf_counter()
            slot_count = len(open_slots_for(attorneys, busy, now=NOW, rules=rules))
            compute.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            route_slots(db, everyone, now=NOW, rules=rules)
            with_db.append((time.perf_counter() - t0) * 1000)
        db.close()

    print(f"{len(attorneys)} attorneys, 14 days, {made} existing bookings, {slot_count} open slots, {args.runs} runs")
    print(f"compute:  p50 {statistics.median(compute):.2f} ms  p95 {percentile(compute, 0.95):.2f} ms")
    print(f"with db:  p50 {statistics.median(with_db):.2f} ms  p95 {percentile(with_db, 0.95):.2f} ms")
    p95 = percentile(compute, 0.95)
    bench_record.record(
        "booking", "make bench-booking",
        {"attorneys": len(attorneys), "days": 14, "existing bookings": made, "open slots": slot_count, "runs": args.runs,
         "compute p50 ms": statistics.median(compute), "compute p95 ms": p95,
         "with db p50 ms": statistics.median(with_db), "with db p95 ms": percentile(with_db, 0.95)},
        targets={"compute p95 ms": f"<= {args.target_ms:g}"},
        headline=["compute p95 ms", "with db p95 ms"], keep=args.record,
    )
    if p95 > args.target_ms:
        print(f"MISSED: compute p95 {p95:.2f} ms > target {args.target_ms} ms")
        return 1 if args.strict else 0
    print(f"OK: compute p95 <= {args.target_ms} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
