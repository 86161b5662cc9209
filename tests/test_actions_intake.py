"""The intake form's actions, run against the real domain with Tracker fixtures."""
from __future__ import annotations

from typing import Any, Dict, List

import pytest

from tests.wording import render, variation
from rasa_sdk.executor import CollectingDispatcher

from actions.intake_form import ActionAskIntakeConfirmed, ActionSubmitIntakeForm, ValidateIntakeForm
from bot import flow, settings, store


def slot_events(events: List[Dict[str, Any]]) -> Dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def texts(dispatcher: CollectingDispatcher, language: str = "en") -> List[str]:
    """What the visitor reads: each message's text, or its response rendered as Rasa would."""
    return [m.get("text") or render(m["response"], m, language) for m in dispatcher.messages]


def responses(dispatcher: CollectingDispatcher) -> List[str]:
    return [m.get("response") for m in dispatcher.messages]


@pytest.fixture
def run_form(make_tracker, domain):
    """Run validate_intake_form as Rasa's form does: new values appended as slot events."""

    async def run(before: Dict[str, Any], new: Dict[str, Any], text: str = "", intent: str = "inform", requested: str | None = None,
                  history: List[Dict[str, Any]] = (), ranking: List[Dict[str, Any]] | None = None):
        slots = dict(before, **new, requested_slot=requested)
        events = list(history) + [{"event": "slot", "name": k, "value": v} for k, v in new.items()]
        tracker = make_tracker(slots=slots, text=text, intent=intent, events=events, ranking=ranking)
        dispatcher = CollectingDispatcher()
        result = await ValidateIntakeForm().run(dispatcher, tracker, domain)
        return slot_events(result), dispatcher

    return run


async def test_city_resolves_to_state_and_next_question(run_form):
    slots, dispatcher = await run_form({"consent": True}, {"location": "Chicago"}, text="i live in chicago", requested="location")
    assert slots["location"] == "Chicago, IL"
    assert slots["state"] == "IL" and slots["country"] == "United States"
    assert slots["requested_slot"] == "situation"
    assert dispatcher.messages == []


async def test_typo_city_resolves(run_form):
    slots, _ = await run_form({"consent": True}, {"location": "san deigo"}, text="san deigo", requested="location")
    assert slots["state"] == "CA" and slots["city"] == "San Diego"


async def test_ambiguous_city_asks_for_state_last_then_settles(run_form):
    slots, _ = await run_form({"consent": True}, {"location": "Springfield"}, text="Springfield", requested="location")
    assert slots["state"] is None and "IL" in slots["location_candidates"]
    # The intake goes on: the phone's area code may settle the state before it is asked.
    assert slots["requested_slot"] == "situation"
    told = {"consent": True, **{k: v for k, v in slots.items() if k != "requested_slot"},
            "situation": "family", "details": "petition for my mother", "contact_name": "Ana Ruiz"}
    at_phone, _ = await run_form(told, {"contact_phone": "none"}, text="skip", requested="contact_phone")
    assert at_phone["requested_slot"] == "contact_email"
    before = {**told, "contact_phone": "none", "contact_email": "none"}
    asked, _ = await run_form(before, {}, text="skip", requested="contact_email")
    assert asked["requested_slot"] == "location_state"
    settled, _ = await run_form(before, {"location_state": "illinois"}, text="illinois", requested="location_state")
    assert settled["state"] == "IL" and settled["city"] == "Springfield"
    assert settled["requested_slot"] == "intake_confirmed"


async def test_unknown_place_gets_a_kind_question_again(run_form):
    slots, dispatcher = await run_form({"consent": True}, {"location": "asdfgh qwerty"}, text="asdfgh qwerty", requested="location")
    assert slots["location"] is None and slots["requested_slot"] == "location"
    assert dispatcher.messages[0]["response"] == "utter_location_not_found"


async def test_first_message_with_detention_gets_resources_before_consent(run_form):
    slots, dispatcher = await run_form(
        {}, {"situation": "detention", "location": "Chicago"},
        text="ICE took my husband in chicago this morning", intent="situation_detention",
    )
    assert slots["state"] == "IL"
    assert slots["situation_text"] == "ICE took my husband in chicago this morning"
    assert slots["urgency_reasons"] == ["detained_now"] and slots["urgency_notified"] == ["detained_now"]
    assert slots["requested_slot"] == "consent"
    said = " ".join(texts(dispatcher))
    assert "locator.ice.gov" in said and "(312) 555-0148" in said


async def test_resources_are_not_repeated(run_form):
    before = {"consent": True, "situation": "detention", "urgency_reasons": ["detained_now"], "urgency_notified": ["detained_now"]}
    slots, dispatcher = await run_form(before, {"detained_where": "Broadview"}, text="Broadview", requested="detained_where")
    assert dispatcher.messages == [] and "urgency_notified" not in slots


@pytest.fixture(autouse=True)
def office_open(monkeypatch):
    """Friday 2026-11-27, 10:00 in Chicago: the office is open (after-hours tests pin their own time)."""
    monkeypatch.setenv("INTAKE_NOW", "2026-11-27T16:00:00+00:00")


async def test_after_hours_the_visitor_is_not_told_to_call_a_closed_office(run_form, monkeypatch):
    monkeypatch.setenv("INTAKE_NOW", "2026-11-28T04:30:00+00:00")  # Friday 22:30 in Chicago
    before = {"consent": True}
    _, dispatcher = await run_form(before, {"situation": "detention"}, text="ICE took my husband this morning", requested="situation")
    said = " ".join(texts(dispatcher))
    assert "utter_urgent_call" not in responses(dispatcher)
    assert "utter_urgent_call_on_call" in responses(dispatcher) and "utter_on_call_will_be_alerted" in responses(dispatcher)
    assert "on-call line now at (312) 555-0199" in said and "opens Monday at 9 a.m." in said
    assert "locator.ice.gov" in said  # the official lines work at any hour


async def test_after_hours_in_spanish(run_form, monkeypatch):
    monkeypatch.setenv("INTAKE_NOW", "2026-11-28T04:30:00+00:00")
    before = {"consent": True, "reply_language": "es"}
    _, dispatcher = await run_form(before, {"situation": "detention"}, text="se llevaron a mi esposo hoy en la mañana",
                                   requested="situation")
    said = " ".join(texts(dispatcher, "es"))
    assert "línea de guardia al (312) 555-0199" in said and "abre el lunes a las 9:00" in said


async def test_call_us_now_is_said_once_per_turn(run_form):
    # The interruption already gave know-your-rights and "call us now" this turn; the form
    # adds the detainee help for a new reason, without a second "call us now".
    told = [{"event": "bot", "text": "This sounds urgent...", "metadata": {"utter_action": "utter_urgent_call"}}]
    before = {"consent": True, "urgency_reasons": ["ice_present_now"], "urgency_notified": ["ice_present_now"]}
    _, dispatcher = await run_form(before, {"situation": "detention"}, text="they took my husband", requested="situation",
                                   history=told)
    assert "utter_help_detained" in responses(dispatcher) and "utter_urgent_call" not in responses(dispatcher)
    _, alone = await run_form(before, {"situation": "detention"}, text="they took my husband", requested="situation")
    assert "utter_urgent_call" in responses(alone)


async def test_agents_at_the_door_skip_the_question_and_get_rights(run_form):
    slots, dispatcher = await run_form(
        {"consent": True}, {"situation": "enforcement"}, text="ICE is at my door right now", intent="situation_enforcement",
        requested="situation",
    )
    assert slots["ice_present_now"] is True and "ice_present_now" in slots["urgency_reasons"]
    assert "signed by a judge" in " ".join(texts(dispatcher))


