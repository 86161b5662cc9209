"""Small talk read where a message asks something (bot/small_talk.py)."""
import pytest

from bot import small_talk


@pytest.mark.parametrize("intent, text, misread", [
    ("goodbye", "mi corte es en houston pero ya me mude a oklahoma, tengo que ir hasta alla?", True),
    ("thank", "thank you so much, when will someone call me back?", True),
    ("goodbye", "ok bye, thanks for everything", False),  # no question
    ("goodbye", "bye?", False),  # a few words
    ("situation_removal", "mi corte es en houston pero ya me mude a oklahoma, tengo que ir hasta alla?", False),
])
def test_a_question_of_several_words_is_not_small_talk(intent, text, misread):
    assert small_talk.misread(intent, text) is misread
