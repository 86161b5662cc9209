"""Conversation-level actions."""
import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import ActionStartOver


async def test_start_over_clears_answers_and_ends_the_form(make_tracker, domain):
    tracker = make_tracker(slots={"consent": True, "location": "Boston, MA", "situation": "family"}, text="start over", intent="start_over")
    dispatcher = CollectingDispatcher()
    events = await ActionStartOver().run(dispatcher, tracker, domain)
    assert [e["event"] for e in events] == ["active_loop", "reset_slots"]
    assert events[0]["name"] is None
    assert dispatcher.messages[0]["response"] == "utter_start_over"


@pytest.mark.parametrize("intent, response", [
    ("ask_legal_advice", "utter_no_legal_advice"),
    ("ask_cost", "utter_consultation_fee"),
    ("bot_challenge", "utter_iamabot"),
    ("chitchat", "utter_chitchat"),
    ("out_of_scope", "utter_out_of_scope"),
    ("something_new", "utter_default"),
])
async def test_side_question_in_a_booking_form_gets_the_matching_answer(make_tracker, domain, intent, response):
    from actions.conversation import ActionAnswerInterruption

    tracker = make_tracker(slots={"intake_saved": True}, text="a question", intent=intent)
    dispatcher = CollectingDispatcher()
    events = await ActionAnswerInterruption().run(dispatcher, tracker, domain)
    assert events == []  # the form keeps its place
    assert [m["response"] for m in dispatcher.messages] == [response]
    assert response in domain["responses"]