async def test_hearing_soon_is_urgent(run_form):
    before = {"consent": True, "situation": "removal", "removal_stage": "hearing"}
    slots, dispatcher = await run_form(before, {"hearing_date": "next monday"}, text="next monday", requested="hearing_date")
    assert slots["hearing_date"] == "2026-11-30"
    assert slots["urgency_reasons"] == ["hearing_soon"]
    assert "acis.eoir.justice.gov" in " ".join(texts(dispatcher))


async def test_past_hearing_date_is_asked_again(run_form):
    before = {"consent": True, "location": "Boston, MA", "state": "MA", "situation": "removal", "removal_stage": "hearing"}
    slots, dispatcher = await run_form(before, {"hearing_date": "November 2, 2026"}, text="November 2, 2026", requested="hearing_date")
    assert slots["hearing_date"] is None and slots["requested_slot"] == "hearing_date"
    assert "already passed" in texts(dispatcher)[0]


async def test_bad_a_number_explains(run_form):
    before = {"consent": True, "situation": "detention", "detained_where": "x", "detained_since": "unknown",
              "urgency_notified": ["detained_now"], "urgency_reasons": ["detained_now"]}
    slots, dispatcher = await run_form(before, {"a_number": "A123"}, text="A123", requested="a_number")
    assert slots["a_number"] is None and "8 or 9 digits" in texts(dispatcher)[0]


async def test_consent_refused_records_only_the_refusal(run_form):
    slots, dispatcher = await run_form({}, {"consent": False}, text="no", intent="deny", requested="consent")
    assert slots["consent"] is False and slots["requested_slot"] is None
    assert dispatcher.messages[0]["response"] == "utter_consent_refused"
    db = store.connect(settings.intake_db_path())
    assert db["consent_refusals"].count == 1 and db["intakes"].count == 0


async def test_i_dont_know_at_consent_is_explained_once_then_is_a_no(run_form):
    slots, dispatcher = await run_form({}, {}, text="i don't know", intent="dont_know", requested="consent")
    assert responses(dispatcher) == ["utter_consent_unsure"]
    assert slots["consent_tries"] == 1 and slots["requested_slot"] == "consent"
    slots, dispatcher = await run_form({"consent_tries": 1.0}, {}, text="idk", intent="dont_know", requested="consent")
    assert slots["consent"] is False and responses(dispatcher) == ["utter_consent_refused"]
    db = store.connect(settings.intake_db_path())
    assert db["consent_refusals"].count == 1 and db["intakes"].count == 0


async def test_callback_recorded_once_contact_is_known(run_form):
    before = {"consent": True, "callback_requested": True, "contact_name": "Ana Ruiz"}
    slots, dispatcher = await run_form(before, {"contact_phone": "312 555 0100"}, text="312 555 0100", requested="contact_phone")
    assert slots["contact_phone"] == "+13125550100" and slots["callback_recorded"] is True
    assert "utter_callback_noted" in responses(dispatcher)
    saved = store.intake_for_conversation(store.connect(settings.intake_db_path()), "visitor-1")
    assert saved["callback_requested"] is True and saved["contact"]["phone"] == "+13125550100"


async def test_invalid_phone_is_asked_again(run_form):
    slots, dispatcher = await run_form({"consent": True, "contact_name": "Ana"}, {"contact_phone": "12"}, text="12", requested="contact_phone")
    assert slots["contact_phone"] is None and "number" in texts(dispatcher)[0]


async def test_a_short_foreign_number_is_kept_not_asked_again(run_form):
    before = {"consent": True, "contact_name": "Juan", "country": "Guatemala"}
    slots, dispatcher = await run_form(before, {"contact_phone": "2345678"}, text="2345678", requested="contact_phone")
    assert slots["contact_phone"] == "2345678"
    assert responses(dispatcher) == ["utter_phone_kept_as_typed"]


async def test_the_number_of_this_chat_is_asked_for_with_the_reason(run_form):
    text = "same number im texting from"
    slots, dispatcher = await run_form({"consent": True, "contact_name": "Ana"}, {"contact_phone": text}, text=text, requested="contact_phone")
    assert slots["contact_phone"] is None
    assert responses(dispatcher) == ["utter_phone_not_seen_in_chat"]


async def test_saying_no_to_summary_asks_what_to_change(run_form):
    slots, _ = await run_form({"consent": True}, {"intake_confirmed": False}, text="no", intent="deny", requested="intake_confirmed")
    assert slots["intake_confirmed"] is None and slots["correcting"] is True


async def test_change_location_clears_it_and_asks_again(run_form):
    before = {"consent": True, "location": "Chicago, IL", "state": "IL", "city": "Chicago", "situation": "other",
              "details": "x", "contact_name": "A", "contact_phone": "+13125550100", "correcting": True}
    slots, _ = await run_form(before, {"change_field": "location"}, text="/inform", requested="change_field")
    assert slots["location"] is None and slots["state"] is None and slots["correcting"] is False
    assert slots["requested_slot"] == "location"


async def test_nothing_filled_returns_no_events(make_tracker, domain):
    tracker = make_tracker(slots={"consent": True, "requested_slot": "location"}, text="hmm", intent="chitchat")
    events = await ValidateIntakeForm().run(CollectingDispatcher(), tracker, domain)
    assert [e for e in events if e["name"] != "requested_slot"] == []


async def test_summary_shows_answers_and_buttons(make_tracker, domain):
    tracker = make_tracker(slots={"consent": True, "location": "Boston, MA", "state": "MA", "city": "Boston",
                                  "situation": "citizenship", "details": "N-400", "contact_name": "Li", "contact_phone": "+16175550100"})
    dispatcher = CollectingDispatcher()
    await ActionAskIntakeConfirmed().run(dispatcher, tracker, domain)
    message = dispatcher.messages[0]
    assert message["response"] == "utter_ask_intake_confirmed"
    text = texts(dispatcher)[0]
    assert "Boston, MA" in text and "N-400" in text and "Citizenship or naturalization" in text
    spanish = texts(dispatcher, "es")[0]
    assert spanish.startswith("Esto es lo que tengo") and "Boston, MA" in spanish and "Ciudadanía o naturalización" in spanish
    for language in ("en", "es"):
        assert [b["payload"] for b in variation("utter_ask_intake_confirmed", {"reply_language": language})["buttons"]] == ["/affirm", "/deny"]


async def test_submit_saves_the_intake(make_tracker, domain):
    slots = {"consent": True, "location": "Boston, MA", "country": "United States", "state": "MA", "city": "Boston",
             "situation": "citizenship", "details": "N-400", "contact_name": "Li", "contact_phone": "+16175550100",
             "intake_confirmed": True}
    dispatcher = CollectingDispatcher()
    events = await ActionSubmitIntakeForm().run(dispatcher, make_tracker(slots=slots, active_loop=None), domain)
    assert slot_events(events)["intake_saved"] is True
    assert dispatcher.messages[0]["response"] == "utter_intake_saved"
    saved = store.intake_for_conversation(store.connect(settings.intake_db_path()), "visitor-1")
    assert saved["situation"] == "citizenship" and saved["state"] == "MA" and saved["urgent"] is False


