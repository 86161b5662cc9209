"""Findings 4 and 7 (input side): the cleaning every message gets at the channels' edge (bot/text_input.py)."""
from __future__ import annotations

import json
import sqlite3
import sys
import unicodedata
from collections import defaultdict

import pytest
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.nlu.training_data.message import Message

from bot.text_input import BIDI_CONTROLS, COMMAND, MAX_MESSAGE_CHARS, clean_command, clean_message, clean_text, too_long


def by_category():
    """Every code point, grouped by its Unicode general category (all 30 of them)."""
    groups = defaultdict(list)
    for cp in range(sys.maxunicode + 1):
        groups[unicodedata.category(chr(cp))].append(chr(cp))
    return groups


CATEGORIES = by_category()


def expected(ch: str) -> str:
    """The rule, one character at a time."""
    cp = ord(ch)
    if ch == "\r":
        return "\n"
    if unicodedata.category(ch) == "Cc":
        return ch if ch in "\t\n" else ""
    if cp in BIDI_CONTROLS:
        return ""
    if unicodedata.category(ch) == "Cs":
        return "\ufffd"
    return ch


def test_all_thirty_categories_are_covered():
    assert len(CATEGORIES) == 30


@pytest.mark.parametrize("category", sorted(CATEGORIES))
def test_every_code_point_of_every_category(category):
    chars = CATEGORIES[category]
    cleaned = clean_text("".join(chars))
    assert cleaned == "".join(expected(c) for c in chars)
    cleaned.encode("utf-8")  # storable: no lone surrogate is left
    if category not in ("Cc", "Cf", "Cs"):
        assert cleaned == "".join(chars)  # letters, marks, numbers, punctuation, symbols, separators, private use
    left = {unicodedata.category(c) for c in cleaned}
    assert "Cs" not in left
    assert not {c for c in cleaned if unicodedata.category(c) == "Cc"} - {"\t", "\n"}


def test_nul_and_other_controls_are_removed_newline_and_tab_kept():
    assert clean_text("Ana\x00 Lopez") == "Ana Lopez"
    assert clean_text("a\x01\x07\x08\x0b\x0c\x1b[31m\x7f\x80\x85\x9fb") == "a[31mb"
    assert clean_text("line one\r\nline two\rthree\tfour") == "line one\nline two\nthree\tfour"


def test_bidi_controls_are_removed_and_a_phone_number_reads_as_typed():
    # The review's name: an RLO flipped the callback number in the staff inbox.
    name = "Maria \u202e0100-555 (312)\u202c"
    assert clean_text(name) == "Maria 0100-555 (312)"
    for cp in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)):
        assert clean_text(f"a{chr(cp)}b") == "ab"
    # Marks that are not embeddings, overrides or isolates stay (they cannot reorder a run).
    assert clean_text("a\u200eb\u200fc\u200dd") == "a\u200eb\u200fc\u200dd"


def test_lone_surrogates_become_the_replacement_character():
    text = json.loads('"a\\ud800b\\udfffc"')  # what a JSON escape can put in a Python string
    assert clean_text(text) == "a\ufffdb\ufffdc"
    assert clean_text("emoji \U0001F600 stays") == "emoji \U0001F600 stays"


def test_cleaned_text_stores_in_sqlite():
    db = sqlite3.connect(":memory:")
    db.execute("create table t (x text)")
    with pytest.raises(UnicodeEncodeError):
        db.execute("insert into t values (?)", (json.loads('"\\ud800"'),))
    db.execute("insert into t values (?)", (clean_message(json.loads('"\\ud800\\u0000x"')),))
    assert db.execute("select x from t").fetchone() == ("\ufffdx",)


# --- button payloads: /intent{json} -----------------------------------------------------------


def test_the_command_pattern_is_rasas():
    assert COMMAND.pattern == YAMLStoryReader._regex_message_pattern().pattern


def test_escaped_controls_inside_a_payload_are_cleaned():
    raw = '/inform{"contact_name": "Ana\\u0000 \\u202eLopez", "contact_phone": "312\\r\\n555"}'
    cleaned = clean_message(raw)
    assert cleaned == '/inform{"contact_name":"Ana Lopez","contact_phone":"312\\n555"}'
    unpacked = YAMLStoryReader.unpack_regex_message(Message({"text": cleaned}))
    assert {e["entity"]: e["value"] for e in unpacked.get("entities")} == {"contact_name": "Ana Lopez", "contact_phone": "312\n555"}


def test_only_string_values_are_kept():
    assert clean_command('/inform{"a": "x", "b": 1, "c": null, "d": {"e": "f"}, "g": ["h", 2, "\\u0000i"]}') == '/inform{"a":"x","g":["h","i"]}'
    assert clean_command('/inform{"b": 1}') == "/inform"


@pytest.mark.parametrize(
    "text",
    ['/inform{"booking_mode":"phone"}', '/affirm', '/inform@0.9{"x":"y"}tail', "/inform{bad json}", "/inform[1]",
     '/inform{"a": 1', "hello {\"a\": 1}", "/", "", "/inform{" + "[" * 100000 + "}"],
)
def test_payloads_the_bot_sends_are_unchanged_and_bad_ones_left_to_rasa(text):
    assert clean_command(text) == text


def test_length_limit():
    assert MAX_MESSAGE_CHARS == 4000
    assert not too_long("x" * 4000)
    assert too_long("x" * 4001)
    assert not too_long("\U0001F600" * 4000)  # characters, not UTF-16 units or bytes
