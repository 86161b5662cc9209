"""The inbox: order, filters, counts per filter, keyset paging, the callback queue."""
from __future__ import annotations

import json
import random
from datetime import date

import pytest

from bot.staff import inbox
from bot.staff.inbox import Filters, FilterError
from staff_support import intake_db, logged_in, make_intake

SITUATIONS = ["detention", "removal", "family", "citizenship"]
STATES = ["IL", "CA", "TX", None]
LANGUAGES = ["en", "es", "ht", None]


def _booking(status="confirmed"):
    return {"reference": "RC-ABCDEF", "attorney": "Ana Rivera", "start": "2026-12-01T10:00:00-06:00", "mode": "phone", "status": status}


def seed(n=120, seed=7):
    """n intakes over November 2026 with every combination of flags, directly in the table."""
    rng = random.Random(seed)
    db = intake_db()
    rows = []
    for i in range(n):
        day = 1 + i % 28
        rows.append(
            {
                "conversation_id": f"conv-{i}",
                "created_at": f"2026-11-{day:02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00+00:00",
                "updated_at": "2026-11-28T00:00:00+00:00",
                "status": rng.choice(list(inbox.STATUSES)),
                "situation": rng.choice(SITUATIONS),
                "state": rng.choice(STATES),
                "urgent": int(rng.random() < 0.3),
                "callback_requested": int(rng.random() < 0.25),
                "language": rng.choice(LANGUAGES),
                "booking": json.dumps(_booking(rng.choice(["confirmed", "cancelled"])), sort_keys=True) if rng.random() < 0.3 else None,
                "contact": json.dumps({"name": f"Person {i}"}),
            }
        )
    db["intakes"].insert_all(rows)
    return [dict(r, id=i + 1) for i, r in enumerate(rows)]


def _expected(rows, f: Filters):
    def booked(r):
        return bool(r["booking"]) and json.loads(r["booking"])["status"] == "confirmed"

    out = []
    for r in rows:
        if f.status and r["status"] != f.status:
            continue
        if f.situation and r["situation"] != f.situation:
            continue
        if f.state and r["state"] != f.state:
            continue
        if f.urgent is not None and bool(r["urgent"]) != f.urgent:
            continue
        if f.callback is not None and bool(r["callback_requested"]) != f.callback:
            continue
        if f.booked is not None and booked(r) != f.booked:
            continue
        if f.language and r["language"] != f.language:
            continue
        out.append(r)
    return sorted(out, key=lambda r: (r["urgent"], r["created_at"], r["id"]), reverse=True)


FILTER_CASES = [
    Filters(),
    Filters(status="new"),
    Filters(situation="detention"),
    Filters(state="IL"),
    Filters(urgent=True),
    Filters(urgent=False),
    Filters(booked=True),
    Filters(booked=False),
    Filters(callback=True),
    Filters(status="reviewed", urgent=True),
    Filters(situation="family", state="CA", booked=False),
    Filters(callback=True, booked=True, urgent=False),
    Filters(language="es"),
    Filters(language="es", urgent=True, situation="detention"),
]


@pytest.mark.parametrize("f", FILTER_CASES, ids=lambda f: json.dumps(f.to_params()) or "none")
def test_filters_order_and_paging_match_a_brute_force_reference(f):
    rows = seed()
    expected = [r["id"] for r in _expected(rows, f)]
    got, after = [], None
    while True:
        page = inbox.page(intake_db(), f, after=after, limit=7)
        got += [i["id"] for i in page.intakes]
        if not page.next_cursor:
            break
        after = page.next_cursor
    assert got == expected  # urgent first, then newest; no row twice or missing across pages


@pytest.mark.parametrize("f", FILTER_CASES, ids=lambda f: json.dumps(f.to_params()) or "none")
def test_counts_per_filter_match_a_brute_force_reference(f):
    rows = seed()
    counts = inbox.counts(intake_db(), f)
    assert counts.total == len(_expected(rows, f))
    for name in inbox.FACETS:
        for value, n in counts.facets[name]:
            if value is None:  # "not given" is shown, not filterable
                assert n == len([r for r in _expected(rows, f.without(name)) if r.get(name) is None])
                continue
            # each facet is counted under the other filters, with its own set to that value
            assert n == len(_expected(rows, f.with_(**{name: value}))), (name, value)


