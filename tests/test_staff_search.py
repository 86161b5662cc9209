"""Full-text search over summaries and transcripts, and keeping its index current.

Every test runs twice: with the transcripts in SQLite (the embedded profile:
one FTS5 index) and in a throwaway PostgreSQL database (marker ``postgres``:
PostgreSQL's own full-text search answers for what was said, FTS5 for the
summaries), so staff get the same results from both.
"""
from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import pytest

from bot import store, transcripts
from bot.staff import inbox, retention, search
from bot.staff.inbox import Filters
from staff_support import T0, intake_conversation, intake_db, logged_in, make_intake, save_conversation

DAY = 86400


@pytest.fixture(autouse=True, params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def dialect(request):
    """Where transcripts live for this test: the default SQLite file, or a new PostgreSQL database."""
    if request.param == "postgresql":
        request.getfixturevalue("postgres_url")
    return request.param


def _ids(q, **filters):
    search.sync(intake_db(), transcripts.store())
    return [i["id"] for i in inbox.page(intake_db(), Filters(q=q, **filters)).intakes]


def _snippet(q, intake_id):
    search.sync(intake_db(), transcripts.store())
    return inbox.page(intake_db(), Filters(q=q)).snippets.get(intake_id)


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


# --- what was said: the same results wherever the transcripts live --------------------------


def test_a_word_the_visitor_typed_and_one_the_assistant_said(two):
    a, b = two
    buttons = [{"title": "Tell me about fees", "payload": "/ask_fees"}]
    save_conversation("conv-b", [("bot", "Attorney Okonkwo handles marriage cases.", buttons)], start=T0 + 600)
    assert _ids("brother") == [a["id"]]  # the visitor typed it
    assert _ids("Okonkwo") == [b["id"]]  # the assistant said it
    assert _ids("fees") == [b["id"]]  # a button's title
    assert _ids("ask_fees") == []  # a payload is not text
    assert _ids("detained") == [a["id"], b["id"]]  # a button both were shown ("Someone is detained"); urgent first
    # Every word, each in the summary or in what was said.
    assert _ids("5550111 brother") == [a["id"]]  # phone digits in the summary only, "brother" in the transcript only
    assert _ids("5550111 married") == []
    assert _ids("brother okonkwo") == []


def test_accents_case_and_punctuation_as_fts5_reads_them():
    save_conversation("conv-es", intake_conversation(
        "Mi hija celebra su QUINCEAÑERA en Dénver; ¿dónde pido la visa? Escriba a rosa.diaz@example.com, caso N-400 (3.5 años)",
        place="Waukegan"))
    save_conversation("conv-en", intake_conversation("my daughter turns fifteen"))
    es = make_intake("conv-es", language="es")
    make_intake("conv-en")
    for q in ("quinceanera", "Quinceañera", "QUINCEANERA", "denver", "DÉNVER", "donde", "anos"):
        assert _ids(q) == [es["id"]], q
    assert _ids("quince") == [es["id"]]  # the last word as a prefix
    assert _ids("quince visa") == []  # other words whole
    assert _ids('"su quinceañera"') == [es["id"]]  # a phrase in quotes
    assert _ids('"quinceañera su"') == []  # in its order
    assert _ids('"Dénver dónde"') == [es["id"]]  # punctuation does not break a phrase
    # An e-mail address, a form number and a decimal are words, as FTS5 splits them.
    for q in ("diaz", "example.com", "rosa.diaz@example.com", "400", "N-400", '"n 400"', "3.5"):
        assert _ids(q) == [es["id"]], q


@pytest.mark.parametrize("q", [
    '"', "'", '""', "'\"'", "<script>alert(1)</script>", "a & b | !c", "brother <-> wash", "brot:*", "\\", "%", "_",
    ":q0", "'; DROP TABLE intakes; --", "OR", "NOT", "AND brother", "(", ")", "💥", "brother" * 30,
])
def test_hostile_input_is_a_clean_result(two, q):
    c, _ = logged_in()
    response = c.get("/staff/", params={"q": q})
    assert response.status_code == 200
    assert "took too long" not in response.text
    assert "Traceback" not in response.text


def test_markup_the_visitor_typed_is_found_and_shown_as_text():
    save_conversation("conv-x", intake_conversation("<script>alert('pwned')</script> my <b>case</b> number is RV-77"))
    x = make_intake("conv-x")
    assert _ids("script") == [x["id"]] == _ids("pwned")
    assert _ids('"RV 77"') == [x["id"]]
    c, _ = logged_in()
    html = c.get("/staff/", params={"q": "pwned"}).text
    assert "<mark>pwned</mark>" in html
    assert "<script>alert" not in html  # escaped (FTS5's snippet), or < and > read as spaces (PostgreSQL's)


def test_snippets_of_what_was_said(two):
    a, b = two
    pieces = _snippet('"car wash"', a["id"])
    assert ("car wash", True) in pieces  # a phrase is one hit, as FTS5 marks it
    text = "".join(t for t, _ in pieces)
    assert text.startswith("…") and "brother at the" in text  # cut before, as FTS5 cuts
    save_conversation("conv-b", [("bot", "Attorney Okonkwo handles marriage cases.")], start=T0 + 600)
    assert ("Okonkwo", True) in _snippet("okonkwo", b["id"])
    # Found in the summary only: the summary's passage.
    assert ("5550111", True) in _snippet("5550111", a["id"])


def test_a_purge_removes_the_words_from_the_results():
    now = time.time()
    save_conversation("old", intake_conversation("the zanzibar ferry"), start=now - 400 * DAY)
    save_conversation("recent", intake_conversation("the zanzibar market"), start=now - 10 * DAY)
    old_day = (datetime.now(timezone.utc) - timedelta(days=400)).replace(microsecond=0).isoformat()
    old, recent = make_intake("old", created_at=old_day), make_intake("recent")
    assert _ids("zanzibar") == [recent["id"], old["id"]]
    assert _ids("ferry") == [old["id"]]
    report = retention.purge(intake_db(), transcripts.store(), 365, "test")
    assert (report.intakes, report.transcripts) == (1, 1)
    assert _ids("zanzibar") == [recent["id"]]
    assert _ids("ferry") == []
    assert _ids("market") == [recent["id"]]


# --- PostgreSQL answers for the transcripts ---------------------------------------------------


#: A test on PostgreSQL only (the autouse fixture's other parameter left out).
ON_POSTGRESQL = pytest.mark.parametrize("dialect", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)


def _transcript_columns():
    return intake_db().conn.execute("SELECT visitor, assistant FROM staff_search ORDER BY rowid").fetchall()


# Test names avoid the database's name: Rasa's SQLTrackerStore reads any URL holding "postgres"
# (this test's SQLite file, in a folder named after the test) as PostgreSQL's.
@ON_POSTGRESQL
def test_transcripts_searched_where_rasa_keeps_them_are_not_copied(two, dialect):
    a, _ = two
    assert _ids("brother") == [a["id"]]
    tracker = transcripts.store()
    assert tracker.searches_itself
    assert _transcript_columns() == [("", ""), ("", "")]  # PostgreSQL answered
    # Its objects are made once, and again by a new process without error.
    transcripts.close()
    transcripts.store().ensure_search()
    assert _ids("brother") == [a["id"]]


@pytest.mark.postgres
@pytest.mark.parametrize("dialect", ["sqlite"], indirect=True)  # then PostgreSQL
def test_moving_the_transcripts_remakes_the_documents(dialect, request, monkeypatch):
    save_conversation("conv-a", intake_conversation("agents took my brother at the car wash"))
    a = make_intake("conv-a")
    assert _ids("brother") == [a["id"]]
    assert _transcript_columns()[0][0]  # in FTS5
    request.getfixturevalue("postgres_url")  # TRANSCRIPTS_URL now names an empty PostgreSQL database
    save_conversation("conv-a", intake_conversation("agents took my cousin at the car wash"))
    assert _ids("cousin") == [a["id"]]
    assert _ids("brother") == []
    assert _transcript_columns() == [("", "")]
    monkeypatch.delenv("TRANSCRIPTS_URL")  # and back
    assert _ids("brother") == [a["id"]] and _ids("cousin") == []


@ON_POSTGRESQL
def test_an_event_the_index_cannot_read_as_json_is_still_saved(dialect):
    # JSON's \u0000 is not text to PostgreSQL: the index leaves the message out, Rasa still saves it.
    save_conversation("conv-n", intake_conversation("a nul \x00 here, then the zanzibar ferry"))
    save_conversation("conv-n", [("user", "and the kilimanjaro bus", "inform")], start=T0 + 600)
    n = make_intake("conv-n")
    assert "and the kilimanjaro bus" in [e.get("text") for e in transcripts.store().events_for("conv-n")]
    assert _ids("kilimanjaro") == [n["id"]]
    assert _ids("zanzibar") == []


@ON_POSTGRESQL
def test_a_slow_transcript_search_is_cut_off(dialect):
    import sqlalchemy as sa

    save_conversation("conv-a", intake_conversation())
    tracker = transcripts.store()
    with pytest.raises(transcripts.SearchTimeout):
        with tracker._limited(0.05) as conn:
            conn.execute(sa.text("SELECT pg_sleep(2)"))


@ON_POSTGRESQL
def test_a_parallel_plan_does_not_break_the_search(dialect):
    """The search function catches what is not JSON in a subtransaction, which a parallel
    query may not open: PostgreSQL must never plan one around it."""
    import sqlalchemy as sa

    save_conversation("conv-a", intake_conversation("agents took my brother at the car wash"))
    a = make_intake("conv-a")
    assert _ids("brother") == [a["id"]]  # the search objects exist
    url = transcripts.store().engine.url
    forced = "force_parallel_mode" if transcripts.store().engine.dialect.server_version_info < (16,) else "debug_parallel_query"
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool, connect_args={"options": (
        f"-c {forced}=on -c parallel_setup_cost=0 -c parallel_tuple_cost=0 -c min_parallel_table_scan_size=0")})
    try:
        tracker = transcripts.Transcripts(engine)
        found = tracker.search([transcripts.Term(("brother",)), transcripts.Term(("car", "wash"))])
        assert found == [{"conv-a"}, {"conv-a"}]
        assert "brother" in tracker.headlines([transcripts.Term(("brother",))], ["conv-a"], "[", "]")["conv-a"]
    finally:
        engine.dispose()
