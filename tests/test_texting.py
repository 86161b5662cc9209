"""Texting shorthand spelled out for the intent classifier (bot.texting)."""
import pytest

from bot import texting


@pytest.mark.parametrize("typed, read", [
    ("do u help with work visas", "do you help with work visas"),
    ("u there?", "you there?"),
    ("can u look at ur email pls", "can you look at your email please"),
    # the U visa keeps its letter
    ("can i get a u visa", "can i get a u visa"),
    ("i applied for the U-visa", "i applied for the U-visa"),
    ("tengo la visa u", "tengo la visa u"),
    ("u visas for crime victims", "u visas for crime victims"),
    # letters inside words and codes are not words
    ("my i-130 and u.s. citizen", "my i-130 and u.s. citizen"),
])
def test_shorthand_is_spelled_out_but_the_u_visa_is_kept(typed, read):
    assert texting.spelled_out(typed) == read
