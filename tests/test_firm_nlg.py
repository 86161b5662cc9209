"""The firm profile in every reply: Rasa's response generator from endpoints.yml
(connectors/firm_nlg.py) fills {firm_phone}, ... from firm.yml, with no action server."""
from __future__ import annotations

import re

import pytest

from bot.firm import load_firm, response_values
from tests.conftest import ROOT
from tests.project_domain import rasa_domain

PHONE = "(555) 010-0199"
FIRM_PLACEHOLDERS = set(response_values(load_firm(ROOT / "firm.yml")))



@pytest.fixture
def endpoints_nlg(monkeypatch, tmp_path):
    """The ``nlg`` endpoint of endpoints.yml, as ``rasa run`` reads it."""
    from rasa.utils.endpoints import read_endpoint_config

    for name, value in {"ACTION_ENDPOINT_URL": "http://127.0.0.1:1/webhook", "ACTION_SERVER_TOKEN": "t",
                        "RASA_TRACKER_DB": str(tmp_path / "tracker.db")}.items():
        monkeypatch.setenv(name, value)
    return read_endpoint_config(str(ROOT / "endpoints.yml"), "nlg")


def _generator(endpoint):
    """Made as Rasa's Agent makes it (an empty domain), then given the model's responses."""
    from rasa.core.nlg import NaturalLanguageGenerator, TemplatedNaturalLanguageGenerator

    nlg = NaturalLanguageGenerator.create(endpoint, None)
    # Agent.load_model hands the model's responses only to TemplatedNaturalLanguageGenerator.
    assert isinstance(nlg, TemplatedNaturalLanguageGenerator)
    nlg.responses = rasa_domain().responses
    return nlg


def _tracker(**slots):
    from rasa.shared.core.events import SlotSet
    from rasa.shared.core.trackers import DialogueStateTracker

    events = [SlotSet(name, value) for name, value in slots.items()]
    return DialogueStateTracker.from_events("visitor", events, slots=rasa_domain().slots)


async def _say(nlg, response, tracker):
    """What a rule's ``utter_`` action sends: Rasa's own action, no action server."""
    from rasa.core.actions.action import ActionBotResponse
    from rasa.core.channels.channel import CollectingOutputChannel

    events = await ActionBotResponse(response).run(CollectingOutputChannel(), nlg, tracker, rasa_domain())
    return " ".join(e.text for e in events if getattr(e, "text", None))


@pytest.mark.parametrize(
    "language, expected",
    [("en", f"Take care. If anything changes, call us at {PHONE}."), ("es", f"Cuídese. Si algo cambia, llámenos al {PHONE}.")],
)
async def test_a_reply_gives_the_phone_from_firm_yml_without_an_action_server(firm_profile, endpoints_nlg, language, expected):
    firm_profile(phone_display=PHONE)
    assert await _say(_generator(endpoints_nlg), "utter_goodbye", _tracker(reply_language=language)) == expected


async def test_the_firm_texts_are_filled_in_every_response(firm_profile, endpoints_nlg):
    firm_profile(name="Example & Partners", assistant_name="Ada", spanish={})
    nlg = _generator(endpoints_nlg)
    for name, variations in rasa_domain().responses.items():
        # Rasa fills nothing in a text with a placeholder it has no value for: give what actions send.
        placeholders = set(re.findall(r"\{(\w+)\}", str(variations)))
        sent_by_actions = {p: "…" for p in placeholders if p not in FIRM_PLACEHOLDERS and p not in rasa_domain().slots}
        for language in ("en", "es"):
            reply = await nlg.generate(name, _tracker(reply_language=language), "rest", **sent_by_actions)
            assert not placeholders & set(re.findall(r"\{(\w+)\}", str(reply))), (name, language, reply)
    consent = await _say(nlg, "utter_ask_consent", _tracker())
    assert "I'm Ada" in consent and "Example & Partners" in consent
    # A Spanish text firm.yml leaves out is said in English, after a note saying so.
    assert "(Esta parte solo está disponible en inglés.) I'm an automated assistant" in await _say(
        nlg, "utter_ask_consent", _tracker(reply_language="es"))


async def test_an_actions_values_are_filled_beside_the_firms(firm_profile, endpoints_nlg):
    firm_profile(phone_display=PHONE)
    # What Rasa does with {"response": ..., "opens": ...} from the action server.
    reply = await _generator(endpoints_nlg).generate("utter_urgent_call_closed", _tracker(), "rest", opens="Monday at 9am")
    assert reply["text"].startswith("This sounds urgent. Our office is closed right now and opens Monday at 9am;")
    assert f"call us then at {PHONE}." in reply["text"]


def test_a_broken_firm_profile_stops_the_rasa_server_at_start(firm_profile, endpoints_nlg):
    from rasa.core.nlg import NaturalLanguageGenerator

    path = firm_profile(phone_display=None)
    with pytest.raises(ValueError, match=f"{path}: missing phone_display"):
        NaturalLanguageGenerator.create(endpoints_nlg, None)
