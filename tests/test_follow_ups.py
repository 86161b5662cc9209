"""bot.follow_ups: what is added after an intake answer (urgent help, posts, the callback)."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot import after_hours, follow_ups
from bot.firm import firm

TODAY = date(2026, 12, 1)  # a Tuesday
OPEN = datetime(2026, 12, 1, 11, 0, tzinfo=ZoneInfo("America/Chicago"))


def _after(slots, changed=(), said=(), text="", reply_language="en"):
    return follow_ups.after_answers(slots, changed, reply_language=reply_language, said_this_turn=said,
                                    latest_text=text, firm=firm(), today=TODAY, now=OPEN)


def test_urgent_help_is_told_once_when_urgency_becomes_known():
    first = _after({"situation": "detention"}, changed=["situation"])
    assert first.messages and first.slots["urgency_notified"] == ["detained_now"]
    assert first.slots["urgency_reasons"] == ["detained_now"] and first.reasons == ["detained_now"]
    again = _after({"situation": "detention", "urgency_notified": ["detained_now"], "urgency_reasons": ["detained_now"]})
    assert again.messages == [] and "urgency_notified" not in again.slots and "urgency_reasons" not in again.slots


def test_a_new_reason_beside_a_told_one_is_told_alone():
    plan = _after({"situation": "detention", "ice_present_now": True, "urgency_notified": ["detained_now"]})
    assert plan.slots["urgency_notified"] == ["detained_now", "ice_present_now"]
    assert plan.messages and plan.messages != _after({"situation": "detention", "ice_present_now": True}).messages


def test_call_now_is_not_said_twice_in_one_turn():
    slots = {"situation": "detention"}
    alone = [r for r, _ in _after(slots).messages]
    assert set(alone) & follow_ups.WHAT_NOW  # the help says what to do now
    said = [r for r, _ in _after(slots, said=[after_hours.CALL_NOW]).messages]
    assert not set(said) & follow_ups.WHAT_NOW and set(said) == set(alone) - follow_ups.WHAT_NOW


def test_the_posts_come_after_consent_and_only_after_an_answer_that_can_change_them():
    known = {"situation": "family", "location": "Houston, TX", "location_state": "TX"}
    assert _after(known, changed=["situation"]).updates_query is None  # no consent yet
    assert _after({**known, "consent": True}, changed=["contact_phone"]).updates_query is None
    query = _after({**known, "consent": True}, changed=["consent"]).updates_query
    assert query is not None and query["situation"] == "family"


def test_the_callback_is_recorded_once_contact_is_known_with_consent():
    slots = {"callback_requested": True, "consent": True, "contact_name": "Ana", "contact_phone": "+13125550148"}
    assert _after(slots).record_callback
    assert not _after({**slots, "callback_recorded": True}).record_callback
    assert not _after({**slots, "consent": False}).record_callback
    assert not _after({**slots, "contact_phone": None}).record_callback


def test_the_reply_language_follows_the_conversation():
    assert _after({"reply_language": "es"}, reply_language="es").slots == {}
    assert _after({"reply_language": "es"}, reply_language="en").slots == {"reply_language": "en"}
