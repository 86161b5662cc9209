"""Whole conversations through the trained model: the questions asked, in order.

The test stories predict ``intake_form`` on every turn, so they cannot see which
question the form asks. Here the trained model runs in-process (Rasa's ``Agent``)
against the real action server, and the questions are read from the tracker: every
bot message carries the response it came from (``metadata.utter_action``), so a
question is an ``utter_ask_<slot>`` and its text is the one the visitor saw.

The expected order is not written out: it is ``bot.flow.required_slots`` (what the
form asks, first unanswered first) for the facts the visitor gives, minus what the
opening already said. Needs a trained model (``make train``).
"""
from __future__ import annotations

import asyncio
import contextlib
import re
import uuid
from pathlib import Path
from typing import Iterable, List, Mapping, Tuple

import pytest

from bot import flow

ROOT = Path(__file__).resolve().parents[2]
import servers  # noqa: E402

pytestmark = pytest.mark.integration

MODEL = ROOT / "models" / "intake.tar.gz"
PHONE = "312 555 0148"


@pytest.fixture(scope="module")
def agent(tmp_path_factory):
    """The trained model in this process, with the real action server (its own data directory)."""
    if not MODEL.exists():
        pytest.skip("no trained model: run `make train`")
    from rasa.core.agent import Agent
    from rasa.utils.endpoints import EndpointConfig

    data_dir = tmp_path_factory.mktemp("var")
    port = servers.free_port()
    env = servers.base_env(data_dir, port)
    with contextlib.ExitStack() as stack:
        stack.enter_context(servers.action_server(env, port, ROOT / "results" / "integration" / "question_order_actions.log"))
        # The tracker store is Rasa's in-memory one: what is read here is the events, not what is kept.
        yield Agent.load(str(MODEL), action_endpoint=EndpointConfig(
            url=env["ACTION_ENDPOINT_URL"], headers={"X-Action-Token": env["ACTION_SERVER_TOKEN"]}))


def talk(agent, messages: Iterable[str]):
    """Send the messages as one visitor; the tracker afterwards."""
    sender = f"order-{uuid.uuid4().hex[:8]}"

    async def run():
        for text in messages:
            await agent.handle_text(text, sender_id=sender)
        return await agent.tracker_store.retrieve(sender)

    return asyncio.run(run())


def said(tracker) -> List[Tuple[str, str]]:
    """(response name, text) of every bot message, in order."""
    from rasa.shared.core.events import BotUttered

    return [(e.metadata.get("utter_action") or "", e.text or "") for e in tracker.events if isinstance(e, BotUttered)]


def questions(tracker) -> List[str]:
    """The slots the visitor was asked for, in order (a question asked twice appears twice)."""
    return [name[len("utter_ask_"):] for name, _ in said(tracker) if name.startswith("utter_ask_")]


def plan(facts: Mapping[str, object], already_said: Iterable[str] = ()) -> List[str]:
    """The questions ``bot.flow`` plans for these facts, without those the opening answered."""
    return [slot for slot in flow.required_slots(facts) if slot not in set(already_said)]


def in_language(agent, name: str, text: str, language: str) -> bool:
    """Whether ``text`` is one of the response's variants written for ``language`` (slots filled in)."""
    for variant in agent.domain.responses.get(name, []):
        spanish = any(c.get("value") == "es" for c in variant.get("condition") or [])
        if spanish != (language == "es"):
            continue
        pattern = ".*".join(re.escape(part) for part in re.split(r"\{[^}]*\}", variant.get("text") or ""))
        if re.fullmatch(pattern, text, flags=re.DOTALL):
            return True
    return False


def test_a_family_visa_intake_asks_the_planned_questions_in_order(agent):
    tracker = talk(agent, ["hi", "yes", "houston tx", "family", "I want to get a green card for my wife",
                           "Maria Lopez", PHONE, "yes"])
    expected = plan({"situation": "family", "situation_text": "family", "contact_phone": "+13125550148"})
    assert questions(tracker) == expected
    assert tracker.get_slot("intake_saved") is True
    asked = [(n, t) for n, t in said(tracker) if n.startswith("utter_ask_")]
    assert all(in_language(agent, n, t, "en") for n, t in asked), asked


def test_a_detention_told_up_front_is_not_asked_again(agent):
    opening = "ICE detained my husband yesterday, he is held at the Broadview processing center"
    tracker = talk(agent, [opening, "yes", "chicago", "A123456789", "Rosa Diaz", PHONE, "yes"])
    told = ("situation", "detained_where", "detained_since")
    facts = {"situation": "detention", "contact_phone": "+13125550148"}
    # The plan would ask all three: skipping them is the opening's doing, not the plan's.
    assert set(told) <= set(flow.required_slots(facts))
    assert questions(tracker) == plan(facts, already_said=told)
    assert "broadview" in str(tracker.get_slot("detained_where")).lower()
    assert tracker.get_slot("detained_since")
    assert tracker.get_slot("intake_saved") is True


def test_a_spanish_intake_asks_the_same_questions_in_spanish(agent):
    tracker = talk(agent, ["hola", "sí", "houston tx", "familia", "quiero pedir la residencia para mi esposa",
                           "Maria Lopez", PHONE, "sí"])
    expected = plan({"situation": "family", "situation_text": "familia", "contact_phone": "+13125550148"})
    assert questions(tracker) == expected
    asked = [(n, t) for n, t in said(tracker) if n.startswith("utter_ask_")]
    not_spanish = [(n, t[:60]) for n, t in asked if not in_language(agent, n, t, "es")]
    assert not not_spanish


def test_an_interruption_repeats_the_pending_question_then_the_order_goes_on(agent):
    messages = ["hi", "yes", "how much do you charge for a consultation?", "houston tx", "family",
                "are you a robot?", "I want to get a green card for my wife", "Maria Lopez", PHONE, "yes"]
    tracker = talk(agent, messages)
    order = plan({"situation": "family", "situation_text": "family", "contact_phone": "+13125550148"})
    # Each interruption comes while a question is pending: that question is asked again right
    # after the answer to the interruption, and nothing else changes.
    expected = list(order)
    for pending in ("details", "location"):  # later first, so the earlier index does not shift
        i = expected.index(pending)
        expected.insert(i + 1, pending)
    assert questions(tracker) == expected

    names = [n for n, _ in said(tracker)]
    for answer, pending in (("utter_consultation_fee", "location"), ("utter_iamabot", "details")):
        # The interruption's own answer sits between the question and its repeat (response names:
        # what answers a fee or robot question is the domain's choice, not the plan's).
        first = names.index(f"utter_ask_{pending}")
        again = names.index(f"utter_ask_{pending}", first + 1)
        assert answer in names[first + 1:again], names[first:again + 1]