def test_date_range_is_in_the_firms_time_zone():
    # 2026-11-10 04:30 UTC is still Nov 9 in Chicago
    early = make_intake("a", created_at="2026-11-10T04:30:00+00:00")
    late = make_intake("b", created_at="2026-11-10T07:00:00+00:00")
    f = Filters(date_from=date(2026, 11, 10), date_to=date(2026, 11, 10))
    assert [i["id"] for i in inbox.page(intake_db(), f).intakes] == [late["id"]]
    f = Filters(date_to=date(2026, 11, 9))
    assert [i["id"] for i in inbox.page(intake_db(), f).intakes] == [early["id"]]
    assert inbox.counts(intake_db(), f).total == 1


@pytest.mark.parametrize(
    "params",
    [{"status": "deleted"}, {"situation": "taxes"}, {"urgent": "maybe"}, {"language": "klingon"}, {"from": "yesterday"}, {"from": "2026-11-10", "to": "2026-11-01"}],
)
def test_bad_filters_are_refused(params):
    with pytest.raises(FilterError):
        Filters.from_params(params)
    c, _ = logged_in()
    response = c.get("/staff/", params=params)
    assert response.status_code == 400


def test_filters_round_trip_through_the_query_string():
    f = Filters(status="new", situation="family", state="IL", urgent=True, booked=False, callback=True, language="es", date_from=date(2026, 11, 1), date_to=date(2026, 11, 30), q="maria")
    assert Filters.from_params(f.to_params()) == f


def test_forged_cursor_is_refused():
    c, _ = logged_in()
    assert c.get("/staff/", params={"after": "not-a-cursor!!"}).status_code == 400


def test_callback_queue_lists_waiting_requests_urgent_then_oldest():
    old = make_intake("old", created_at="2026-11-01T10:00:00+00:00", callback_requested=True)
    new = make_intake("new", created_at="2026-11-20T10:00:00+00:00", callback_requested=True)
    urgent = make_intake("urgent", created_at="2026-11-25T10:00:00+00:00", callback_requested=True, urgent=True)
    make_intake("done", created_at="2026-11-02T10:00:00+00:00", callback_requested=True, status="contacted")
    make_intake("none", created_at="2026-11-02T10:00:00+00:00")
    queue, total = inbox.callback_queue(intake_db())
    assert [i["id"] for i in queue] == [urgent["id"], old["id"], new["id"]] and total == 3


def test_inbox_page_shows_queue_counts_and_links():
    seed(240)
    c, _ = logged_in()
    page = c.get("/staff/", params={"situation": "detention"})
    assert page.status_code == 200
    assert "Callback requests waiting" in page.text
    total = inbox.counts(intake_db(), Filters(situation="detention")).total
    assert f"<strong>{total}</strong> intakes" in page.text
    # facet links keep the current filter and add theirs
    assert "situation=detention&amp;status=new" in page.text or "status=new&amp;situation=detention" in page.text
    # next page link carries the filters and a cursor
    assert "after=" in page.text


def test_inbox_order_urgent_first_then_newest_on_the_page():
    a = make_intake("a", created_at="2026-11-01T10:00:00+00:00", urgent=True)
    b = make_intake("b", created_at="2026-11-20T10:00:00+00:00")
    c_ = make_intake("c", created_at="2026-11-10T10:00:00+00:00", urgent=True)
    d = make_intake("d", created_at="2026-11-25T10:00:00+00:00")
    ids = [i["id"] for i in inbox.page(intake_db(), Filters()).intakes]
    assert ids == [c_["id"], a["id"], d["id"], b["id"]]
    c, _ = logged_in()
    text = c.get("/staff/").text.split('id="intakes"')[1]
    positions = [text.index(f'/staff/intakes/{i}"') for i in ids]
    assert positions == sorted(positions)


