"""Which posted updates a visitor sees, and in what order: the whole rule.

Everything that decides ranking lives in this module; ``query.py`` only
gathers each candidate's facts from the database (is it in the visitor's
situation category, its FTS5 bm25 relevance to the visitor's words, the best
jurisdiction it shares with the visitor, its published date).

The rule (:func:`match_keys` and :func:`rank`)
----------------------------------------------
1. **Jurisdiction decides whether a post may be shown at all.** A post applies
   to a visitor at the level of the best match:

   - *city*: the post names the visitor's city (``"Chicago, IL"``);
   - *state*: the post names the visitor's state (``"IL"``) and no city in it;
   - *national*: the post is tagged ``"US"``.

   A city narrows its state: a post tagged ``["Chicago, IL", "IL"]`` is about
   Chicago and is not shown to a visitor in Springfield, IL (nor to one whose
   city is unknown). A post about another state's or another city's law is
   never shown, so it is never presented as if it applied to the visitor. A
   visitor whose state is unknown, or who is outside the US, sees national
   posts only.
2. **Subject decides too.**

   - A post in the visitor's situation category may be shown.
   - A post in another category may be shown only when the visitor's words
     point at it: text score at least ``STRONG_TEXT`` *and* bm25 at least
     ``OUTSIDE_MARGIN`` times that of the best-matching post in the category.
     A post in another category that the words match weakly, or not at all,
     is never shown.
   - ``other`` (``CATCH_ALL``) names no subject, so for a visitor in
     ``other`` only their words can select a post: posts filed under
     ``other`` also need a text score of at least ``STRONG_TEXT`` (and serve
     as the reference of the margin above for the posts filed elsewhere).
   - **Focus:** when the best of the posts allowed so far has a text score of
     at least ``FOCUS_TEXT``, posts whose bm25 is below ``FOCUS_RATIO`` times
     that best one are dropped as off-topic (a visitor asking about TPS is not
     shown the DACA post just because both are filed under ``humanitarian``).
     Without visitor text, or when nothing matches it well, the whole
     category stays.
3. **Score** (0..1) = weighted sum of four components, each 0..1::

       situation     1 if the post is in the visitor's category, else 0
       text          bm25 / (bm25 + TEXT_HALF)       (0 without text or match)
       jurisdiction  city 1.0 > state 0.5 > national 0.0
       recency       0.5 ** (age in days / RECENCY_HALF_LIFE_DAYS)

   with ``WEIGHTS``. One jurisdiction level is worth 0.1 of score, more than
   recency can ever add (0.1 x a value below 1): a newer post never outranks
   a more local one that matches as well. bm25 is SQLite FTS5's score (sign flipped so that higher
   is better) with title, summary and body weighted ``BM25_COLUMN_WEIGHTS``.
4. **Order**: score, then the newer post, then the older row (stable). Recency is a
   component of the score, so of two posts on the same subject (same
   category, jurisdiction and text match) the older one ranks below the newer
   one.
5. At most ``limit`` posts; an empty list when nothing qualifies (the
   conversation then says nothing about posts).

Calibration
-----------
The thresholds are in bm25 units (through ``TEXT_HALF``). They were set on
the sample library (``content/posts``, tens of posts) and checked against the
labelled queries of ``tests/data/updates_relevance.yml`` with
``scripts/bench_updates.py``; neighbouring values give about the same
precision. bm25 weighs a word by its rarity in the library, so in a very
small library (a handful of posts) no match counts as strong, and in a much
larger one more matches do: re-run the benchmark after a big change to the
library.
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from datetime import date
from typing import Dict, Iterable, List, NamedTuple, Optional

from bot.updates import jurisdictions as jur

#: Weights of the score components (they sum to 1).
WEIGHTS: Dict[str, float] = {"situation": 0.40, "text": 0.30, "jurisdiction": 0.20, "recency": 0.10}
#: Jurisdiction component by level of the best match.
JURISDICTION_LEVELS: Dict[str, float] = {"city": 1.0, "state": 0.5, "national": 0.0}
#: bm25 relevance at which the text component is 0.5.
TEXT_HALF = 4.0
#: Text score of a strong match (about bm25 6 with TEXT_HALF 4).
STRONG_TEXT = 0.6
#: A post outside the visitor's category needs this many times the best in-category bm25.
OUTSIDE_MARGIN = 1.5
#: Text score of the best post from which the ranking focuses on the visitor's words.
FOCUS_TEXT = 0.5
#: When focused, posts below this share of the best bm25 are dropped.
FOCUS_RATIO = 0.6
#: The situation category that names no subject.
CATCH_ALL = "other"
#: Age at which the recency component halves.
RECENCY_HALF_LIFE_DAYS = 365
#: FTS5 bm25 weights of (title, summary, body).
BM25_COLUMN_WEIGHTS = (3.0, 2.0, 1.0)
#: Bump when :func:`match_keys` changes: the stored match index is then rebuilt.
MATCH_RULE_VERSION = "3"


class Candidate(NamedTuple):
    """What the database knows about one post for one query."""

    post_id: int
    published: str
    in_situation: bool
    bm25: Optional[float]  # higher is better; None when the text does not match
    level: str  # "city", "state" or "national"
    # Shown, not ranked on: filled in for the posts that are returned.
    url: str = ""
    title: str = ""
    summary: str = ""


@dataclass(frozen=True)
class Ranked:
    """A candidate with its score and the components that made it."""

    candidate: Candidate
    score: float
    components: Dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> Dict[str, object]:
        c = self.candidate
        return {
            "title": c.title,
            "url": c.url,
            "published": c.published,
            "summary": c.summary,
            "score": round(self.score, 4),
        }


def match_keys(labels: Iterable[str]) -> List[str]:
    """The keys under which visitors can match a post's jurisdictions (rule 1).

    Every city and ``US`` count; a state counts only when the post names no
    city in that state (a city narrows its state).
    """
    labels = list(labels)
    city_states = {label.rsplit(",", 1)[1].strip().upper() for label in labels if "," in label}
    keys = []
    for label in labels:
        if "," not in label and label != jur.NATIONAL and label.upper() in city_states:
            continue
        keys.append(jur.key(label))
    return list(dict.fromkeys(keys))


def allowed_jurisdictions(state: Optional[str], city: Optional[str]) -> Dict[str, str]:
    """Jurisdiction keys that apply to a visitor -> level (rule 1)."""
    allowed = {jur.key(jur.NATIONAL): "national"}
    state_code = (state or "").strip().upper()
    if state_code in jur.STATE_CODES:
        allowed[jur.key(state_code)] = "state"
        if city and city.strip():
            allowed[jur.key(jur.city_label(city, state_code))] = "city"
    return allowed


def min_outside_bm25() -> float:
    """The bm25 below which a post outside the visitor's category cannot be shown (rule 2)."""
    return TEXT_HALF * STRONG_TEXT / (1 - STRONG_TEXT)


