"""Render the domain's responses as Rasa would, for tests that check what a visitor reads.

Rasa chooses at random among the conditional variations whose conditions all
match the slots, so ``render`` fails when more than one matches: each
response must say one thing per language.
"""
from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Any, Dict, Optional


from bot.firm import load_firm, response_values
from tests.project_domain import document

ROOT = Path(__file__).resolve().parents[1]

RESPONSES: Dict[str, list] = document()["responses"]
INITIAL_SLOTS: Dict[str, Any] = {name: spec.get("initial_value") for name, spec in document()["slots"].items()}
#: What the Rasa server fills in beside the slots (connectors/firm_nlg.py).
FIRM_VALUES: Dict[str, str] = response_values(load_firm())


def variation(name: str, slots: Optional[Dict[str, Any]] = None) -> dict:
    """The variation of response ``name`` that Rasa shows with these slot values."""
    values = {**INITIAL_SLOTS, **(slots or {})}
    variations = RESPONSES[name]
    matching = [v for v in variations if v.get("condition")
                and all(values.get(c["name"]) == c["value"] for c in v["condition"])]
    assert len(matching) <= 1, f"{name}: {len(matching)} variations match {slots}"
    if matching:
        return matching[0]
    defaults = [v for v in variations if not v.get("condition")]
    assert len(defaults) == 1, f"{name}: {len(defaults)} default variations"
    return defaults[0]


def render(name: str, values: Optional[Dict[str, Any]] = None, language: str = "en", **slots: Any) -> str:
    """The text a visitor reads for a response, its placeholders filled like Rasa's."""
    filled = {**FIRM_VALUES, **INITIAL_SLOTS, "reply_language": language, **slots, **(values or {})}
    text = variation(name, {"reply_language": language, **slots})["text"]
    missing = [f for _, f, _, _ in string.Formatter().parse(text) if f and f not in filled]
    assert not missing, f"{name}: nothing fills {missing}"
    return re.sub(r"\{([^{}]+)\}", lambda m: str(filled[m.group(1)]), text)