async def test_an_urgent_intake_alerts_the_person_on_call_and_says_so_once(make_tracker, domain):
    slots = {"consent": True, "location": "Chicago, IL", "country": "United States", "state": "IL", "city": "Chicago",
             "situation": "detention", "urgency_reasons": ["detained_now"], "contact_name": "Rosa", "contact_phone": "+13125550177",
             "intake_confirmed": True}
    dispatcher = CollectingDispatcher()
    await ActionSubmitIntakeForm().run(dispatcher, make_tracker(slots=slots, active_loop=None), domain)
    assert responses(dispatcher)[:2] == ["utter_intake_saved", "utter_on_call_alerted"]
    db = store.connect(settings.intake_db_path())
    assert [r["kind"] for r in db.query("SELECT kind FROM alerts")] == ["urgent"]
    # Saved again after a correction: no second alert, and it is not said again.
    told = [{"event": "bot", "text": "I've alerted ...", "metadata": {"utter_action": "utter_on_call_alerted"}}]
    again = CollectingDispatcher()
    await ActionSubmitIntakeForm().run(again, make_tracker(slots=slots, active_loop=None, events=told), domain)
    assert "utter_on_call_alerted" not in responses(again)
    assert db["alerts"].count == 1


async def test_submit_after_refusal_stores_nothing(make_tracker, domain):
    events = await ActionSubmitIntakeForm().run(CollectingDispatcher(), make_tracker(slots={"consent": False}, active_loop=None), domain)
    assert slot_events(events) == {"consent": None, "forget_conversation": True}
    assert store.connect(settings.intake_db_path())["intakes"].count == 0


@pytest.fixture
def posts():
    """The sample library, imported into this test's intake database."""
    from bot import updates

    db = store.connect(settings.intake_db_path())
    updates.ensure_schema(db)
    updates.import_source(db, str(settings.PROJECT_ROOT / "content" / "posts"))
    return db


def cards_sent(dispatcher):
    return [m["custom"] for m in dispatcher.messages if m.get("custom")]


async def test_update_cards_follow_situation_and_place(run_form, posts):
    before = {"consent": True, "situation": "enforcement", "situation_text": "are raids coming to chicago, is it a sanctuary city"}
    slots, dispatcher = await run_form(before, {"location": "Chicago"}, text="chicago", requested="location")
    [payload] = cards_sent(dispatcher)
    assert payload["type"] == "updates" and 1 <= len(payload["items"]) <= 3
    item = payload["items"][0]
    assert {"title", "url", "published", "date", "summary"} <= set(item)
    assert slots["updates_shown"] == [i["url"] for i in payload["items"]]
    # Another state's local post is never shown to an Illinois visitor.
    from bot import updates

    for item in payload["items"]:
        places = set(updates.get_post(posts, item["url"])["jurisdictions"])
        assert places & {"US", "IL", "Chicago, IL"}, (item["title"], places)


async def test_cards_are_not_repeated(run_form, posts):
    before = {"consent": True, "situation": "citizenship"}
    slots, dispatcher = await run_form(before, {"location": "Boston"}, text="boston", requested="location")
    shown = slots["updates_shown"]
    assert shown and cards_sent(dispatcher)
    # The same turn again (a correction of the place, say): without the record the same
    # posts would be sent; with it, none of them is.
    again, dispatcher = await run_form(dict(before, updates_shown=shown), {"location": "Boston"}, text="boston", requested="location")
    sent = {i["url"] for payload in cards_sent(dispatcher) for i in payload["items"]}
    assert not sent & set(shown)
    assert set(again.get("updates_shown", shown)) >= set(shown)


async def test_no_cards_before_place_is_known(run_form, posts):
    slots, dispatcher = await run_form({"consent": True}, {"situation": "family"}, text="marriage green card",
                                       intent="situation_family", requested="situation")
    assert cards_sent(dispatcher) == [] and "updates_shown" not in slots


async def test_date_said_with_the_detention_is_not_asked_again(run_form):
    before = {"consent": True, "location": "San Diego, CA", "state": "CA"}
    slots, dispatcher = await run_form(
        before, {"situation": "detention"}, text="my husband was taken by ice yesterday", intent="situation_detention", requested="situation"
    )
    assert slots["detained_since"] == "2026-11-27"
    assert slots["requested_slot"] == "detained_where"
    assert "detained_now" in slots["urgency_reasons"]


async def test_court_date_said_up_front_answers_stage_and_date_and_is_urgent(run_form):
    before = {"consent": True, "location": "Houston, TX", "state": "TX"}
    slots, dispatcher = await run_form(
        before, {"situation": "removal"}, text="i have immigration court next tuesday", intent="situation_removal", requested="situation"
    )
    assert slots["removal_stage"] == "hearing" and slots["hearing_date"] == "2026-12-01"
    assert slots["requested_slot"] == "a_number"
    assert "hearing_soon" in slots["urgency_reasons"]
    assert "acis.eoir.justice.gov" in " ".join(texts(dispatcher))


async def test_an_unclear_date_up_front_is_still_asked(run_form):
    before = {"consent": True, "location": "Houston, TX", "state": "TX"}
    slots, _ = await run_form(
        before, {"situation": "detention"}, text="they have my son since a while now", intent="situation_detention",
        requested="situation"
    )
    assert "detained_since" not in slots or slots["detained_since"] is None


async def test_a_day_said_with_they_have_my_son_is_not_asked_again(run_form):
    before = {"consent": True, "location": "Houston, TX", "state": "TX"}
    slots, _ = await run_form(
        before, {"situation": "detention"}, text="they have my son since monday", intent="situation_detention", requested="situation"
    )
    assert slots["detained_since"] == "2026-11-23"


async def test_cards_wait_for_consent_when_the_first_message_says_everything(run_form, posts):
    said = {"situation": "detention", "situation_text": "ICE detained my husband in Chicago", "location": "Chicago"}
    first, dispatcher = await run_form({}, said, text="ICE detained my husband in Chicago", intent="situation_detention")
    assert first["requested_slot"] == "consent"
    assert cards_sent(dispatcher) == []
    assert "locator.ice.gov" in " ".join(texts(dispatcher))  # urgent help does not wait

    before = {**said, **{k: v for k, v in first.items() if k != "requested_slot"}}
    after, dispatcher = await run_form(before, {"consent": True}, text="yes", intent="affirm", requested="consent")
    shown = cards_sent(dispatcher)
    assert shown and shown[0]["type"] == "updates"
    assert after["updates_shown"]


# --- hearing the visitor, whatever was asked ----------------------------------------


async def test_a_relatives_place_is_not_the_visitors_location(run_form):
    text = "my brother is detained in honduras and i live in houston"
    slots, _ = await run_form({}, {"situation": "detention"}, text=text, intent="situation_detention")
    assert slots["state"] == "TX" and slots["city"] == "Houston"
    assert any("Honduras" in p for p in slots["places_mentioned"])


async def test_a_place_with_no_role_is_asked_about_with_yes_or_no(run_form):
    slots, _ = await run_form({"consent": True}, {"situation": "detention"}, text="ICE took my husband in chicago", intent="situation_detention")
    assert slots.get("location") is None and slots["location_guess"] == "Chicago, IL"
    assert slots["requested_slot"] == "location_confirmed"
    before = {"consent": True, "situation": "detention", "location_guess": "Chicago, IL"}
    yes, _ = await run_form(before, {"location_confirmed": True}, text="yes", intent="affirm", requested="location_confirmed")
    assert yes["state"] == "IL" and yes["city"] == "Chicago"
    no, _ = await run_form(before, {"location_confirmed": False}, text="no", intent="deny", requested="location_confirmed")
    assert no["requested_slot"] == "location"


async def test_no_im_in_dallas_answers_the_yes_or_no_question(run_form):
    before = {"consent": True, "situation": "detention", "location_guess": "Chicago, IL"}
    slots, _ = await run_form(before, {"location_confirmed": False}, text="no im in dallas", intent="deny", requested="location_confirmed")
    assert slots["state"] == "TX" and slots["city"] == "Dallas"


