"""Full-text search over summaries and transcripts, and keeping its index current."""
from __future__ import annotations

import pytest

from bot import store, transcripts
from bot.staff import inbox, search
from bot.staff.inbox import Filters
from staff_support import T0, intake_conversation, intake_db, logged_in, make_intake, save_conversation


def _ids(q, **filters):
    search.sync(intake_db(), transcripts.store())
    return [i["id"] for i in inbox.page(intake_db(), Filters(q=q, **filters)).intakes]


@pytest.fixture
def two():
    save_conversation("conv-a", intake_conversation("agents took my brother at the car wash", place="Aurora", name="Rosa Diaz"))
    save_conversation("conv-b", intake_conversation("we married in June and want papers", place="Joliet", name="Chen Wei"))
    a = make_intake("conv-a", situation="detention", urgent=True, contact={"name": "Rosa Diaz", "phone": "+13125550111"})
    b = make_intake("conv-b", situation="family", contact={"name": "Chen Wei", "email": "chen@example.com"})
    return a, b


def test_search_finds_words_from_transcripts_and_summaries(two):
    a, b = two
    assert _ids("car wash") == [a["id"]]  # only in the transcript
    assert _ids("married") == [b["id"]]
    assert _ids("Rosa") == [a["id"]]  # contact name (summary)
    assert _ids("5550111") == [a["id"]]  # phone digits without country code
    assert _ids("chen@example.com") == [b["id"]]
    assert _ids("Aurora") == [a["id"]]  # where they said they are
    assert _ids("custody") == []
    assert _ids("nothing like this") == []


def test_last_word_matches_as_a_prefix_and_words_are_anded(two):
    a, _ = two
    assert _ids("brot") == [a["id"]]
    assert _ids("brother June") == []
    assert _ids('"car wash"') == [a["id"]]
    assert _ids('"wash car"') == []


def test_search_combines_with_filters_and_counts(two):
    a, _ = two
    assert _ids("Joliet OR Aurora") == []  # OR is a word here, not an operator
    assert _ids("il", urgent=True) == [a["id"]]
    counts = inbox.counts(intake_db(), Filters(q="il"))
    assert counts.total == 2
    assert dict(counts.facets["urgent"]) == {True: 1, False: 1}


@pytest.mark.parametrize("q", ['"', "*", "NEAR(a b)", "a:b", "-", "'; DROP TABLE intakes; --", "(", "^x", "name: *", "AND", "🙂"])
def test_any_typed_query_is_safe(two, q):
    c, _ = logged_in()
    response = c.get("/staff/", params={"q": q})
    assert response.status_code == 200
    assert intake_db().conn.execute("SELECT count(*) FROM intakes").fetchone()[0] == 2


def test_snippets_mark_hits_as_text(two):
    a, _ = two
    search.sync(intake_db(), transcripts.store())
    page = inbox.page(intake_db(), Filters(q="wash"))
    pieces = page.snippets[a["id"]]
    assert ("wash", True) in pieces
    c, _ = logged_in()
    assert "<mark>wash</mark>" in c.get("/staff/", params={"q": "wash"}).text


def test_index_follows_new_tracker_events_and_intake_changes(two, monkeypatch):
    a, b = two
    assert _ids("quinceañera") == []
    # the visitor comes back and says more: new events in the tracker store
    save_conversation("conv-b", [("session",), ("user", "also my daughter's quinceañera visa", "inform")], start=T0 + 9000)
    assert _ids("quinceanera") == [b["id"]]  # diacritics folded
    # the intake is corrected (the action server writes it): the summary is re-indexed
    store.save_intake(intake_db(), "conv-a", {"city": "Waukegan"})
    assert _ids("Waukegan") == [a["id"]]
    # a second later, what changed in the same second as the last sync is looked at once more ...
    monkeypatch.setattr(search, "utcnow", lambda: "2999-01-01T00:00:00+00:00")
    search.sync(intake_db(), transcripts.store())
    # ... and then, nothing changed: nothing is re-indexed
    assert search.sync(intake_db(), transcripts.store()).indexed == 0


def test_a_change_within_the_second_of_indexing_is_not_missed():
    intake = make_intake("conv-1", city="Elgin")
    assert _ids("Elgin") == [intake["id"]]
    store.save_intake(intake_db(), "conv-1", {"city": "Peoria"})  # same second, same updated_at
    assert _ids("Peoria") == [intake["id"]]


def test_first_sync_runs_in_batches():
    for i in range(7):
        make_intake(f"conv-{i}", created_at=f"2026-11-0{i + 1}T10:00:00+00:00", situation_text=f"word{i}")
    report = search.sync(intake_db(), None, batch=3)
    assert report.indexed == 3 and report.pending == 4
    report = search.sync(intake_db(), None, batch=3)
    assert report.indexed == 3 and report.pending == 1
    assert search.sync(intake_db(), None, batch=3).pending == 0
    assert _ids("word6") != []


def test_rebuild_after_the_tracker_store_is_replaced(two):
    a, _ = two
    search.sync(intake_db(), transcripts.store())
    tracker = transcripts.store()
    tracker.delete_conversations(tracker.conversations())
    save_conversation("conv-a", [("session",), ("user", "zanzibar", "inform")])
    assert _ids("zanzibar") == [a["id"]]
    assert _ids("car wash") == []


def test_fts_query_quotes_every_word():
    assert search.fts_query('maria "car wash" lop') == '"car wash" "maria" "lop"*'
    assert search.fts_query("  ") is None
    assert search.fts_query('"') is None
