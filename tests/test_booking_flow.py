"""The booking conversation's wording and wiring: bot/booking/flow.py and the
cancel form's last question in the domain, rules and test stories."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot import interruptions
from bot.booking import flow as booking_flow
from bot.booking import store as booking_store
from bot.firm import firm
from tests.project_domain import document
from tests.wording import render

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = document()
RULES = yaml.safe_load((ROOT / "data" / "rules" / "booking.yml").read_text())["rules"]
INTERRUPTION_RULES = yaml.safe_load((ROOT / "data" / "rules" / "booking_interruptions.yml").read_text())["rules"]
STORIES = yaml.safe_load((ROOT / "tests" / "test_stories" / "booking.yml").read_text())["stories"]


def test_one_answer_for_an_unknown_reference_and_a_wrong_email():
    response = booking_flow.error_response("unknown_reference")
    text = render(response)
    assert "reference and email" in text and booking_flow.REFERENCE_EXAMPLE in text
    assert booking_flow.REFERENCE_EXAMPLE in render(response, language="es")
    assert "wrong_email" not in booking_flow.ERRORS
    # What the store raises for a wrong email maps to the same answer.
    assert booking_flow.error_response(booking_store.EmailMismatch.code) == response


def test_examples_are_references_the_chat_accepts():
    assert booking_store.normalise_reference(booking_flow.REFERENCE_EXAMPLE) == booking_flow.REFERENCE_EXAMPLE
    for language in ("en", "es"):
        assert booking_flow.REFERENCE_EXAMPLE in render("utter_ask_manage_reference", language=language)
        assert booking_flow.REFERENCE_EXAMPLE in render("utter_booking_error_reference_format", language=language)


def test_too_many_attempts_says_to_call_the_firm():
    response = booking_flow.error_response(booking_store.TooManyAttempts.code)
    assert response == "utter_booking_error_too_many_attempts"
    for language in ("en", "es"):
        assert firm().phone_display in render(response, language=language)


def test_every_error_has_its_response_and_unknown_codes_read_as_invalid():
    for code in booking_flow.ERRORS:
        for language in ("en", "es"):
            assert "{" not in render(booking_flow.error_response(code), language=language)
    assert booking_flow.error_response("something new") == "utter_booking_error_invalid"


def test_cancel_question_names_time_and_attorney():
    values = {"reference": "RC-7K3M-9PQX-2D4W", "when": "Tuesday, December 1, 10:00 AM Central Time", "attorney": "Dana Cole",
              "when_es": "martes 1 de diciembre", "mode": "video call", "mode_es": "videollamada"}
    text = render("utter_ask_cancel_confirmed", values)
    assert "Tuesday, December 1" in text and "Dana Cole" in text and text.endswith("?")
    assert "martes 1 de diciembre" in render("utter_ask_cancel_confirmed", values, "es")
    assert render("utter_ask_cancel_reference", values) == "Do you want to cancel your consultation RC-7K3M-9PQX-2D4W?"


@pytest.mark.parametrize("language, offered, expected", [
    ("es", ["en", "es"], "es"), ("es", ["en"], None), ("en", ["en", "es"], None), (None, ["en", "es"], None),
    ("vi", ["en", "vi"], "vi"),
])
def test_a_visitors_language_an_attorney_speaks_is_booked_without_asking(language, offered, expected):
    assert booking_flow.spoken_language(language, offered) == expected


@pytest.mark.parametrize(
    "text, keep",
    [("cancel it", False), ("yes, cancel my appointment", False), ("I can't make it, cancel it", False), ("cancel", False),
     ("don't cancel", True), ("dont cancel it", True), ("do not cancel", True), ("no, do not cancel my appointment", True),
     ("I don't want to cancel", True), ("please don’t cancel it", True), ("never cancel", True), ("no la canceles", True),
     ("keep it", True), ("wait", True), ("never mind", True), ("nope", True), ("", False)],
)
def test_says_keep(text, keep):
    assert booking_flow.says_keep(text) is keep


# --- the cancel form's last question in the domain, rules and stories


def test_cancel_confirmed_is_the_cancel_forms_last_question():
    assert DOMAIN["forms"]["cancel_booking_form"]["required_slots"] == ["manage_reference", "manage_email", "cancel_confirmed"]
    assert "action_ask_cancel_confirmed" in DOMAIN["actions"] and "utter_booking_kept" in DOMAIN["responses"]


def test_cancel_confirmed_takes_yes_or_no_only_while_the_cancel_form_asks_it():
    slot = DOMAIN["slots"]["cancel_confirmed"]
    assert slot["type"] == "bool" and slot["influence_conversation"] is False
    taken = {(m["type"], m.get("intent"), m.get("value")) for m in slot["mappings"]}
    assert taken == {("from_intent", "affirm", True), ("from_intent", "deny", False)}  # no free text: words never confirm
    for mapping in slot["mappings"]:
        assert mapping["conditions"] == [{"active_loop": "cancel_booking_form", "requested_slot": "cancel_confirmed"}]
    # The same convention as the booking's own yes/no question.
    assert {m["type"] for m in DOMAIN["slots"]["booking_confirmed"]["mappings"]} == {"from_intent"}


def test_the_cancel_forms_interruption_rule_covers_every_question():
    (rule,) = [r for r in INTERRUPTION_RULES if {"active_loop": "cancel_booking_form"} in (r.get("condition") or [])]
    assert rule["condition"] == [{"active_loop": "cancel_booking_form"}]  # no requested_slot: the buttons too
    assert [o["intent"] for o in rule["steps"][0]["or"]] == interruptions.INTENTS
    # Yes and no answer the button; they are never taken for an interruption there.
    assert not {"affirm", "deny"} & set(interruptions.INTENTS)


def test_the_submit_rule_runs_after_the_cancel_form():
    (rule,) = [r for r in RULES if r.get("condition") == [{"active_loop": "cancel_booking_form"}]
               and any(s.get("action") == "action_submit_cancel_booking_form" for s in r["steps"])]
    assert rule["steps"][0] == {"action": "cancel_booking_form"} and rule["steps"][1] == {"active_loop": None}


def _cancel_stories():
    for story in STORIES:
        steps = story["steps"]
        if any(s.get("action") == "action_submit_cancel_booking_form" for s in steps):
            yield story["story"], steps


def test_stories_for_yes_no_and_an_interruption_at_the_cancel_button():
    seen = set()
    for _, steps in _cancel_stories():
        intents = [s["intent"] for s in steps if "intent" in s]
        last = intents[-1]
        assert last in ("affirm", "deny")
        seen.add(last)
        if "action_answer_interruption" in [s.get("action") for s in steps]:
            seen.add("interruption")
            # the interruption comes after the email, at the button, and the form asks again
            at = [s.get("action") for s in steps].index("action_answer_interruption")
            assert any("@" in (s.get("user") or "") for s in steps[:at])
            assert steps[at + 1] == {"action": "cancel_booking_form"} and steps[at + 2] == {"active_loop": "cancel_booking_form"}
    assert seen == {"affirm", "deny", "interruption"}


@pytest.mark.parametrize(
    "text, zone",
    [("Este", "America/New_York"), ("hora del pacífico", "America/Los_Angeles"), ("Montaña", "America/Denver"),
     ("la zona horaria del centro", "America/Chicago"), ("este martes", None), ("en el centro de la ciudad", None)],
)
def test_spanish_zone_names_as_the_whole_answer(text, zone):
    assert booking_flow.parse_time_zone(text) == zone


def test_a_change_without_its_reference_keeps_the_request_and_who_asked():
    from bot.booking import flow as booking_flow

    request = "Hi i need to cancel my appointment for thursday. My name is Rosa Delgado, 617 555 0142"
    kept = booking_flow.change_without_reference(request, {})
    assert kept["situation"] == "other" and kept["situation_text"] == request
    assert kept["contact_name"] == "Rosa Delgado" and kept["contact_phone"] == "+16175550142"
    # a matter or a contact already known stays as it is
    assert booking_flow.change_without_reference(request, {"situation": "family", "contact_phone": "+13125550100"}) == {
        "contact_name": "Rosa Delgado"}
    assert booking_flow.change_without_reference("", {}) == {}
