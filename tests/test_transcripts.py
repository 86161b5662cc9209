"""bot/transcripts.py on each dialect Rasa's SQL tracker store is used with here:
SQLite (the embedded default) and PostgreSQL (a throwaway server, marked
``postgres``). Conversations are written by Rasa's own ``SQLTrackerStore``
(tests/staff_support.py), then read, searched and deleted by the staff app.
"""
from __future__ import annotations

import ast
import re
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot import settings, transcripts
from bot.staff import inbox, retention, search, stats, transcript
from bot.staff.inbox import Filters
from staff_support import T0, build_events, domain, intake_conversation, intake_db, make_intake, save_conversation

ROOT = Path(__file__).resolve().parent.parent
DAY = 86400


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def dialect(request):
    """Where transcripts live for this test: the default SQLite file, or a new PostgreSQL database."""
    if request.param == "postgresql":
        request.getfixturevalue("postgres_url")
    return request.param


def _store() -> transcripts.Transcripts:
    found = transcripts.store()
    assert found is not None
    return found


def test_a_conversation_reads_back_as_rasa_stored_it(dialect):
    save_conversation("conv-1", intake_conversation("ICE took my husband, he is at Broadview"))
    save_conversation("conv-2", [("session",), ("user", "hello", "greet")])
    store = _store()
    assert store.dialect == dialect
    events = store.events_for("conv-1")
    assert [e["event"] for e in events[:3]] == ["action", "session_started", "action"]
    assert "ICE took my husband, he is at Broadview" in [e.get("text") for e in events if e["event"] == "user"]
    items = transcript.read(store, "conv-1")
    assert [i.clicked for i in items if i.clicked] == ["Yes, that's fine", "Someone is detained", "Yes, save it"]
    assert store.events_for("nobody") == []
    assert store.conversations() == {"conv-1", "conv-2"}
    assert store.conversations_stored(["conv-2", "nobody"]) == {"conv-2"}


def test_new_events_are_found_by_id(dialect):
    save_conversation("conv-1", [("session",), ("user", "hello", "greet")])
    store = _store()
    mark = store.last_event_id()
    assert mark > 0
    save_conversation("conv-2", [("session",), ("user", "hi", "greet")])
    save_conversation("conv-1", [("user", "more", "inform")], start=T0 + 60)
    newest = store.last_event_id()
    assert sorted(store.conversations_with_events_between(mark, newest)) == ["conv-1", "conv-2"]
    assert store.conversations_with_events_between(newest, newest) == []


def test_search_indexes_transcripts_from_either_store(dialect):
    save_conversation("conv-a", intake_conversation("agents took my brother at the zanzibar car wash"))
    save_conversation("conv-b", intake_conversation("we married in June"))
    a = make_intake("conv-a")
    b = make_intake("conv-b")

    def ids(q):
        search.sync(intake_db(), transcripts.store())
        return [i["id"] for i in inbox.page(intake_db(), Filters(q=q)).intakes]

    assert ids("zanzibar") == [a["id"]]
    assert ids("married") == [b["id"]]
    # The visitor comes back: the new events are indexed on the next search.
    save_conversation("conv-b", [("user", "my wife is in Kenosha now", "inform")], start=T0 + 3600)
    assert ids("kenosha") == [b["id"]]


@pytest.mark.parametrize(
    "q, finds",
    [
        ('"', None), ("*", None), ("NEAR(", None), ("OR", None), ("-", None),  # no error, whatever they match
        ('"zanzibar', True), ("zanzibar*", True), ("-zanzibar", True), ("zanzibar:", True), ("(zanzibar", True),
        # As FTS5 syntax these would match; as words, "custody" is missing.
        ("zanzibar OR custody", False), ("zanzibar NOT custody", False), ("NEAR(zanzibar custody)", False),
    ],
)
def test_typed_query_syntax_is_never_fts5_syntax(dialect, q, finds):
    save_conversation("conv-a", intake_conversation("the zanzibar car wash"))
    a = make_intake("conv-a")
    search.sync(intake_db(), transcripts.store())
    found = [i["id"] for i in inbox.page(intake_db(), Filters(q=q)).intakes]
    if finds is not None:
        assert found == ([a["id"]] if finds else [])


def test_purge_deletes_old_transcripts_from_either_store(dialect):
    now = time.time()
    save_conversation("old", intake_conversation("old words"), start=now - 400 * DAY)
    save_conversation("recent", intake_conversation("recent words"), start=now - 10 * DAY)
    save_conversation("orphan-old", [("session",), ("user", "hello", "greet")], start=now - 500 * DAY)
    old_day = (datetime.now(timezone.utc) - timedelta(days=400)).replace(microsecond=0).isoformat()
    make_intake("old", created_at=old_day)
    make_intake("recent")
    preview = retention.purge(intake_db(), transcripts.store(), 365, "test", dry_run=True)
    assert (preview.intakes, preview.transcripts) == (1, 2)
    assert _store().conversations() == {"old", "recent", "orphan-old"}
    report = retention.purge(intake_db(), transcripts.store(), 365, "test")
    assert (report.intakes, report.transcripts) == (1, 2)
    assert _store().conversations() == {"recent"}
    assert _store().events_for("old") == []


