"""Answers to three questions as visitors type them (tests/data/answers_as_typed.yml).

Written blind on 2026-12-06 by an author who had not seen the assistant, each with the
meaning a careful reader takes; the readers were then tuned on them, so this is a
regression check, not an evaluation. Where the assistant's design differs from a plain
reading, the test says so below.
"""
from datetime import date
from pathlib import Path

import pytest
import yaml

from bot import contact, dates, flow

CASES = yaml.safe_load((Path(__file__).parent / "data" / "answers_as_typed.yml").read_text(encoding="utf-8"))
ASKED_ON = date(2026, 12, 6)  # a Sunday: the day the answers to "Since when?" were written for


@pytest.mark.parametrize("case", CASES["phone"], ids=lambda c: c["text"][:40])
def test_a_phone_answer(case):
    number, problem = contact.phone_answer(str(case["text"]), None)
    if case["expect"] == "declined":
        assert number is None or contact.declines_calls(str(case["text"]))
    elif case["expect"] == "unclear":
        # too few digits: asked again, or (seven digits and more) kept as typed for staff to confirm,
        # since asking again gets the same digits back
        assert number is None or problem == contact.PHONE_KEPT
    else:
        assert number == case["expect"]


@pytest.mark.parametrize("case", CASES["consent"], ids=lambda c: c["text"][:40])
def test_a_consent_answer(case):
    said = flow.consent_answer(str(case["text"]))
    if case["text"] == "yes no idk":
        assert said is not False  # both answers in one: never read as a refusal
        return
    assert said is {"yes": True, "no": False, "unclear": None}[case["expect"]]


@pytest.mark.parametrize("case", CASES["detained_since"], ids=lambda c: c["text"][:40])
def test_a_detained_since_answer(case):
    day = dates.day_detained(str(case["text"]), ASKED_ON)
    if case["expect"] == "unknown":
        assert day is None  # (the form reads "I don't know" by its intent)
    elif case["expect"] == "week":
        assert day is None or date(2026, 11, 23) <= day <= date(2026, 11, 30)
    else:
        assert day == date.fromisoformat(str(case["expect"]))
