"""One place for each decision: the domain, the rules and bot/ agree.

In the style of sqlite-utils' test_docs.py: each list that Rasa's YAML must
repeat is checked against the one in ``bot/``, so copies cannot drift.
"""
from pathlib import Path

import pytest
import yaml

from bot import interruptions, situations
from bot.firm import load_firm
from tests.project_domain import document
from tests.wording import variation

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = document()
RULES = {p.name: yaml.safe_load(p.read_text()) for p in sorted((ROOT / "data" / "rules").glob("*.yml"))}
RESPONSES = set(DOMAIN["responses"])
INTENTS = set(DOMAIN["intents"])
SOFT = {"chitchat", "out_of_scope", "bot_challenge", "ask_legal_advice", "non_english"}
#: A name can also read as yes, thanks or hello ("Wanjiru K", "Altagracia Peña"); clean_name refuses the real ones.
NAME_LOOKS_LIKE = SOFT | {"affirm", "thank", "greet"}


def _text_mappings():
    for slot, spec in DOMAIN["slots"].items():
        for mapping in spec.get("mappings") or []:
            if mapping.get("type") == "from_text":
                yield slot, mapping


def test_the_not_an_answer_list_is_bot_interruptions():
    assert sorted(DOMAIN["x-not-an-answer"]) == sorted(interruptions.NOT_AN_ANSWER)


@pytest.mark.parametrize("slot, mapping", list(_text_mappings()), ids=lambda v: v if isinstance(v, str) else "")
def test_no_free_text_question_swallows_an_interruption(slot, mapping):
    # Names may look like chit-chat ("Hope", "Li Wei"): only those soft intents may pass there.
    ignored = set(mapping.get("not_intent") or [])
    missing = set(interruptions.NOT_AN_ANSWER) - ignored
    assert missing <= NAME_LOOKS_LIKE if "name" in slot else not missing, f"{slot} takes {missing} as an answer"


def test_every_name_question_ignores_the_same_intents():
    # One list for the intake's and booking's name questions (they had drifted apart).
    lists = {slot: sorted(m.get("not_intent") or []) for slot, m in _text_mappings() if "name" in slot}
    assert set(lists) >= {"contact_name", "booking_name"}
    assert all(found == sorted(DOMAIN["x-not-a-name"]) for found in lists.values()), lists


def _interruption_rules():
    for file, doc in RULES.items():
        for rule in doc.get("rules") or []:
            steps = rule.get("steps") or []
            if any(s.get("action") == "action_answer_interruption" for s in steps):
                yield file, rule


@pytest.mark.parametrize("file, rule", list(_interruption_rules()), ids=lambda v: v if isinstance(v, str) else v["rule"])
def test_every_interruption_rule_lists_the_same_intents(file, rule):
    said = [o["intent"] for o in rule["steps"][0]["or"]]
    loop = next((c.get("active_loop") for c in rule.get("condition") or [] if "active_loop" in c), None)
    assert said == (interruptions.INTENTS if loop else interruptions.OUTSIDE_FORMS)


def test_every_form_has_an_interruption_rule():
    forms = set(DOMAIN["forms"])
    covered = {
        c["active_loop"] for _, rule in _interruption_rules() for c in rule.get("condition") or [] if c.get("active_loop")
    }
    assert covered == forms


def test_every_intent_is_handled_at_the_opening_or_explicitly_excluded():
    opening = next(r for r in RULES["intake.yml"]["rules"] if r["rule"].startswith("Any opening message"))
    starts = {o["intent"] for o in opening["steps"][0]["or"]}
    # Handled by their own rules outside a form (data/rules/*.yml).
    own_rules = {"start_over", "cancel_booking", "reschedule_booking", "goodbye", "thank"}
    unhandled = INTENTS - starts - set(interruptions.OUTSIDE_FORMS) - own_rules
    assert not unhandled, f"no opening rule for {unhandled}"
    assert not starts & set(interruptions.OUTSIDE_FORMS), "an interruption must be answered, not skipped"


def test_every_reply_exists_in_the_domain():
    needed = {r for r in interruptions.REPLIES.values() if r} | set(interruptions.CRISIS_REPLIES.values())
    needed |= {"utter_crisis_continue"} | {f"utter_ack_{c}" for c in situations.CATEGORIES}
    assert needed <= RESPONSES, needed - RESPONSES
    assert set(interruptions.INTENTS) - {"nlu_fallback"} <= INTENTS


