"""When an intake is urgent (bot.urgency) and what urgent visitors are told (bot.resources)."""
from datetime import date

import pytest

from bot import resources, urgency
from bot.firm import load_firm
from bot.settings import firm_profile_path

TODAY = date(2026, 11, 28)


def test_detention_is_urgent():
    assert urgency.assess({"situation": "detention"}, TODAY) == ["detained_now"]


@pytest.mark.parametrize(
    "hearing, urgent",
    [("2026-11-28", True), ("2026-12-12", True), ("2026-12-13", False), ("unknown", False), ("2026-11-01", False)],
)
def test_hearing_within_14_days(hearing, urgent):
    reasons = urgency.assess({"situation": "removal", "removal_stage": "hearing", "hearing_date": hearing}, TODAY)
    assert ("hearing_soon" in reasons) is urgent


def test_check_in_is_named_as_such():
    slots = {"situation": "removal", "removal_stage": "check_in", "hearing_date": "2026-12-01"}
    assert urgency.assess(slots, TODAY) == ["checkin_soon"]


def test_removal_order_and_agents_present():
    assert urgency.assess({"removal_stage": "removal_order"}, TODAY) == ["removal_imminent"]
    assert urgency.assess({"ice_present_now": True}, TODAY) == ["ice_present_now"]
    assert urgency.assess({"situation": "family"}, TODAY) == []


@pytest.mark.parametrize(
    "text, reasons",
    [
        ("ICE is at my door right now", ["ice_present_now"]),
        ("there are immigration agents outside my house", ["ice_present_now"]),
        ("they are deporting him tomorrow", ["removal_imminent"]),
        ("what are my rights if ICE comes", []),
        ("I want to apply for citizenship", []),
    ],
)
def test_text_signals(text, reasons):
    assert urgency.text_signals(text) == reasons


@pytest.fixture(scope="module")
def firm():
    return load_firm(firm_profile_path())


def test_detained_visitor_gets_locator_and_firm_phone(firm):
    messages = resources.messages_for(["detained_now"], firm)
    text = " ".join(messages)
    assert "locator.ice.gov" in text and "1-888-351-4024" in text
    assert firm.phone_display in messages[-1]
    assert f"checked {firm.resources_checked}" in text


def test_agents_at_door_get_know_your_rights(firm):
    text = " ".join(resources.messages_for(["ice_present_now"], firm))
    assert "signed by a judge" in text and "silent" in text


def test_hearing_soon_gets_eoir(firm):
    text = " ".join(resources.messages_for(["hearing_soon"], firm))
    assert "acis.eoir.justice.gov" in text and "1-800-898-7180" in text


def test_nothing_urgent_nothing_said(firm):
    assert resources.messages_for([], firm) == []
