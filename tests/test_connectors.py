"""The guarded channels: a turn without a reply still answers, with the firm's phone."""
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from connectors.channels import fallback_text, guarded


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