async def test_a_detention_centre_is_where_someone_is_held_not_the_visitor(run_form):
    text = "they took him to the otay mesa detention center"
    slots, _ = await run_form({"consent": True}, {"situation": "detention"}, text=text, intent="situation_detention")
    assert slots.get("state") is None
    assert slots["requested_slot"] in ("location", "location_confirmed")


async def test_what_happened_at_the_location_question_is_heard_not_called_a_bad_place(run_form):
    slots, dispatcher = await run_form(
        {"consent": True}, {"location": "they took him this morning", "situation": "detention"},
        text="they took him this morning", intent="situation_detention", requested="location",
    )
    assert "utter_location_not_found" not in texts(dispatcher)
    assert slots["detained_since"] == "2026-11-28"
    assert slots["requested_slot"] == "location"


async def test_a_date_said_at_any_question_is_not_asked_again(run_form):
    before = {"consent": True, "location": "Houston, TX", "state": "TX", "situation": "detention"}
    slots, _ = await run_form(before, {"detained_where": "i dont know, they took him last night"},
                              text="i dont know, they took him last night", requested="detained_where")
    assert slots["detained_since"] == "2026-11-27"
    assert slots["requested_slot"] == "a_number"


@pytest.mark.parametrize("text,intent,kept", [
    ("how do i find out where he is??", "out_of_scope", None),
    ("cómo le hago para saber dónde lo tienen?", "situation_other", None),
    ("where did they take him? we dont know", "dont_know", "unknown"),
])
async def test_how_to_find_someone_held_is_told_where_to_look_and_not_taken_as_the_place(run_form, text, intent, kept):
    before = {"consent": True, "location": "Houston, TX", "state": "TX", "situation": "detention", "urgency_notified": ["detained_now"]}
    slots, dispatcher = await run_form(before, {"detained_where": "unknown" if kept else text}, text=text, intent=intent,
                                       requested="detained_where")
    assert responses(dispatcher) == ["utter_help_detained"]
    assert slots["detained_where"] == kept
    assert slots["requested_slot"] == ("detained_since" if kept else "detained_where")


async def test_an_unplaced_answer_to_whats_happening_is_kept_and_the_details_question_asks_for_more(run_form):
    before = {"consent": True, "location": "Houston, TX", "state": "TX"}
    first, dispatcher = await run_form(before, {}, text="a letter came and i dont get it", intent="inform", requested="situation")
    assert first["situation"] == "other" and first["situation_text"] == "a letter came and i dont get it"
    assert first["requested_slot"] == "details" and not responses(dispatcher)


async def test_i_dont_know_is_an_answer_to_whats_happening(run_form):
    before = {"consent": True, "location": "Houston, TX", "state": "TX"}
    slots, dispatcher = await run_form(before, {"situation": "other"}, text="i dont know", intent="dont_know", requested="situation")
    assert slots["situation"] == "other" and slots["situation_text"] == "i dont know"
    assert "utter_default" not in texts(dispatcher)


async def test_the_first_message_is_acknowledged_before_the_disclaimer(run_form):
    slots, dispatcher = await run_form({}, {"situation": "detention"}, text="ICE took my husband", intent="situation_detention")
    assert responses(dispatcher)[0] == "utter_ack_detention" and slots["acknowledged"] is True
    again, dispatcher = await run_form({"acknowledged": True}, {"situation": "detention"}, text="ICE took my husband", intent="situation_detention")
    assert "utter_ack_detention" not in responses(dispatcher)


async def test_a_fee_asked_beside_the_matter_is_answered_and_the_matter_kept(run_form):
    text = "cuanto cuesta arreglar papeles por matrimonio con ustedes"
    slots, dispatcher = await run_form({}, {"situation": "family"}, text=text, intent="situation_family")
    assert responses(dispatcher)[:2] == ["utter_ack_family", "utter_consultation_fee"] and slots["situation"] == "family"
    # asked alone, the interruption answers it (once)
    _, dispatcher = await run_form({"consent": True}, {}, text="how much do you charge", intent="ask_cost", requested="location")
    assert "utter_consultation_fee" not in responses(dispatcher)


async def test_a_fee_asked_beside_a_court_date_is_answered_and_the_date_kept(run_form):
    before = {"consent": True, "situation": "other", "situation_text": "I need a lawyer for my immigration case"}
    text = "do you guys do payment plans? my court date is january 12"
    slots, dispatcher = await run_form(before, {}, text=text, intent="ask_cost", requested="location")
    assert slots["situation"] == "removal" and slots["removal_stage"] == "hearing" and slots["hearing_date"]
    assert "utter_consultation_fee" in responses(dispatcher)


async def test_a_deadline_said_in_passing_makes_the_intake_urgent(run_form):
    before = {"consent": True, "location": "Houston, TX", "state": "TX", "situation": "humanitarian"}
    slots, _ = await run_form(before, {"details": "asylum, my one year deadline is next week"},
                              text="asylum, my one year deadline is next week", requested="details")
    assert "deadline_soon" in slots["urgency_reasons"]


async def test_a_live_raid_at_a_button_question_is_not_a_wrong_pick(run_form):
    before = {"consent": True, "location": "Houston, TX", "state": "TX", "situation": "removal"}
    slots, dispatcher = await run_form(before, {"removal_stage": "they are raiding my job"},
                                       text="they are raiding my job", intent="situation_enforcement", requested="removal_stage")
    assert not any("Please pick" in (t or "") for t in texts(dispatcher))
    assert slots["requested_slot"] == "removal_stage"


async def test_the_same_unreadable_answer_twice_is_kept_and_never_asked_a_third_time(make_tracker, domain):
    before = {"consent": True, "location": None, "requested_slot": "location"}
    events = [{"event": "user", "text": "por la tienda de la esquina"}, {"event": "bot", "text": "I couldn't find that place."},
              {"event": "user", "text": "por la tienda de la esquina"}, {"event": "slot", "name": "location", "value": "por la tienda de la esquina"}]
    tracker = make_tracker(slots={**before, "location": "por la tienda de la esquina"}, text="por la tienda de la esquina", intent="inform_location", events=events)
    dispatcher = CollectingDispatcher()
    slots = slot_events(await ValidateIntakeForm().run(dispatcher, tracker, domain))
    assert slots["location"] == "por la tienda de la esquina" and slots["requested_slot"] == "situation"


async def test_a_number_said_twice_without_digits_is_not_known(make_tracker, domain):
    before = {"consent": True, "location": "Houston, TX", "state": "TX", "situation": "detention",
              "detained_where": "unknown", "detained_since": "unknown", "requested_slot": "a_number"}
    events = [{"event": "user", "text": "lost it"}, {"event": "user", "text": "lost it"},
              {"event": "slot", "name": "a_number", "value": "lost it"}]
    tracker = make_tracker(slots={**before, "a_number": "lost it"}, text="lost it", events=events)
    slots = slot_events(await ValidateIntakeForm().run(CollectingDispatcher(), tracker, domain))
    assert slots["a_number"] == "unknown" and slots["requested_slot"] == "contact_name"


async def test_an_a_number_answer_without_digits_is_not_known_at_once(run_form):
    before = {"consent": True, "location": "Houston, TX", "state": "TX", "situation": "detention",
              "detained_where": "unknown", "detained_since": "unknown",
              "urgency_notified": ["detained_now"], "urgency_reasons": ["detained_now"]}
    slots, dispatcher = await run_form(before, {"a_number": "my mom doesnt have it"}, text="my mom doesnt have it",
                                       requested="a_number")
    assert slots["a_number"] == "unknown" and not texts(dispatcher)


def _user(language):
    entities = [{"entity": "message_language", "value": language}] if language else []
    return {"event": "user", "text": "…", "parse_data": {"entities": entities}}


