"""Benchmark: the staff inbox and search with 100,000 intakes.

Generates --intakes intakes (default 100,000) into a temporary data
directory, with their search documents (summary, the visitor's words, the
assistant's words) as the staff app's index holds them, then measures real
requests through the staff app (in-process ASGI, logged in, HTML rendered):

- inbox: the first page, no filter (urgent first, then newest, counts per
  filter, the callback queue);
- inbox filtered: random combinations of status, situation, state, urgent,
  booked, callback and a date range;
- inbox deep pages: following "next page" cursors far into the list;
- search: words visitors use (names, places, phone digits, common and rare
  words), every query a different one, a third with a filter;
- the first page and filtered pages again with the facet-count cache off
  (what a page costs right after the database changed).

Prints p50/p95/max in milliseconds per kind and whether each p95 meets
--target-ms (150), and writes the run's record (``scripts/bench_record.py``;
--record keeps it). Exits 0 (with --strict, 1 when a target is missed).
Usage: .venv/bin/python scripts/bench_staff.py [--intakes 100000] [--runs 200] [--record]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Dict, List

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import bench_record  # noqa: E402

FIRST = ["Maria", "Jose", "Ana", "Luis", "Carmen", "Juan", "Rosa", "Miguel", "Lucia", "Pedro", "Thi", "Minh", "Ahmed", "Fatima",
         "Olga", "Ivan", "Wei", "Priya", "Raj", "Grace", "Samuel", "Esther", "Daniel", "Sofia", "Mateo", "Valentina", "Omar", "Amina"]
LAST = ["Lopez", "Garcia", "Martinez", "Hernandez", "Nguyen", "Tran", "Khan", "Ali", "Petrov", "Chen", "Patel", "Okafor", "Mensah",
        "Rodriguez", "Flores", "Ramirez", "Cruz", "Reyes", "Morales", "Ortiz", "Gutierrez", "Castillo", "Vargas", "Romero"]
PLACES = [("Chicago", "IL"), ("Aurora", "IL"), ("Joliet", "IL"), ("Waukegan", "IL"), ("Los Angeles", "CA"), ("San Diego", "CA"),
          ("Houston", "TX"), ("Dallas", "TX"), ("Phoenix", "AZ"), ("Miami", "FL"), ("Orlando", "FL"), ("Newark", "NJ"),
          ("New York", "NY"), ("Boston", "MA"), ("Seattle", "WA"), ("Denver", "CO"), ("Atlanta", "GA"), ("Charlotte", "NC"),
          ("Tijuana", None), ("Toronto", None)]
SAYS = {
    "detention": ["ICE took my husband this morning", "my brother is held at Broadview", "they detained my son at work",
                  "my father was arrested by immigration agents", "my wife is in detention in Kenosha"],
    "removal": ["I have a court hearing next week", "I got a notice to appear", "my check-in with ICE is on Monday",
                "the judge gave me a removal order", "my hearing was moved and I do not know the date"],
    "enforcement": ["agents are at my door right now", "there was a raid at the factory", "ICE is outside the school",
                    "what are my rights if they come to my house"],
    "humanitarian": ["I want to apply for asylum", "my TPS expires soon", "DACA renewal help", "I was a victim of a crime, U visa"],
    "family": ["we married last year and want a green card", "I want to petition for my mother", "fiance visa for my partner"],
    "employment": ["my employer wants to sponsor my H-1B", "work permit expired", "PERM labor certification question"],
    "citizenship": ["I want to apply for citizenship", "naturalization interview is coming", "my N-400 was denied"],
    "other": ["I lost my passport", "question about travel", "my cousin needs help with papers"],
}
ASSISTANT = [
    "Hi, I'm Sol, the assistant of Rivera & Cole Immigration Law. I'm an automated assistant, not a lawyer.",
    "May I save what you tell me so that our intake team can review it and call you back?",
    "Where are you located? A city and state is enough.",
    "What is happening? You can pick one of these or tell me in your own words.",
    "What is your name? And a phone number where our team can reach you?",
    "Here's what I have. Is this right?",
    "Thank you. Our team will call you back.",
]
URGENT_HELP = "If someone was detained, the ICE Online Detainee Locator can help you find them. Call us at (312) 555-0148."
STATUSES = ["new"] * 6 + ["reviewed", "reviewed", "contacted", "contacted", "consultation_booked", "retained", "declined"]


def generate(db, n: int, rng: random.Random) -> Dict[str, List[str]]:
    """n intakes over the last two years, and their search documents; returns words to search for."""
    from bot.staff import search

    now = datetime.now(timezone.utc)
    rows, docs = [], []
    rare: List[str] = []
    for i in range(1, n + 1):
        created = now - timedelta(seconds=rng.randint(0, 730 * 86400))
        stamp = created.replace(microsecond=0).isoformat()
        situation = rng.choice(list(SAYS))
        city, state = rng.choice(PLACES)
        first, last = rng.choice(FIRST), rng.choice(LAST)
        phone = f"+1312555{i % 10000:04d}"
        said = rng.choice(SAYS[situation])
        urgent = situation in ("detention", "enforcement") or rng.random() < 0.05
        reasons = ["detained_now"] if situation == "detention" else (["ice_present_now"] if urgent else [])
        booking = None
        if rng.random() < 0.15:
            booking = {"reference": f"RC-{i:06d}", "attorney": "Ana Rivera", "mode": "phone",
                       "start": (created + timedelta(days=3)).isoformat(), "status": rng.choice(["confirmed"] * 4 + ["cancelled"])}
        case = f"case{i}"  # one rare word per intake
        if i % 997 == 0:
            rare.append(case)
        intake = {
            "id": i, "conversation_id": f"bench-{i:07d}", "created_at": stamp, "updated_at": stamp,
            "status": rng.choice(STATUSES), "consent": 1, "country": "United States" if state else "Mexico",
            "state": state, "city": city, "county": None, "location_text": city, "situation": situation,
            "situation_text": f"{said} ({case})", "urgent": int(urgent), "urgency_reasons": reasons,
            "details": {"detained_where": "Broadview"} if situation == "detention" else {},
            "contact": {"name": f"{first} {last}", "phone": phone}, "callback_requested": int(rng.random() < 0.08),
            "language": "es" if rng.random() < 0.3 else "en", "updates_shown": [], "booking": booking,
        }
        visitor = "\n".join(["hi", "/affirm", f"{city}", said, f"{first} {last}", phone[2:], case])
        assistant = "\n".join(ASSISTANT + ([URGENT_HELP] if urgent else []))
        docs.append((i, stamp, search.summary_text(intake), visitor, assistant))
        row = dict(intake)
        for key in ("urgency_reasons", "details", "contact", "updates_shown", "booking"):
            row[key] = json.dumps(row[key], ensure_ascii=False, sort_keys=True) if row[key] is not None else None
        rows.append(row)
    db["intakes"].insert_all(rows, batch_size=5000)
    with db.conn:
        db.conn.executemany("INSERT INTO staff_search (rowid, summary, visitor, assistant) VALUES (?, ?, ?, ?)", [(d[0], d[2], d[3], d[4]) for d in docs])
        db.conn.executemany("INSERT INTO staff_search_docs (intake_id, updated_at, indexed_at) VALUES (?, ?, ?)", [(d[0], d[1], d[1]) for d in docs])
        db.conn.execute("INSERT OR REPLACE INTO staff_search_state (key, value) VALUES ('intake_updated_at', ?)", [max(d[1] for d in docs)])
        db.conn.execute("INSERT INTO staff_search(staff_search) VALUES ('optimize')")
    db.conn.execute("ANALYZE")
    return {"rare": rare}


def percentile(values: List[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]


def measure(label: str, runs: int, make_request: Callable[[int], str], client, target: float) -> Dict[str, float]:
    times = []
    for i in range(runs + 5):
        url = make_request(i)
        start = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - start) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{label}: {url} answered {response.status_code}")
        if i >= 5:  # warm-up excluded
            times.append(elapsed)
    result = {"p50": statistics.median(times), "p95": percentile(times, 95), "max": max(times)}
    ok = "ok" if result["p95"] <= target else "MISSED"
    print(f"{label:<28} p50 {result['p50']:6.1f} ms   p95 {result['p95']:6.1f} ms   max {result['max']:6.1f} ms   ({ok}, target p95 <= {target:g} ms)")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--intakes", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--target-ms", type=float, default=150.0)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--strict", action="store_true", help="exit 1 when a p95 misses the target")
    bench_record.add_argument(parser)
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="bench-staff-")
    os.environ["INTAKE_DATA_DIR"] = tmp.name
    os.environ.pop("INTAKE_DB", None)
    os.environ.setdefault("STAFF_SECRET_KEY", "bench-only-secret")

    from urllib.parse import urlencode

    from starlette.testclient import TestClient

    from bot.staff import accounts, inbox
    from bot.staff import db as staff_db
    from web.app import create_app

    rng = random.Random(args.seed)
    db = staff_db.connect()
    started = time.perf_counter()
    words = generate(db, args.intakes, rng)
    size = sum(f.stat().st_size for f in Path(tmp.name).glob("intake.db*")) / 1e6
    print(f"generated {args.intakes:,} intakes and their search documents in {time.perf_counter() - started:.1f} s ({size:.0f} MB)")
    password = "benchmark password 1"
    accounts.add_user(db, "bench@firm.example", password, "admin")

    results = {}
    with TestClient(create_app(), base_url="http://testserver") as client:
        page = client.get("/staff/login")
        token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        login = client.post("/staff/login", data={"email": "bench@firm.example", "password": password, "csrf_token": token})
        assert login.status_code == 200, (login.status_code, login.text[:300])

        def url(params):
            return "/staff/" + ("?" + urlencode(params) if params else "")

        results["inbox"] = measure("inbox, first page", args.runs, lambda i: url({}), client, args.target_ms)

        def filtered(i):
            r = random.Random(i)
            params = {}
            for name, choices in (
                ("status", list(inbox.STATUSES)), ("situation", list(SAYS)), ("state", ["IL", "CA", "TX", "NY"]),
                ("urgent", ["yes", "no"]), ("booked", ["yes", "no"]), ("callback", ["yes", "no"]),
            ):
                if r.random() < 0.35:
                    params[name] = r.choice(choices)
            if r.random() < 0.3:
                start = datetime.now(timezone.utc).date() - timedelta(days=r.randint(30, 600))
                params["from"], params["to"] = start.isoformat(), (start + timedelta(days=r.randint(7, 120))).isoformat()
            return url(params)

        results["filtered"] = measure("inbox, filtered", args.runs, filtered, client, args.target_ms)

        # cursors far into the list: walk 200 pages once, then request them at random
        cursors, after = [], None
        for _ in range(200):
            result = inbox.page(db, inbox.Filters(), after=after, with_snippets=False)
            after = result.next_cursor
            cursors.append(after)
        results["deep"] = measure("inbox, deep pages", args.runs, lambda i: url({"after": cursors[(i * 37) % len(cursors)]}), client, args.target_ms)

        # Every search is a different one (no cache helps): names, a name and a
        # place, a case word, phone digits, common words alone.
        r = random.Random(1000)
        common = ["detained", "hearing", "green card", "asylum", "Broadview", "raid", "passport", "notice to appear", "work", "Chicago"]
        terms = [f"{f} {l}" for f in FIRST for l in LAST]
        r.shuffle(terms)
        terms = (
            common + words["rare"] + [f"555{n:04d}" for n in r.sample(range(10000), 20)]
            + [f"{t.split()[0]} {c}" for t, (c, _) in zip(terms[:40], PLACES * 2)] + terms
        )
        r.shuffle(terms)

        def searched(i):
            params = {"q": terms[i % len(terms)]}
            if i % 3 == 0:
                params["urgent"] = "yes"
            return url(params)

        results["search"] = measure("search (all different)", args.runs, searched, client, args.target_ms)

        # The same first page with the facet-count cache off: what a page costs
        # right after any change to the database.
        inbox.CACHE_COUNTS = False
        results["uncached"] = measure("inbox, counts not cached", args.runs, lambda i: url({}), client, args.target_ms)
        results["filtered_uncached"] = measure("inbox filtered, not cached", args.runs, filtered, client, args.target_ms)
        inbox.CACHE_COUNTS = True

    staff_db.close_thread_connections()
    tmp.cleanup()
    missed = [k for k, v in results.items() if v["p95"] > args.target_ms]
    print("all p95 within target" if not missed else f"p95 over target: {', '.join(missed)}")
    labels = {"inbox": "inbox, first page", "filtered": "inbox, filtered", "deep": "inbox, deep pages", "search": "search",
              "uncached": "first page, counts not cached", "filtered_uncached": "filtered, counts not cached"}
    bench_record.record(
        "staff", "make bench-staff",
        {"intakes": args.intakes, "runs": args.runs,
         **{labels[k]: {"p50 ms": v["p50"], "p95 ms": v["p95"], "max ms": v["max"]} for k, v in results.items()}},
        targets={f"{labels[k]}/p95 ms": f"<= {args.target_ms:g}" for k in results},
        headline=[f"{labels[k]}/p95 ms" for k in ("inbox", "filtered", "search", "uncached")], keep=args.record,
    )
    return 1 if (missed and args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
