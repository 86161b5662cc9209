"""The firm profile: what responses say comes from firm.yml."""
import re
import subprocess
import sys
from pathlib import Path

import yaml

from bot.firm import load_firm, response_values
from tests.project_domain import document

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
    assert response_values(firm)["firm_consultation_fee"] == "A consultation costs $99."


def test_without_a_fee_the_assistant_gives_the_phone_and_hours(tmp_path):
    firm = load_firm(profile(tmp_path, consultation_fee=None))
    text = response_values(firm)["firm_consultation_fee"]
    assert "$" not in text
    assert firm.phone_display in text and firm.office_hours_text in text


def test_every_firm_placeholder_in_the_domain_has_a_value_and_none_is_a_slot():
    firm_values = response_values(load_firm(ROOT / "firm.yml"))
    texts = yaml.safe_dump(document()["responses"], allow_unicode=True, width=10**6)
    firm_placeholders = set(re.findall(r"\{((?:firm_|assistant_)\w*)\}", texts))
    assert firm_placeholders == set(firm_values)  # each is used, and none is left unfilled
    assert not set(firm_values) & set(document()["slots"])  # a slot would shadow firm.yml


def _check(path):
    env = {"FIRM_PROFILE": str(path), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "bot.firm", "check"], cwd=ROOT, env=env, capture_output=True, text=True)


def test_make_stops_on_a_broken_firm_profile_with_its_reason(tmp_path):
    result = _check(profile(tmp_path, phone_display=None))
    assert result.returncode != 0 and "missing phone_display" in result.stderr
    assert _check(profile(tmp_path)).returncode == 0


def test_office_and_languages_for_the_office_answer(tmp_path):
    raw = yaml.safe_load((ROOT / "firm.yml").read_text(encoding="utf-8"))
    attorneys = [{**raw["attorneys"][0], "languages": ["en", "es"]}, {**raw["attorneys"][1], "languages": ["vi"]}]
    firm = load_firm(profile(tmp_path, attorneys=attorneys, offices=[{"name": "Main office", "address": "1 Main St, Springfield, IL"}]))
    values = response_values(firm)
    assert values["firm_offices"] == "Main office, 1 Main St, Springfield, IL"
    assert values["firm_languages"] == "English, Spanish and Vietnamese"
    assert values["firm_languages_es"] == "inglés, español y vietnamita"
