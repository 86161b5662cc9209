"""Texting shorthand spelled out for the intent classifier ("do u help" is "do you help").

A lone "u" is the commonest word of a phone message and, to a bag of words, the
letter of the U visa: "u there?" read as a humanitarian matter. The classifier
reads the message with the shorthand spelled out; the message itself is kept
as typed. "u visa", "visa u" and "U-visa" keep their letter.
"""
from __future__ import annotations

import re

_SHORTHAND = [
    (re.compile(r"(?<![\w.-])(?<!visa )u(?![\w.-])(?!\s*-?\s*visas?\b)", re.IGNORECASE), "you"),
    (re.compile(r"(?<![\w-])ur(?![\w-])", re.IGNORECASE), "your"),
    (re.compile(r"(?<![\w-])(?:pls|plz|plis)(?![\w-])", re.IGNORECASE), "please"),
]


def spelled_out(text: str) -> str:
    """``text`` with texting shorthand written as words."""
    for pattern, words in _SHORTHAND:
        text = pattern.sub(words, text)
    return text
