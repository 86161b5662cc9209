"""The guarded channels: a turn without a reply still answers, with the firm's phone."""
from pathlib import Path

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from connectors.channels import fallback_text, guarded

ROOT = Path(__file__).resolve().parent.parent


async def test_silent_turn_gets_the_fallback():
    async def silent(message):
        return None

    out = CollectingOutputChannel()
    await guarded(silent)(UserMessage("hi", out, "s1"))
    assert [m["text"] for m in out.messages] == [fallback_text()]
    assert "(312) 555-0148" in fallback_text()


async def test_crash_gets_the_fallback_not_an_error():
    async def crash(message):
        raise RuntimeError("action server down")

    out = CollectingOutputChannel()
    await guarded(crash)(UserMessage("hi", out, "s1"))
    assert out.messages[0]["text"] == fallback_text()


async def test_normal_turn_is_untouched():
    async def answer(message):
        await message.output_channel.send_response(message.sender_id, {"text": "Hello"})

    out = CollectingOutputChannel()
    await guarded(answer)(UserMessage("hi", out, "s1"))
    assert [m["text"] for m in out.messages] == ["Hello"]


async def test_the_fallback_is_in_the_conversations_language():
    async def crash(message):
        raise RuntimeError("action server down")

    async def spanish(sender_id):
        return "es"

    out = CollectingOutputChannel()
    await guarded(crash, spanish)(UserMessage("hola", out, "s1"))
    assert out.messages[0]["text"] == fallback_text("es")
    assert fallback_text("es").startswith("Lo siento, tengo un problema técnico") and "(312) 555-0148" in fallback_text("es")
    # unknown language: both
    assert fallback_text().startswith(fallback_text("en")) and fallback_text().endswith(fallback_text("es"))


# --- the tracker store: a refused conversation is forgotten, a marker kept -------------

def _store(tmp_path):
    from connectors.tracker_store import ConsentAwareSQLTrackerStore
    from tests.project_domain import rasa_domain

    domain = rasa_domain()
    return ConsentAwareSQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "tracker.db")), domain


async def test_refused_conversation_keeps_only_the_marker(tmp_path):
    from rasa.shared.core.events import SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    store, domain = _store(tmp_path)
    events = [UserUttered("ICE took my brother in Dallas"), SlotSet("location", "Dallas, TX"), SlotSet("reply_language", "es")]
    tracker = DialogueStateTracker.from_events("v1", events, slots=domain.slots)
    await store.save(tracker)
    assert len((await store.retrieve("v1")).events) == 3

    tracker.update(SlotSet("forget_conversation", True))
    await store.save(tracker)
    kept = await store.retrieve("v1")
    assert [(e.key, e.value) for e in kept.events if isinstance(e, SlotSet)] == [("consent_declined", True), ("reply_language", "es")]
    assert not [e for e in kept.events if isinstance(e, UserUttered)]
    assert kept.get_slot("location") is None and kept.latest_message.text is None


async def test_an_ordinary_conversation_is_saved_whole(tmp_path):
    from rasa.shared.core.events import SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    store, domain = _store(tmp_path)
    tracker = DialogueStateTracker.from_events("v2", [UserUttered("hi"), SlotSet("consent", True)], slots=domain.slots)
    await store.save(tracker)
    kept = await store.retrieve("v2")
    assert kept.get_slot("consent") is True and kept.get_slot("consent_declined") is None


# --- the tracker store: a conversation's tracker kept between its turns ---------------

def _turn(tracker, text):
    from rasa.shared.core.events import ActionExecuted, UserUttered

    tracker.update(UserUttered(text))
    tracker.update(ActionExecuted("action_listen"))


def _loads(store, monkeypatch):
    """Count the reloads from the database (Rasa's own retrieve)."""
    from rasa.core.tracker_store import SQLTrackerStore

    calls = []
    original = SQLTrackerStore.retrieve

    async def counted(self, sender_id):
        calls.append(sender_id)
        return await original(self, sender_id)
    monkeypatch.setattr(SQLTrackerStore, "retrieve", counted)
    return calls


async def test_a_saved_tracker_is_handed_back_without_reading_the_events_again(tmp_path, monkeypatch):
    from rasa.shared.core.events import ActionExecuted
    from rasa.shared.core.trackers import DialogueStateTracker

    store, domain = _store(tmp_path)
    await store.save(DialogueStateTracker.from_events("k1", [ActionExecuted("action_listen")], slots=domain.slots))
    loads = _loads(store, monkeypatch)
    tracker = await store.retrieve("k1")
    for n in range(5):
        _turn(tracker, f"message {n}")
        await store.save(tracker)
        tracker = await store.retrieve("k1")
    assert loads == ["k1"]  # the first turn only
    assert [e.text for e in tracker.events if e.type_name == "user"] == [f"message {n}" for n in range(5)]
    fresh, _ = _store(tmp_path)  # what the database holds is the same
    assert [e.as_dict() for e in (await fresh.retrieve("k1")).events] == [e.as_dict() for e in tracker.events]


