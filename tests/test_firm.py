"""The firm profile: what responses say comes from firm.yml."""
from pathlib import Path

import yaml

from bot.firm import domain_fragment, load_firm, response_slots

ROOT = Path(__file__).resolve().parents[1]


def profile(tmp_path, **changes) -> Path:
    raw = yaml.safe_load((ROOT / "firm.yml").read_text(encoding="utf-8"))
    raw.update(changes)
    for key in [k for k, v in changes.items() if v is None]:
        raw.pop(key)
    path = tmp_path / "firm.yml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return path


def test_consultation_fee_is_the_firms_own_words_on_one_line(tmp_path):
    firm = load_firm(profile(tmp_path, consultation_fee="A consultation\n  costs $99."))
    assert response_slots(firm)["firm_consultation_fee"] == "A consultation costs $99."


def test_without_a_fee_the_assistant_gives_the_phone_and_hours(tmp_path):
    firm = load_firm(profile(tmp_path, consultation_fee=None))
    text = response_slots(firm)["firm_consultation_fee"]
    assert "$" not in text
    assert firm.phone_display in text and firm.office_hours_text in text


def test_generated_domain_declares_every_firm_fact_as_an_unfeaturised_slot(tmp_path):
    firm = load_firm(profile(tmp_path))
    slots = domain_fragment(firm)["slots"]
    assert slots["firm_consultation_fee"]["initial_value"].startswith("A first consultation")
    assert all(s["influence_conversation"] is False for s in slots.values())
