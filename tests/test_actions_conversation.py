"""Conversation-level actions."""
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import ActionStartOver


async def test_start_over_clears_answers_and_ends_the_form(make_tracker, domain):
    tracker = make_tracker(slots={"consent": True, "location": "Boston, MA", "situation": "family"}, text="start over", intent="start_over")
    dispatcher = CollectingDispatcher()
    events = await ActionStartOver().run(dispatcher, tracker, domain)
    assert [e["event"] for e in events] == ["active_loop", "reset_slots"]
    assert events[0]["name"] is None
    assert dispatcher.messages[0]["response"] == "utter_start_over"