async def test_one_english_answer_keeps_a_spanish_conversation_in_spanish(run_form):
    # The language reader gives reply_language only for Spanish, so the slot is still "es".
    before = {"consent": True, "location": "Houston, TX", "state": "TX", "city": "Houston", "situation": "humanitarian",
              "reply_language": "es"}
    slots, _ = await run_form(before, {"details": "I have a work permit and my asylum case is pending"},
                            text="I have a work permit and my asylum case is pending", requested="details",
                            history=[_user("es"), _user("es"), _user("en")])
    assert slots.get("reply_language", "es") == "es"


async def test_two_english_messages_in_a_row_turn_the_conversation_english(run_form):
    before = {"consent": True, "location": "Houston, TX", "state": "TX", "city": "Houston", "situation": "humanitarian",
              "reply_language": "es"}
    slots, _ = await run_form(before, {"details": "asylum, I filed last year"}, text="asylum, I filed last year",
                              requested="details", history=[_user("es"), _user("en"), _user(None), _user("en")])
    assert slots["reply_language"] == "en"


@pytest.mark.parametrize("asked", ["a_number", "intake_confirmed", "location", "details"])
async def test_a_crisis_mid_form_is_left_to_the_crisis_rule_even_with_facts_in_it(run_form, asked):
    # "still outside" and "Houston" would otherwise be heard, the form would go on, and no help would be given.
    before = {"consent": True, "situation": "removal", "location": None if asked == "location" else "Houston, TX"}
    slots, dispatcher = await run_form(
        before, {}, text="im in houston, someone threw a brick through my window and they are still outside with a bat",
        intent="crisis", requested=asked)
    assert set(slots) <= {"requested_slot"} and dispatcher.messages == []  # Rasa rejects: the rule answers


def test_update_cards_date_in_the_conversations_language():
    from bot import cards
    post = {"title": "T", "url": "https://example.com/p", "published": "2024-12-09", "summary": "S"}
    assert cards.update_card(post)["date"] == "December 9, 2024"
    assert cards.update_card(post, "es")["date"] == "9 de diciembre de 2024"


def test_card_payloads_name_their_type_for_the_widget():
    from bot import cards
    post = {"title": "T", "url": "https://example.com/p", "published": "2024-12-09", "summary": "S"}
    updates = cards.updates_message([post, post], "es")
    assert updates["type"] == "updates" and [i["date"] for i in updates["items"]] == ["9 de diciembre de 2024"] * 2
    booking = cards.booking_card("RC-7K3M-9PQX-2D4W", "martes", "Ana Rivera", "video", "/b.ics", "es")
    assert booking["type"] == "booking" and booking["mode"] == "Videollamada" and booking["ics_url"] == "/b.ics"


async def test_what_was_said_before_the_matter_was_known_is_not_asked(run_form):
    # The opening named the facility, the day and the A-number, but read as no matter at all;
    # once "uncle detained" places it, none of those is asked.
    history = [{"event": "user", "text": "since monday my uncle is in the south texas processing center in pearsall. "
                                           "his number is A 216 004 589"},
               {"event": "user", "text": "san antonio"},
               {"event": "user", "text": "uncle detained"}]
    before = {"consent": True, "location": "San Antonio, TX", "state": "TX"}
    slots, _ = await run_form(before, {"situation": "detention"}, text="uncle detained",
                              intent="situation_detention", requested="situation", history=history)
    assert slots["detained_where"].startswith("South Texas ICE Processing Center")
    from datetime import date
    assert date.fromisoformat(slots["detained_since"]).weekday() == 0  # "since monday"
    assert slots["a_number"] == "216004589"
    assert slots["requested_slot"] not in ("detained_where", "detained_since", "a_number")


async def test_a_question_at_the_summary_keeps_the_matter(run_form):
    history = [{"event": "slot", "name": "situation", "value": "detention"},
               {"event": "user", "text": "le pueden quitar la residencia por algo de hace tantos años?"}]
    before = {"consent": True, "location": "Phoenix, AZ", "state": "AZ", "detained_where": "Eloy", "detained_since": "2026-12-01",
              "a_number": "unknown", "contact_name": "Daniel", "contact_phone": "+16025550128", "contact_email": "none"}
    slots, _ = await run_form(before, {"situation": "other"}, text="le pueden quitar la residencia por algo de hace tantos años?",
                              intent="situation_other", requested="intake_confirmed", history=history)
    assert slots["situation"] == "detention"
    assert slots["requested_slot"] == "intake_confirmed"


async def test_a_new_date_at_the_summary_read_as_the_same_matter_is_heard(run_form):
    # "the hearing is not next friday ... its in 7 weeks" reads as removal again: the same matter, and the date is changed
    said = "wait i read the letter wrong, the hearing is not next friday, they moved it, its in 7 weeks"
    history = [{"event": "slot", "name": "situation", "value": "removal"},
               {"event": "slot", "name": "situation_text", "value": "i need help with my immigration hearing"},
               {"event": "user", "text": said}]
    before = {"consent": True, "location": "Springfield, MA", "state": "MA", "removal_stage": "hearing",
              "hearing_date": "2026-12-11", "a_number": "217665040", "contact_name": "Marisol Feliz",
              "contact_phone": "+14135550116", "contact_email": "none"}
    slots, dispatcher = await run_form(before, {"situation": "removal", "situation_text": said, "intake_confirmed": said}, text=said,
                                       intent="situation_removal", requested="intake_confirmed", history=history)
    assert slots["hearing_date"] > "2027-01-01"
    assert slots["situation_text"] == "i need help with my immigration hearing"
    assert "utter_summary_corrected" in responses(dispatcher)


async def test_a_question_at_the_summary_read_as_the_same_matter_shows_the_summary_again(run_form):
    said = "no but can they come into my apartment without a warrant?"
    history = [{"event": "slot", "name": "situation", "value": "enforcement"},
               {"event": "slot", "name": "situation_text", "value": "ice was in my apartment complex this week"},
               {"event": "user", "text": said}]
    before = {"consent": True, "location": "Aurora, CO", "state": "CO", "ice_present_now": False,
              "contact_name": "Maria", "contact_phone": "+17205550186", "contact_email": "none"}
    slots, _ = await run_form(before, {"situation": "enforcement", "situation_text": said, "intake_confirmed": said},
                              text=said, intent="situation_enforcement", requested="intake_confirmed", history=history)
    assert slots.get("correcting") is not True and slots["requested_slot"] == "intake_confirmed"
    assert slots["situation_text"] == "ice was in my apartment complex this week"


async def test_a_matter_placed_at_the_situation_question_keeps_what_else_it_tells(run_form):
    said = "my dad got sent back to peru two weeks ago"
    slots, _ = await run_form({"consent": True, "location": "West Valley City, UT", "state": "UT"}, {}, text=said,
                              intent="inform", requested="situation", ranking=[{"name": "inform", "confidence": 0.9}])
    assert slots["situation"] == "removal" and slots["removal_stage"] == "removal_order"
    assert slots["requested_slot"] != "removal_stage"


async def test_someone_released_at_the_summary_is_no_longer_urgent_as_detained(run_form):
    said = "actually scratch that, hes not detained anymore, they let him out last night with an ankle monitor"
    history = [{"event": "slot", "name": "situation", "value": "detention"},
               {"event": "slot", "name": "urgency_reasons", "value": ["detained_now"]},
               {"event": "user", "text": said}]
    before = {"consent": True, "location": "Tulsa, OK", "state": "OK", "urgency_reasons": ["detained_now"],
              "detained_where": "Tulsa County Jail", "detained_since": "2026-11-30", "a_number": "207219556"}
    slots, _ = await run_form(before, {"situation": "removal"}, text=said, intent="situation_removal",
                              requested="intake_confirmed", history=history)
    assert "detained_now" not in slots["urgency_reasons"]


