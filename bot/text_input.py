"""What a visitor's message may contain once it reaches the bot: the chat channels' input cleaning.

Plain functions, no Rasa. ``connectors/channels.py`` applies :func:`clean_message`
to every message on both channels before anything reads or stores it:

* NUL and every other C0/C1 control character is removed, except newline and
  tab; a CR or CRLF becomes a newline. (One NUL used to break the firm's CSV
  export for every intake.)
* The bidirectional embedding, override and isolate controls (U+202A-U+202E,
  U+2066-U+2069) are removed: in a name they showed a callback number
  reversed in the staff inbox.
* A lone surrogate (a JSON ``"\\ud800"`` escape gets one into a Python string)
  becomes U+FFFD: it cannot be encoded as UTF-8, so SQLite and every export
  would refuse it.
* In a button payload ``/intent{...}`` the JSON is cleaned inside as well (an
  escape such as ``\\u0000`` would otherwise bring the controls back once Rasa
  decodes it), and only string values are kept, which is all the bot's own
  buttons send.

Everything else (letters, marks, symbols, emoji, private use, zero-width
joiners) is kept as typed.
"""
from __future__ import annotations

import json
import re
from typing import Any, Dict, Optional

#: Longest message the bot reads, in characters (code points, as received).
#: Longer ones get a kind reply instead (connectors/channels.py).
MAX_MESSAGE_CHARS = 4000

#: Bidirectional embeddings, overrides (LRE RLE PDF LRO RLO) and isolates (LRI RLI FSI PDI).
BIDI_CONTROLS = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))

#: C0 and C1 controls (Unicode category Cc) but tab and newline.
CONTROLS = (frozenset(range(0x00, 0x20)) | frozenset(range(0x7F, 0xA0))) - {0x09, 0x0A}

SURROGATES = range(0xD800, 0xE000)
REPLACEMENT = "\ufffd"

_TABLE: Dict[int, Optional[str]] = {c: None for c in CONTROLS | BIDI_CONTROLS}
_TABLE.update({c: REPLACEMENT for c in SURROGATES})

# Rasa's pattern for "/intent@confidence{entities}rest" (YAMLStoryReader._regex_message_pattern;
# tests/security/test_text_input.py checks they stay the same).
COMMAND = re.compile(r"^/(?P<name>[^{@]+)(?P<confidence>@[0-9.]+)?(?P<entities>{.+})?(?P<rest>.*)")


def clean_text(text: str) -> str:
    """``text`` without controls (but newline and tab), bidi controls or lone surrogates."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(_TABLE)


def _clean_value(value: Any) -> Any:
    """A cleaned string, a list of cleaned strings, or None for anything else."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        strings = [clean_text(v) for v in value if isinstance(v, str)]
        return strings or None
    return None


def clean_command(text: str) -> str:
    """A ``/intent{json}`` payload with its JSON values cleaned; any other text unchanged.

    A payload whose JSON is not an object is left for Rasa, which ignores it.
    """
    stripped = text.strip()
    match = COMMAND.match(stripped) if stripped.startswith("/") else None
    if not match or not match.group("entities"):
        return text
    try:
        entities = json.loads(match.group("entities"))
    except (ValueError, RecursionError):  # bad JSON, or nested too deep to parse
        return text
    if not isinstance(entities, dict):
        return text
    kept = {}
    for key, value in entities.items():
        value = _clean_value(value)
        if value is not None:
            kept[clean_text(key)] = value
    encoded = json.dumps(kept, ensure_ascii=False, separators=(",", ":")) if kept else ""
    return stripped[: match.start("entities")] + encoded + stripped[match.end("entities"):]


def clean_message(text: str) -> str:
    """A visitor's message as the bot may read and store it (see the module docstring)."""
    return clean_command(clean_text(text))


def too_long(text: str) -> bool:
    return len(text) > MAX_MESSAGE_CHARS