def test_delete_conversations_counts_those_that_had_events(dialect):
    save_conversation("a", [("session",), ("user", "hello", "greet")])
    save_conversation("b", [("session",), ("user", "hello", "greet")])
    store = _store()
    assert store.delete_conversations(["a", "nobody"]) == 1
    assert store.conversations() == {"b"}
    assert store.delete_conversations([]) == 0


def test_the_funnel_backfill_reads_either_store(dialect):
    # a Wednesday afternoon: an hour before "now" is in the same week in every time zone (at a real now, the
    # test failed in the first hour of a week in the firm's time zone)
    now = datetime(2026, 12, 2, 18, 0, tzinfo=timezone.utc)
    start = (now - timedelta(hours=1)).timestamp()
    save_conversation("full", intake_conversation(), start=start)
    save_conversation("located", [("session",), ("user", "Chicago", "inform_location"), ("slot", "location", "Chicago")], start=start)
    save_conversation("unknown", [("session",), ("user", "no se", "dont_know"), ("slot", "location", "unknown")], start=start)
    save_conversation("silent", [("session",)], start=start)
    week = stats.weekly_funnel(intake_db(), transcripts.store(), weeks=1, now=now)[-1]
    assert (week.started, week.location, week.situation) == (3, 2, 1)


def test_no_store_yet_means_none(dialect):
    # Nothing written: an SQLite file that does not exist, or a database without Rasa's table.
    assert transcripts.store() is None
    assert transcript.read(transcripts.store(), "anyone") == []


def test_rasa_writes_where_the_staff_app_reads(dialect, monkeypatch):
    """The tracker store the Rasa server loads from endpoints.yml and the staff
    app read the same setting, so a conversation saved by one is read by the other."""
    import asyncio
    import warnings

    monkeypatch.setenv("ACTION_ENDPOINT_URL", "http://127.0.0.1:5055/webhook")  # endpoints.yml names them
    monkeypatch.setenv("ACTION_SERVER_TOKEN", "unused")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from rasa.core.tracker_store import create_tracker_store
        from rasa.shared.core.trackers import DialogueStateTracker
        from rasa.utils.endpoints import read_endpoint_config

        rasa_store = create_tracker_store(read_endpoint_config(str(ROOT / "endpoints.yml"), "tracker_store"), domain())
    assert type(rasa_store).__name__ == "ConsentAwareSQLTrackerStore"
    assert str(rasa_store.engine.url) == settings.transcripts_url()
    tracker = DialogueStateTracker.from_events("from-rasa", build_events([("session",), ("user", "hola", "greet")]), slots=domain().slots)
    asyncio.run(rasa_store.save(tracker))
    rasa_store.engine.dispose()
    assert "hola" in [e.get("text") for e in _store().events_for("from-rasa")]


def test_the_setting_and_its_default(monkeypatch, data_dir, tmp_path):
    assert settings.transcripts_url() == f"sqlite:///{data_dir / 'tracker.db'}"
    monkeypatch.setenv("RASA_TRACKER_DB", str(tmp_path / "elsewhere.db"))
    assert settings.transcripts_url() == f"sqlite:///{tmp_path / 'elsewhere.db'}"
    monkeypatch.setenv("TRANSCRIPTS_URL", "postgresql://intake@db.internal/intake")
    assert settings.transcripts_url() == "postgresql://intake@db.internal/intake"
    assert transcripts.url_for(tmp_path / "x.db") == f"sqlite:///{tmp_path / 'x.db'}"


# --- one place -----------------------------------------------------------------------

#: SQL naming Rasa's table, in any string of the code.
_EVENTS_SQL = re.compile(r"\b(from|into|update|join|table)\s+events\b", re.I)
#: The names that locate the tracker store; only these modules may use them.
_LOCATORS = {
    "tracker_db_path": {"bot/settings.py"},
    "transcripts_url": {"bot/settings.py", "bot/transcripts.py", "connectors/tracker_store.py"},
}


def _python_files(*folders):
    for folder in folders:
        yield from sorted((ROOT / folder).rglob("*.py"))


def test_only_the_transcript_module_opens_the_tracker_store():
    offenders = []
    for path in _python_files("bot", "web", "actions", "connectors", "components", "scripts", "tests"):
        name = path.relative_to(ROOT).as_posix()
        if name == "tests/test_transcripts.py":  # this check's own examples
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), name)
        is_test = name.startswith("tests/")
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _EVENTS_SQL.search(node.value):
                if name != "bot/transcripts.py":
                    offenders.append(f"{name}:{node.lineno} SQL on the events table")
            if is_test:  # tests may name the setting to set it up
                continue
            used = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else None
            if isinstance(node, ast.FunctionDef):
                used = node.name
            if used in _LOCATORS and name not in _LOCATORS[used]:
                offenders.append(f"{name}:{node.lineno} {used}")
    assert offenders == []


def test_the_check_finds_a_direct_read(tmp_path):
    assert _EVENTS_SQL.search("SELECT data FROM events WHERE sender_id = ?")
    assert _EVENTS_SQL.search("delete from  events where id > 1")
    assert not _EVENTS_SQL.search("events from the tracker")


def test_postgres_tests_skip_only_without_postgresql(monkeypatch):
    import pg
    import postgres_support

    monkeypatch.setattr(pg, "glob", lambda pattern: [])
    assert "make deps-system" in postgres_support.missing_reason()