async def test_earlier_messages_are_read_once_not_every_turn(run_form):
    # The matter became known three messages ago: the opening is not read again (it was then).
    history = [{"event": "user", "text": "his number is A 216 004 589"},
               {"event": "slot", "name": "situation", "value": "detention"},
               {"event": "user", "text": "san antonio"}, {"event": "user", "text": "dont know"},
               {"event": "user", "text": "yesterday"}]
    before = {"consent": True, "location": "San Antonio, TX", "state": "TX", "situation": "detention",
              "detained_where": "unknown"}
    slots, _ = await run_form(before, {"detained_since": "yesterday"}, text="yesterday", requested="detained_since",
                              history=history)
    assert "a_number" not in slots


async def test_a_yes_with_a_request_for_a_person_is_consent_too(run_form):
    # "yes but i want a real person to call me" once looped: callback offer, consent question, again
    slots, dispatcher = await run_form({}, {"callback_requested": True}, text="yes but i want a real person to call me",
                                       intent="request_human", requested="consent")
    assert slots["consent"] is True
    assert slots["requested_slot"] == "contact_name"  # the person's name and phone come first


async def test_a_person_asked_for_again_at_the_consent_question_is_consent_to_call_back(run_form):
    history = [{"event": "slot", "name": "callback_requested", "value": True},
               {"event": "user", "text": "can a real person call me", "parse_data": {"intent": {"name": "request_human"}}}]
    slots, _ = await run_form({}, {"callback_requested": True}, text="i just want a real person to call me",
                              intent="request_human", requested="consent", history=history)
    assert slots["consent"] is True
    # the first time, the callback is offered and consent still asked
    slots, _ = await run_form({}, {"callback_requested": True}, text="can a real person call me", intent="request_human",
                              requested="consent")
    assert slots.get("consent") is None


async def test_agents_at_hand_at_the_summary_become_the_matter(run_form):
    # The form, not the interruption, took the message at the summary.
    before = {"consent": True, "situation": "removal", "removal_stage": "hearing", "requested_slot": "intake_confirmed"}
    slots, dispatcher = await run_form(before, {"intake_confirmed": "x"}, text="hold on someone is knocking saying immigration open up, what do i do?",
                                       intent="emergency_now", requested="intake_confirmed")
    assert slots["situation"] == "enforcement" and slots["ice_present_now"] is True
    assert "utter_rights_home" in responses(dispatcher)


async def test_agents_at_hand_told_at_the_location_question_are_the_matter(run_form):
    text = "moreno valley, ice is outside my house right now"
    slots, dispatcher = await run_form({"consent": True}, {"location": text}, text=text, intent="emergency_now", requested="location")
    assert slots["city"] == "Moreno Valley" and slots["ice_present_now"] is True
    assert slots["situation"] == "enforcement"  # "What's happening?" is not asked
    assert slots["requested_slot"] != "situation"


async def test_a_hearing_without_a_date_yet_is_not_asked_again(run_form):
    before = {"consent": True, "situation": "removal", "removal_stage": "hearing"}
    slots, dispatcher = await run_form(before, {"hearing_date": "it says to be set"}, text="it says to be set", requested="hearing_date")
    assert slots["hearing_date"] == "unknown" and "utter_date_not_read" not in responses(dispatcher)


async def test_more_to_tell_at_the_summary_is_kept_and_the_summary_shown_again(run_form):
    before = {"consent": True, "location": "Houston, TX", "state": "TX", "situation": "family", "details": "wife green card",
              "contact_name": "Ana", "contact_phone": "+17135550100", "contact_email": "none"}
    text = "oh and we have 2 kids born here"
    slots, dispatcher = await run_form(before, {"intake_confirmed": text}, text=text, requested="intake_confirmed")
    assert "utter_detail_added" in responses(dispatcher)
    assert slots["details"] == "wife green card / oh and we have 2 kids born here"
    assert slots.get("correcting") is not True and slots["requested_slot"] == "intake_confirmed"


@pytest.mark.parametrize("intent", ["affirm", "greet", "deny"])
async def test_a_place_said_alone_is_the_answer_whatever_the_classifier_took_it_for(run_form, intent):
    slots, _ = await run_form({"consent": True}, {}, text="okc", intent=intent, requested="location")
    assert slots["state"] == "OK" and slots["city"] == "Oklahoma City"
    assert slots["requested_slot"] == "situation"


async def test_yes_at_the_location_question_is_not_a_place(run_form):
    slots, _ = await run_form({"consent": True}, {}, text="ok", intent="affirm", requested="location")
    assert slots.get("location") is None


async def test_a_question_read_as_dont_know_at_the_location_question_is_asked_again(run_form):
    slots, _ = await run_form({"consent": True}, {"location": "unknown"}, text="tengo que abrirles??", intent="dont_know",
                              requested="location")
    assert slots["location"] is None and slots["requested_slot"] == "location"


async def test_i_dont_know_at_the_location_question_is_an_answer(run_form):
    slots, _ = await run_form({"consent": True}, {"location": "unknown"}, text="no se", intent="dont_know", requested="location")
    assert slots["location"] == "unknown" and slots["requested_slot"] != "location"


@pytest.mark.parametrize("text, value, situation", [
    ("they have him in the otay mesa place in san diego", "san diego", "detention"),
    ("esta en el krome en miami", "miami", "detention"),
    ("he lives in new jersey", "new jersey", "family"),
    ("the judge is in san francisco", "san francisco", "removal"),
])
async def test_someone_elses_place_at_the_location_question_is_kept_and_the_question_asked_again(run_form, text, value, situation):
    slots, dispatcher = await run_form({"consent": True, "situation": situation}, {"location": value}, text=text,
                                       requested="location")
    assert slots["location"] is None and slots.get("state") is None and slots["requested_slot"] == "location"
    assert responses(dispatcher)[0] == "utter_location_someone_elses"


async def test_someone_elses_place_said_twice_is_taken_as_the_answer(run_form):
    text = "he lives in new jersey"
    slots, dispatcher = await run_form({"consent": True, "situation": "family"}, {"location": "new jersey"}, text=text,
                                       requested="location", history=[{"event": "user", "text": text}])
    assert slots["state"] == "NJ" and "utter_location_someone_elses" not in responses(dispatcher)


async def test_the_visitors_own_place_beside_someone_elses_is_the_answer(run_form):
    slots, dispatcher = await run_form({"consent": True, "situation": "detention"}, {"location": "yuma"},
                                       text="they have him at otay mesa but im in yuma az", requested="location")
    assert slots["state"] == "AZ" and slots["city"] == "Yuma"
    assert "utter_location_someone_elses" not in responses(dispatcher)


async def test_a_name_given_in_the_first_message_is_not_asked_again(run_form):
    text = "Hi, my name is Dennis Ochoa, I live in Pueblo Colorado. My brother was arrested by ICE on Tuesday"
    slots, _ = await run_form({}, {"situation": "detention"}, text=text, intent="situation_detention")
    assert slots["contact_name"] == "Dennis Ochoa" and "name" not in slots


async def test_a_court_date_within_days_at_the_location_question_makes_the_case_the_matter(run_form):
    # "need help with my moms case" was read as other; the court date at "Where are you?" tells the matter
    slots, _ = await run_form(
        {"consent": True, "situation": "other"}, {"location": "her court is this thursday is that bad??"},
        text="her court is this thursday is that bad?? she doesnt have a lawyer", intent="inform", requested="location",
    )
    assert slots["situation"] == "removal" and slots["removal_stage"] == "hearing" and slots["hearing_date"] == "2026-12-03"


