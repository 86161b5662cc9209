"""Thanks or a goodbye read where a message asks something.

"mi corte es en houston pero ya me mude a oklahoma, tengo que ir hasta alla?" reads
as a goodbye to a bag of words ("hasta" is a farewell's word), and a goodbye gets
"Cuídese" and nothing more. A question of several words is not a goodbye.
"""
from __future__ import annotations

import re

#: The readings that end a conversation without a matter (a greeting often opens a question: "Buenas, ¿están
#: contratando?", whose reading the greeting's handling keeps).
SMALL_TALK = ("goodbye", "thank")
#: The fewest words of a question that is not small talk ("bye?" and "thanks!?" stay).
ASKS_WORDS = 6


def misread(intent: str | None, text: str | None) -> bool:
    """Whether small talk read for ``text`` is a misreading: the message asks a question of several words."""
    return intent in SMALL_TALK and "?" in (text or "") and len(re.findall(r"\w+", text or "")) >= ASKS_WORDS