async def test_another_process_writing_or_a_purge_or_an_unsaved_change_reloads(tmp_path, monkeypatch):
    from rasa.shared.core.events import ActionExecuted
    from rasa.shared.core.trackers import DialogueStateTracker

    store, domain = _store(tmp_path)
    other, _ = _store(tmp_path)  # a second Rasa server on the same database
    await store.save(DialogueStateTracker.from_events("k2", [ActionExecuted("action_listen")], slots=domain.slots))
    tracker = await store.retrieve("k2")
    _turn(tracker, "first")
    await store.save(tracker)

    theirs = await other.retrieve("k2")
    _turn(theirs, "second, on the other server")
    await other.save(theirs)
    ours = await store.retrieve("k2")
    assert [e.text for e in ours.events if e.type_name == "user"] == ["first", "second, on the other server"]

    _turn(ours, "a turn that failed before saving")
    again = await store.retrieve("k2")
    assert "a turn that failed before saving" not in [e.text for e in again.events if e.type_name == "user"]

    other.forget("k2")  # the staff app's purge, from another process
    assert await store.retrieve("k2") is None


async def test_the_sqlite_transcripts_use_the_write_ahead_log(tmp_path):
    import sqlite3

    from rasa.shared.core.events import ActionExecuted
    from rasa.shared.core.trackers import DialogueStateTracker

    store, domain = _store(tmp_path)
    await store.save(DialogueStateTracker.from_events("w1", [ActionExecuted("action_listen")], slots=domain.slots))
    with sqlite3.connect(tmp_path / "tracker.db") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL


# --- the Rasa server's check of action responses, compiled once -------------------------

def test_action_responses_are_still_validated_by_the_compiled_check():
    import jsonschema
    import pytest
    import rasa
    from rasa.core.actions.action import RemoteAction

    import connectors.tracker_store  # noqa: F401  (installs the check, as in the Rasa server)
    from connectors import action_response_check

    assert rasa.__version__.startswith("3.6."), "check connectors/action_response_check.py against this Rasa"
    assert RemoteAction._validate_action_result is action_response_check._validate_action_result
    action = RemoteAction("validate_intake_form", None)
    good = {"events": [{"event": "slot", "name": "location", "value": "Houston, TX"}], "responses": [{"response": "utter_ask_situation"}]}
    assert action._validate_action_result(good) is True
    for bad in ({"events": [{"event": "slot", "value": 3}]}, {"events": "not a list"}, {"responses": [1]}):
        with pytest.raises(jsonschema.ValidationError) as raised:
            action._validate_action_result(bad)
        assert "Failed to validate Action server response" in raised.value.message
        # the same verdict as Rasa's own check
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, RemoteAction.action_response_format_spec())


async def test_the_sqlite_connections_are_kept_open_between_turns(tmp_path):
    import sqlalchemy as sa
    from rasa.shared.core.events import ActionExecuted
    from rasa.shared.core.trackers import DialogueStateTracker

    store, domain = _store(tmp_path)
    opened = []
    sa.event.listen(store.engine, "connect", lambda *_: opened.append(1))
    await store.save(DialogueStateTracker.from_events("p1", [ActionExecuted("action_listen")], slots=domain.slots))
    for n in range(10):
        tracker = await store.retrieve("p1")
        _turn(tracker, f"message {n}")
        await store.save(tracker)
    assert len(opened) <= 1
    assert len([e for e in (await _store(tmp_path)[0].retrieve("p1")).events if e.type_name == "user"]) == 10


def test_the_scaled_endpoints_differ_from_the_embedded_ones_only_in_the_lock_store():
    import yaml

    embedded, scaled = (yaml.safe_load((ROOT / name).read_text(encoding="utf-8")) for name in ("endpoints.yml", "endpoints.scaled.yml"))
    assert embedded["lock_store"]["type"] == "in_memory" and scaled["lock_store"]["type"] != "in_memory"
    assert {k: v for k, v in embedded.items() if k != "lock_store"} == {k: v for k, v in scaled.items() if k != "lock_store"}


def _rows(store, sender_id, rows):
    """Stored events as (type_name, timestamp), written directly."""
    with store.session_scope() as session:
        for type_name, timestamp in rows:
            session.add(store.SQLEvent(sender_id=sender_id, type_name=type_name, timestamp=timestamp, data="{}"))
        session.commit()