async def test_an_a_number_not_at_hand_read_as_a_request_for_a_person_is_kept(run_form):
    before = {"consent": True, "location": "Dayton, OH", "state": "OH", "situation": "detention",
              "detained_where": "McAllen, TX", "detained_since": "2026-11-20"}
    text = "they gave me a number but I wrote it on a paper at work"
    slots, _ = await run_form(before, {}, text=text, intent="request_human", requested="a_number")
    assert slots["a_number"] == "unknown"


async def test_an_a_number_given_with_a_yes_is_kept(run_form):
    before = {"consent": True, "location": "Santa Ana, CA", "state": "CA", "situation": "removal",
              "removal_stage": "check_in", "hearing_date": "2026-12-09"}
    slots, _ = await run_form(before, {}, text="sí lo tengo, 209 667 114", intent="affirm", requested="a_number")
    assert slots["a_number"] == "209667114"


_SUMMARY_READY = {"consent": True, "location": "Miami, FL", "state": "FL", "situation": "detention", "detained_where": "Lafayette (where detained)",
                  "detained_since": "2026-11-27", "a_number": "unknown", "contact_name": "Jimena Torres", "contact_phone": "+13055550178"}


@pytest.mark.parametrize("text, slot, value", [
    ("sorry phone is wrong, it's 305-555-0187 not 0178", "contact_phone", "+13055550187"),
    ("its Ximena with an X not Jimena", "contact_name", "Ximena Torres"),
    ("wait thats wrong, hes in pine prairie not jena, my sister just told me", "detained_where", "Pine Prairie ICE Processing Center (LA)"),
    ("sorry I meant I'm in New Jersey not New York, I live in Jersey City", "location", "Jersey City, NJ"),
    ("perdon, estoy en fort lauderdale no en miami, me confundi", "location", "Fort Lauderdale, FL"),
])
async def test_a_correction_that_gives_the_value_is_made_without_asking_what_to_change(run_form, text, slot, value):
    slots, dispatcher = await run_form(_SUMMARY_READY, {"intake_confirmed": False}, text=text, requested="intake_confirmed")
    assert slots[slot] == value
    assert "utter_summary_corrected" in responses(dispatcher)
    assert slots.get("correcting") is not True and slots["requested_slot"] == "intake_confirmed"


async def test_a_next_date_corrected_at_the_summary_is_changed(run_form):
    ready = {**_SUMMARY_READY, "situation": "removal", "removal_stage": "hearing", "hearing_date": "next month i think"}
    text = "wait the court date is next wednesday not next month, sorry i just checked the paper"
    slots, dispatcher = await run_form(ready, {"intake_confirmed": False}, text=text, requested="intake_confirmed")
    assert slots["hearing_date"] == "2026-12-02" and "utter_summary_corrected" in responses(dispatcher)  # (tests pin today to Saturday 2026-11-28)


async def test_a_correction_without_a_value_still_asks_what_to_change(run_form):
    slots, dispatcher = await run_form(_SUMMARY_READY, {"intake_confirmed": False}, text="the date is wrong", requested="intake_confirmed")
    assert slots["correcting"] is True and slots["requested_slot"] == "change_field"
    assert "utter_summary_corrected" not in responses(dispatcher)


async def test_no_dont_save_anything_is_a_refusal_not_a_request_for_a_callback(run_form):
    text = "no, dont save anything, ill call the office tomorrow"
    slots, dispatcher = await run_form({}, {"callback_requested": True}, text=text, intent="request_human", requested="consent")
    assert slots["consent"] is False
    assert "utter_consent_refused" in responses(dispatcher) and "utter_callback_offer" not in responses(dispatcher)
    assert not slots.get("callback_requested")


async def test_a_town_given_with_the_address_withheld_is_the_location(run_form):
    text = "el paso, i dont want to say where exactly"
    slots, _ = await run_form({"consent": True}, {"location": "unknown"}, text=text, intent="dont_know", requested="location")
    assert slots["state"] == "TX" and slots["city"] == "El Paso"


async def test_i_dont_know_at_the_location_question_is_still_unknown(run_form):
    slots, _ = await run_form({"consent": True}, {"location": "unknown"}, text="i don't know", intent="dont_know", requested="location")
    assert slots["location"] == "unknown" and slots.get("state") is None


async def test_another_fact_read_as_i_dont_know_at_the_location_question_is_kept_and_the_place_asked_again(run_form):
    text = "ah y se me olvido, su A es 215 667 120, lo tengo aqui en un papel"
    before = {"consent": True, "situation": "detention"}
    slots, _ = await run_form(before, {"location": "unknown"}, text=text, intent="dont_know", requested="location")
    assert slots.get("location") is None and slots["requested_slot"] == "location"
    assert slots["a_number"] == "215667120"


async def test_a_phone_number_said_unasked_is_not_asked_for_again(run_form):
    text = "hes in the county jail since monday, please call me at 713 555 0100"
    slots, _ = await run_form({"consent": True, "location": "Houston, TX", "state": "TX", "situation": "detention"}, {},
                              text=text, requested="detained_where")
    assert slots["contact_phone"] == "+17135550100"


async def test_a_name_given_with_the_phone_keeps_both_and_asks_neither_again(run_form):
    before = {"consent": True, "location": "Pomona, CA", "state": "CA", "country": "United States", "situation": "other",
              "details": "fees"}
    text = "Genaro Rosales, 909 555 0149"
    slots, dispatcher = await run_form(before, {"contact_name": text}, text=text, requested="contact_name")
    assert slots["contact_name"] == "Genaro Rosales" and slots["contact_phone"] == "+19095550149"
    assert "utter_name_unclear" not in responses(dispatcher)


async def test_a_town_in_two_states_is_settled_by_the_visitors_phone(run_form):
    # Portland, Oregon or Maine? The visitor gave a 503 (Oregon) number in their first message.
    before = {"consent": True, "contact_phone": "+15035550131"}
    slots, dispatcher = await run_form(before, {"location": "portland"}, text="portland", requested="location")
    assert slots["state"] == "OR" and slots["city"] == "Portland"
    assert slots["requested_slot"] != "location_state"


async def test_a_phone_from_neither_state_leaves_the_question(run_form):
    before = {"consent": True, "contact_phone": "+13125550148"}
    slots, _ = await run_form(before, {"location": "portland"}, text="portland", requested="location")
    assert slots.get("state") is None and "location_state" in flow.missing_slots(slots)


async def test_a_name_given_before_the_intake_began_is_not_asked_for(run_form):
    # "hi this is Amanda Greer, ..." in the booking flow; the intake begins later
    history = [{"event": "user", "text": "hi this is Amanda Greer, i had a consult booked for thursday and need to move it"},
               {"event": "user", "text": "i don't know"}]
    slots, _ = await run_form({"consent": True}, {"location": "Seattle"}, text="seattle", requested="location", history=history)
    assert slots["contact_name"] == "Amanda Greer"


def test_a_slot_once_set_counts_as_set_until_the_visitor_starts_over():
    from types import SimpleNamespace

    from actions.messages import ever_set, user_texts

    said = {"event": "user", "text": "hi this is Amanda Greer"}
    named = {"event": "slot", "name": "contact_name", "value": "Amanda Greer"}
    cleared = {"event": "slot", "name": "contact_name", "value": None}  # cleared to be changed
    assert ever_set(SimpleNamespace(events=[said, named, cleared]), "contact_name")
    assert not ever_set(SimpleNamespace(events=[said, named, {"event": "reset_slots"}]), "contact_name")
    assert user_texts(SimpleNamespace(events=[said, {"event": "reset_slots"}, {"event": "user", "text": "hola"}])) == ["hola"]