@pytest.mark.parametrize("many", [0, 10**9], ids=["walk-index", "look-up-hits"])
@pytest.mark.parametrize("f", FILTER_CASES[:6] + [Filters(date_from=date(2026, 11, 5), date_to=date(2026, 11, 20), urgent=True)], ids=lambda f: json.dumps(f.to_params(), default=str) or "none")
def test_search_paths_agree_with_the_unsearched_inbox(monkeypatch, many, f):
    from bot.staff import search

    seed()
    search.sync(intake_db(), None, batch=None)
    monkeypatch.setattr(inbox, "_MANY_HITS_PAGE", many)
    monkeypatch.setattr(inbox, "_MANY_HITS_COUNTS", many)
    everyone = f.with_(q="Person")  # every seeded intake's contact name
    plain_page, plain_counts = inbox.view(intake_db(), f, limit=200)
    page, counts = inbox.view(intake_db(), everyone, limit=200)
    assert [i["id"] for i in page.intakes] == [i["id"] for i in plain_page.intakes]
    assert counts.total == plain_counts.total and counts.facets == plain_counts.facets


def test_cached_counts_follow_changes_from_any_connection():
    from bot import store

    seed(20)
    db = intake_db()
    before = inbox.counts(db, Filters()).total
    assert inbox.counts(db, Filters()).total == before  # served from the cache
    other = store.connect()  # e.g. the action server saving an intake
    store.save_intake(other, "new-one", {"situation": "family"})
    assert inbox.counts(db, Filters()).total == before + 1
    with db.conn:
        db.conn.execute("DELETE FROM intakes WHERE conversation_id = 'new-one'")
    assert inbox.counts(db, Filters()).total == before


@pytest.mark.parametrize(
    "f",
    [
        Filters(date_from=date(2026, 11, 5), date_to=date(2026, 11, 7)),  # narrow: read just that range
        Filters(date_from=date(2026, 11, 2), date_to=date(2026, 11, 27)),  # wide: walk the facet index
        Filters(date_from=date(2026, 11, 20), status="new", booked=False),
        Filters(date_to=date(2026, 11, 3), urgent=True),
    ],
    ids=["narrow", "wide", "from-status-booked", "to-urgent"],
)
def test_counts_with_date_ranges_match_a_brute_force_reference(f):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    rows = seed()

    def local_day(r):
        return datetime.fromisoformat(r["created_at"]).astimezone(ZoneInfo("America/Chicago")).date()

    def expected(g):
        return [r for r in _expected(rows, g) if (not g.date_from or local_day(r) >= g.date_from) and (not g.date_to or local_day(r) <= g.date_to)]

    counts = inbox.counts(intake_db(), f)
    assert counts.total == len(expected(f))
    assert [i["id"] for i in inbox.page(intake_db(), f, limit=200).intakes] == [r["id"] for r in expected(f)]
    for name in inbox.FACETS:
        for value, n in counts.facets[name]:
            if value is not None:
                assert n == len(expected(f.with_(**{name: value}))), (name, value)


def test_a_person_in_danger_sorts_above_every_other_intake_and_counts_as_urgent():
    older = make_intake("conv-safety", created_at="2026-11-01T09:00:00+00:00", safety_flag="dv")
    make_intake("conv-urgent", created_at="2026-11-20T09:00:00+00:00", urgent=True, urgency_reasons=["detained_now"])
    make_intake("conv-plain", created_at="2026-11-25T09:00:00+00:00")
    first = inbox.page(intake_db(), Filters()).intakes[0]
    assert first["id"] == older["id"] and first["urgent"] is True and first["safety_flag"] == "dv"
    urgent_only = inbox.page(intake_db(), Filters(urgent=True)).intakes
    assert [i["conversation_id"] for i in urgent_only] == ["conv-safety", "conv-urgent"]



def test_an_inbox_made_before_the_language_facet_is_brought_up_to_date():
    from bot.staff import db as staff_db
    db = intake_db()
    db.conn.execute("DROP INDEX staff_intakes_facets")
    db.conn.execute("CREATE INDEX staff_intakes_facets ON intakes (status, situation, state, urgent, callback_requested, created_at)")
    staff_db.ensure_schema(db)
    columns = [row[2] for row in db.conn.execute("PRAGMA index_info(staff_intakes_facets)")]
    assert "language" in columns
    make_intake("a", language="es")
    assert inbox.counts(db, Filters(language="es")).total == inbox.counts(db, Filters()).total == 1
    assert inbox.counts(db, Filters(language="en")).total == 0


def test_the_inbox_page_offers_the_language_filter_with_counts():
    make_intake("a")
    c, _ = logged_in()
    page = c.get("/staff/", params={"language": "en"})
    assert page.status_code == 200
    assert '<option value="es" >Spanish</option>' in page.text and '<option value="en" selected>English</option>' in page.text
