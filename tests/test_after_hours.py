"""What an urgent visitor is told to do now: call while the office is open, what works when it is closed."""
import dataclasses
from datetime import datetime, timezone

import pytest

from bot import after_hours
from tests.project_domain import document
from tests.test_alerts import FIRM

UTC = timezone.utc


@pytest.mark.parametrize(
    "now, opens",
    [
        (datetime(2026, 12, 4, 16, 0, tzinfo=UTC), None),  # Friday 10:00: open
        (datetime(2026, 12, 4, 13, 0, tzinfo=UTC), ("today at 9 a.m.", "hoy a las 9:00")),  # Friday 7:00
        (datetime(2026, 12, 3, 23, 30, tzinfo=UTC), ("tomorrow at 9 a.m.", "mañana a las 9:00")),  # Thursday 17:30
        (datetime(2026, 12, 5, 4, 30, tzinfo=UTC), ("Monday at 9 a.m.", "el lunes a las 9:00")),  # Friday 22:30
        (datetime(2026, 12, 23, 23, 30, tzinfo=UTC), ("Monday at 9 a.m.", "el lunes a las 9:00")),  # before the 24th, closed
    ],
)
def test_closed_hours_say_when_the_office_opens(now, opens):
    firm = dataclasses.replace(FIRM, closed_days=["2026-12-24", "2026-12-25"])
    name, values = after_hours.variant("utter_urgent_call", firm, now)
    if opens is None:
        assert (name, values) == ("utter_urgent_call", {})
    else:
        assert name == "utter_urgent_call_on_call"
        assert (values["opens"], values["opens_es"]) == opens and values["on_call_phone"] == "(312) 555-0199"


def test_without_an_on_call_line_the_closed_message_has_no_number_to_call_now():
    firm = dataclasses.replace(FIRM, on_call={**FIRM.on_call, "phone": None})
    name, values = after_hours.variant("utter_urgent_call", firm, datetime(2026, 12, 5, 4, 30, tzinfo=UTC))
    assert name == "utter_urgent_call_closed" and "on_call_phone" not in values


def test_the_visitor_is_told_of_an_alert_only_when_someone_will_get_it():
    night = datetime(2026, 12, 5, 4, 30, tzinfo=UTC)
    assert [n for n, _ in after_hours.call_responses(FIRM, night)] == ["utter_urgent_call_on_call", "utter_on_call_will_be_alerted"]
    nobody = dataclasses.replace(FIRM, on_call={**FIRM.on_call, "rota": [{"name": "Desk", "email": "d@x.example", "when": "office_hours"}]})
    assert [n for n, _ in after_hours.call_responses(nobody, night)] == ["utter_urgent_call_on_call"]
    not_urgent = dataclasses.replace(FIRM, on_call={**FIRM.on_call, "alert_on": ["callback"]})
    assert not after_hours.on_call_alerted(not_urgent, night)


@pytest.mark.parametrize("base", ["utter_urgent_call", "utter_booking_urgent_times"])
def test_every_variant_is_a_response_in_both_languages(base):
    responses = document()["responses"]
    for suffix in ("", "_on_call", "_closed"):
        variations = responses[base + suffix]
        assert any(v.get("condition") for v in variations) and any(not v.get("condition") for v in variations)
        if suffix == "_on_call":
            assert all("{on_call_phone}" in v["text"] for v in variations)
        if suffix:
            assert not any("now at {firm_phone}" in v["text"] for v in variations)