async def test_what_was_said_before_starting_over_is_not_read_again(run_form):
    history = [{"event": "user", "text": "hi this is Amanda Greer, i need help"}, {"event": "reset_slots"}]
    slots, _ = await run_form({"consent": True}, {"location": "Seattle"}, text="seattle", requested="location", history=history)
    assert "contact_name" not in slots



async def test_a_sentence_with_no_stage_is_kept_not_asked_again(run_form):
    before = {"consent": True, "location": "Houston, TX", "state": "TX", "situation": "removal"}
    text = "my lawyer handles all that, I just go when they tell me"
    slots, dispatcher = await run_form(before, {"removal_stage": text}, text=text, intent="inform", requested="removal_stage")
    assert slots["removal_stage"] == "unknown" and text in slots["details"]
    assert slots["requested_slot"] != "removal_stage"


async def test_a_town_read_as_its_bigger_namesake_moves_to_the_phones_state(run_form):
    # "gainesville" alone is Florida's; a Georgia number puts the visitor in Gainesville, GA
    before = {"consent": True, "location": "Gainesville, FL", "state": "FL", "city": "Gainesville", "country": "United States",
              "state_name": "Florida", "situation": "other", "details": "fees", "contact_name": "Mynor Ajanel"}
    slots, _ = await run_form(before, {"contact_phone": "678 555 0103"}, text="678 555 0103", requested="contact_phone")
    assert slots["state"] == "GA" and slots["city"] == "Gainesville"
    # Houston, whatever the phone: the namesake is far smaller
    before = dict(before, location="Houston, TX", state="TX", city="Houston", state_name="Texas")
    slots, _ = await run_form(before, {"contact_phone": "314 555 0100"}, text="314 555 0100", requested="contact_phone")
    assert "state" not in slots and slots["contact_phone"] == "+13145550100"


async def test_a_hearing_date_set_right_at_another_question_replaces_the_one_kept(run_form):
    # 2026-11-28 is a Saturday: "next friday" is 2026-12-04, within two weeks
    before = {"consent": True, "location": "Raleigh, NC", "state": "NC", "situation": "removal",
              "removal_stage": "hearing", "hearing_date": "in like 2 months"}
    text = "wait no i read it wrong its not 2 months its next friday omg"
    slots, _ = await run_form(before, {"a_number": "unknown"}, text=text, intent="deny", requested="a_number")
    assert slots["hearing_date"] == "2026-12-04" and "hearing_soon" in slots["urgency_reasons"]
    assert slots["a_number"] is None and slots["requested_slot"] == "a_number"  # not a "no" to the A-number


async def test_a_plain_no_to_the_a_number_keeps_the_hearing_date(run_form):
    before = {"consent": True, "location": "Raleigh, NC", "state": "NC", "situation": "removal",
              "removal_stage": "hearing", "hearing_date": "2027-02-01"}
    slots, _ = await run_form(before, {"a_number": "unknown"}, text="no i dont have it", intent="deny", requested="a_number")
    assert slots["a_number"] == "unknown" and slots.get("hearing_date", "2027-02-01") == "2027-02-01"


async def test_agents_still_outside_after_a_no_turn_it_to_yes_and_the_place_said_is_kept(run_form):
    # "ice came to my house asking for my son" was read as gone; then, at "Where are you?":
    before = {"consent": True, "situation": "enforcement", "ice_present_now": False}
    text = "they are still outside parked in a black suv. sorry im in fort worth"
    slots, _ = await run_form(before, {}, text=text, intent="emergency_now", requested="location")
    assert slots["ice_present_now"] is True and "ice_present_now" in slots["urgency_reasons"]
    assert slots["state"] == "TX" and slots["requested_slot"] != "location"


async def test_the_asylum_year_ending_soon_told_at_the_place_question_is_urgent_not_a_place_not_found(run_form):
    before = {"consent": True, "situation": "humanitarian",
              "situation_text": "i need to file asylum before my one year deadline, can you do it fast?"}
    slots, dispatcher = await run_form(before, {"location": "my one year is in 10 days"},
                                       text="my one year is in 10 days, is that enough time??", requested="location")
    assert "deadline_soon" in slots["urgency_reasons"] and slots["requested_slot"] == "location"
    assert "utter_location_not_found" not in [m.get("response") for m in dispatcher.messages]


async def test_the_visitors_place_set_right_at_the_phone_question_replaces_the_one_kept(run_form):
    before = {"consent": True, "location": "San Bernardino, CA", "city": "San Bernardino", "state": "CA", "country": "United States",
              "situation": "detention", "detained_where": "adelanto", "detained_since": "2026-11-23", "a_number": "226019384",
              "contact_name": "Stephanie Lara", "urgency_notified": ["detained_now"], "urgency_reasons": ["detained_now"]}
    text = "sorry i put san bernardino but im actually staying in las vegas with my sister now, he got picked up in san bernardino"
    slots, dispatcher = await run_form(before, {"contact_phone": text}, text=text, requested="contact_phone")
    assert slots["state"] == "NV" and slots["location"] == "Las Vegas, NV"
    assert slots["contact_phone"] is None and slots["requested_slot"] == "contact_phone" and dispatcher.messages == []


async def test_an_opening_question_answered_by_the_interruption_is_not_answered_again(run_form):
    # "where is your office?" as a first message: the interruption action replied this turn, then the form starts
    answered = [{"event": "bot", "text": "Our office ...", "metadata": {"utter_action": "utter_office_info"}}]
    _, dispatcher = await run_form({}, {"situation": "other", "situation_text": "where is your office?"},
                                   text="where is your office?", intent="ask_office", history=answered)
    assert "utter_office_info" not in responses(dispatcher)


async def test_a_question_about_the_a_number_is_answered_where_it_is_written(run_form):
    before = {"consent": True, "location": "Houston, TX", "state": "TX", "situation": "detention",
              "detained_where": "unknown", "detained_since": "unknown",
              "urgency_notified": ["detained_now"], "urgency_reasons": ["detained_now"]}
    asked = "whats an a number? where do i find it"
    slots, dispatcher = await run_form(before, {"a_number": asked}, text=asked, requested="a_number")
    assert slots["a_number"] is None and slots["requested_slot"] == "a_number"
    assert "USCIS#" in texts(dispatcher)[0]
    held = {k: v for k, v in before.items() if k != "detained_where"}
    slots, dispatcher = await run_form(held, {"detained_where": asked}, text=asked, requested="detained_where")
    assert slots["detained_where"] is None and "USCIS#" in texts(dispatcher)[0]


async def test_a_guess_beside_i_dont_know_where_someone_is_held_is_kept_as_said(run_form):
    before = {"consent": True, "location": "Yuma, AZ", "state": "AZ", "situation": "detention",
              "urgency_notified": ["detained_now"], "urgency_reasons": ["detained_now"]}
    slots, _ = await run_form(before, {"detained_where": "unknown"}, text="no se, en yuma station maybe", intent="dont_know",
                              requested="detained_where")
    assert slots["detained_where"] == "no se, en yuma station maybe"
    slots, _ = await run_form(before, {"detained_where": "unknown"}, text="no se", intent="dont_know", requested="detained_where")
    assert slots["detained_where"] == "unknown"


async def test_a_plea_for_a_person_at_whats_happening_gets_the_question_again(run_form):
    before = {"consent": True, "location": "Houston, TX", "state": "TX", "callback_requested": True, "callback_recorded": True,
              "contact_name": "Kevin", "contact_phone": "+17135550162"}
    text = "can i just talk to a real person please this is important"
    slots, _ = await run_form(before, {}, text=text, intent="request_human", requested="situation")
    assert slots.get("situation") is None and slots["requested_slot"] == "situation"