def text_score(bm25: Optional[float]) -> float:
    if not bm25 or bm25 <= 0:
        return 0.0
    return bm25 / (bm25 + TEXT_HALF)


def recency_score(published: str, today: date) -> float:
    """0.5 ** (age in days / half-life); 1 for today or a future date, 0 without a date."""
    day = _ordinal(published)
    return 0.5 ** (max(today.toordinal() - day, 0) / RECENCY_HALF_LIFE_DAYS) if day else 0.0


def rank(
    candidates: Iterable[Candidate], situation: Optional[str], today: date, limit: Optional[int] = 3
) -> List[Ranked]:
    """Apply the rule above to the candidates of one query; best first."""
    pool = [c for c in candidates if c.level in JURISDICTION_LEVELS]  # rule 1
    strong_bm25 = min_outside_bm25()  # text_score(bm25) >= STRONG_TEXT

    best_inside = max((c.bm25 or 0.0 for c in pool if c.in_situation), default=0.0)
    allowed = [
        c
        for c in pool
        if (c.in_situation and (situation != CATCH_ALL or (c.bm25 or 0.0) >= strong_bm25))
        or ((c.bm25 or 0.0) >= strong_bm25 and (c.bm25 or 0.0) >= OUTSIDE_MARGIN * best_inside)
    ]  # rule 2
    best = max((c.bm25 or 0.0 for c in allowed), default=0.0)
    if text_score(best) >= FOCUS_TEXT:  # rule 2, focus
        allowed = [c for c in allowed if (c.bm25 or 0.0) >= FOCUS_RATIO * best]

    w = WEIGHTS
    scored = []
    for c in allowed:
        day = _ordinal(c.published)
        recency = recency_score(c.published, today)
        text = text_score(c.bm25)
        score = (
            w["situation"] * (1.0 if c.in_situation else 0.0)
            + w["text"] * text
            + w["jurisdiction"] * JURISDICTION_LEVELS[c.level]
            + w["recency"] * recency
        )
        scored.append((-score, -day, c.post_id, c, text, recency))  # rule 4
    top = sorted(scored) if limit is None else heapq.nsmallest(limit, scored)
    return [
        Ranked(
            c,
            -neg_score,
            {
                "situation": 1.0 if c.in_situation else 0.0,
                "text": text,
                "jurisdiction": JURISDICTION_LEVELS[c.level],
                "recency": recency,
            },
        )
        for neg_score, _, _, c, text, recency in top
    ]


def _ordinal(published: str) -> int:
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return 0