def test_crisis_replies_quote_the_dated_lines_in_firm_yml():
    lines = load_firm(ROOT / "firm.yml").crisis_lines
    responses = {n: v for n, v in DOMAIN["responses"].items() if n.startswith("utter_crisis_")}
    quoted = " ".join(v["text"] for variations in responses.values() for v in variations)
    for number in lines.values():
        assert number in quoted
    expected = {
        "utter_crisis_suicide": "suicide_crisis_lifeline",
        "utter_crisis_medical": "emergency",
        "utter_crisis_violence": "emergency",
        "utter_crisis_child": "emergency",
        "utter_crisis_dv": "domestic_violence_hotline",
    }
    for name, line in expected.items():
        for variant in responses[name]:  # English and Spanish alike
            assert lines[line] in variant["text"], (name, variant.get("condition"))


def test_every_crisis_reply_names_911_988_and_the_dv_hotline_in_every_language():
    # The kind of danger can be misread ("he has a knife and said goodbye" is suicide, not
    # violence), so every crisis reply leads with its kind's help and still names the others.
    lines = load_firm(ROOT / "firm.yml").crisis_lines
    responses = {n: v for n, v in DOMAIN["responses"].items() if n.startswith("utter_crisis_")}
    for name in set(interruptions.CRISIS_REPLIES.values()) | {"utter_crisis_general", interruptions.CRISIS_UNSURE}:
        for variant in responses[name]:
            for line in ("emergency", "suicide_crisis_lifeline", "domestic_violence_hotline"):
                assert lines[line] in variant["text"], (name, line, variant.get("condition"))


def test_every_response_has_a_spanish_and_an_english_variation():
    for name, variations in DOMAIN["responses"].items():
        languages = {c["value"] for v in variations for c in v.get("condition") or [] if c["name"] == "reply_language"}
        assert "es" in languages, name
        assert any(not v.get("condition") for v in variations), f"{name}: no English default"


def test_one_variation_per_language_and_case():
    # Rasa picks at random among the conditional variations that match: only one may.
    for name, variations in DOMAIN["responses"].items():
        other = {c["name"]: set() for v in variations for c in v.get("condition") or [] if c["name"] != "reply_language"}
        for v in variations:
            for c in v.get("condition") or []:
                if c["name"] in other:
                    other[c["name"]].add(c["value"])
        cases = [{}] + [{slot: value} for slot, values in other.items() for value in values | {None}]
        for case in cases:
            for language in ("en", "es"):
                chosen = variation(name, {"reply_language": language, **case})
                is_spanish = any(c["name"] == "reply_language" and c["value"] == "es" for c in chosen.get("condition") or [])
                assert is_spanish == (language == "es"), (name, language, case)


def _buttons(response):
    return {v.get("condition", [{}])[0].get("value", "en"): v["buttons"] for v in DOMAIN_RESPONSES[response]}


DOMAIN_RESPONSES = DOMAIN["responses"]


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_situation_buttons_are_the_categories_in_order(language):
    payloads = [b["payload"] for b in _buttons("utter_ask_situation")[language]]
    assert payloads == [f"/{situations.INTENT_PREFIX}{c}" for c in situations.CATEGORIES]


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_time_zone_button_reads_back_as_its_zone(language):
    """The zone buttons live in the domain only; what a visitor types instead
    ("eastern", "pacífico") is read by bot.booking.flow to the same zones."""
    from bot.booking import flow as booking_flow

    for button in _buttons("utter_ask_visitor_time_zone")[language]:
        zone = button["payload"].split('"visitor_time_zone":"')[1].split('"')[0]
        assert booking_flow.parse_time_zone(button["title"]) == zone, button["title"]


@pytest.mark.parametrize("group", ["location", "situation", "details", "contact"])
def test_every_slot_a_change_clears_is_a_domain_slot(group):
    from bot import flow

    assert set(flow.CHANGE_GROUPS[group]) <= set(DOMAIN["slots"])


def test_changing_the_place_clears_everything_a_place_filled():
    from bot import flow
    from bot.places import location

    assert set(location.LOCATION_SLOTS) <= set(flow.CHANGE_GROUPS["location"])  # the time zone and state name too


def test_every_detail_stored_has_a_staff_label():
    from bot import intake

    assert set(intake.DETAIL_SLOTS) <= set(intake.DETAIL_LABELS)