def test_the_count_before_saving_is_rasas_for_every_kind_of_history(tmp_path):
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.events import ActionExecuted
    from rasa.shared.core.trackers import DialogueStateTracker

    store, domain = _store(tmp_path)
    histories = {
        "none": [],
        "one session": [("action", 1.0), ("session_started", 2.0), ("user", 3.0), ("action", 4.0)],
        "no session start": [("action", 1.0), ("user", 2.0)],
        "two sessions": [("session_started", 1.0), ("user", 2.0), ("session_started", 5.0), ("user", 5.0),
                         ("action", 4.0), ("user", 9.0)],
        "same timestamps": [("session_started", 7.0), ("user", 7.0), ("session_started", 7.0), ("action", 7.0)],
        "no timestamps": [("user", None), ("session_started", 3.0), ("action", None), ("user", 4.0)],
        "no timestamp on the start": [("user", 1.0), ("session_started", None), ("action", 2.0)],
    }
    for sender_id, rows in histories.items():
        _rows(store, sender_id, rows)
    counted = {}
    for sender_id in list(histories) + ["unknown"]:
        tracker = DialogueStateTracker.from_events(sender_id, [ActionExecuted("action_listen")] * 12,
                                                   slots=domain.slots)
        with store.session_scope() as session:
            ours = list(store._additional_events(session, tracker))
            rasas = list(SQLTrackerStore._additional_events(store, session, tracker))
            assert len(ours) == len(rasas), sender_id
            counted[sender_id] = 12 - len(ours)
        assert store._stamp(sender_id)[1] == len(histories.get(sender_id, []))
    # The latest session's events (NULL timestamps count only when the session start has none).
    assert counted == {"none": 0, "one session": 3, "no session start": 2, "two sessions": 3, "same timestamps": 4,
                       "no timestamps": 2, "no timestamp on the start": 3, "unknown": 0}


def test_the_rasa_queries_it_repeats_are_unchanged():
    import hashlib
    import inspect

    import rasa
    from rasa.core.tracker_store import SQLTrackerStore

    assert rasa.__version__ == "3.6.21", "check connectors/tracker_store.py's queries against this Rasa"
    pinned = {name: hashlib.sha256(inspect.getsource(getattr(SQLTrackerStore, name)).encode()).hexdigest()[:16]
              for name in ("_event_query", "_additional_events", "save")}
    assert pinned == {"_event_query": "cd44f7901b860bfd", "_additional_events": "d22f99eb863acb07", "save": "57165e46eab3de08"}


def _all_rows(store):
    with store.session_scope() as session:
        table = store.SQLEvent.__table__
        return [tuple(row) for row in session.execute(table.select().order_by(table.c.id))]


async def test_the_saved_rows_are_the_ones_rasa_writes(tmp_path):
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.events import (ActionExecuted, ActiveLoop, BotUttered, SessionStarted, SlotSet,
                                         UserUttered)
    from rasa.shared.core.trackers import DialogueStateTracker

    (tmp_path / "ours").mkdir()
    (tmp_path / "rasas").mkdir()
    ours, domain = _store(tmp_path / "ours")
    rasas, _ = _store(tmp_path / "rasas")
    turns = [
        [ActionExecuted("action_session_start", timestamp=1.0), SessionStarted(timestamp=1.0), ActionExecuted("action_listen", timestamp=1.0)],
        [UserUttered("mi esposo está detenido 😟", {"name": "situation_detained", "confidence": 0.8734512345678912},
                     [{"entity": "place", "value": "San José", "start": 0, "end": 8}],
                     parse_data={"intent": {"name": "situation_detained", "confidence": 0.87}, "text": "x"}, timestamp=2.0),
         ActionExecuted("intake_form", policy="RulePolicy", confidence=1.0, timestamp=2.5), ActiveLoop("intake_form", timestamp=2.5),
         SlotSet("places_mentioned", [{"text": "San José", "n": 2}], timestamp=2.6), SlotSet("details", "a\nb", timestamp=2.6),
         BotUttered("¿Dónde?", {"buttons": [{"title": "No sé", "payload": "/inform"}]}, {"utter_action": "utter_ask_location"}, timestamp=2.7),
         ActionExecuted("action_listen", timestamp=2.8)],
        [],  # a turn without new events
        [UserUttered("/affirm", {"name": "affirm", "confidence": 1.0}, timestamp=3.0), ActionExecuted("action_listen", timestamp=3.1)],
        [ActionExecuted("action_session_start", timestamp=9.0), SessionStarted(timestamp=9.0), ActionExecuted("action_listen", timestamp=9.0),
         UserUttered("hi", timestamp=9.5)],
    ]
    for sender in ("a", "b"):
        tracker = DialogueStateTracker(sender, domain.slots)
        for events in turns:
            for event in events:
                tracker.update(event)
            await ours._save_events(tracker)
            await SQLTrackerStore.save(rasas, tracker)
            assert _all_rows(ours) == _all_rows(rasas)  # ids included: the same rows in the same order
    assert len(_all_rows(ours)) == 2 * sum(map(len, turns))
    # and through the store's own save (the kept tracker, a refusal's marker)
    tracker = await ours.retrieve("a")
    _turn(tracker, "hello again")
    await ours.save(tracker)
    await SQLTrackerStore.save(rasas, tracker)
    assert _all_rows(ours) == _all_rows(rasas)
