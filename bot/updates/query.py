"""Finding the posts for a visitor: gathers candidates from SQLite, ranks with ``ranking``.

This module decides nothing about relevance; see ``bot.updates.ranking`` for
the rule. It turns the visitor's words into an FTS5 query, fetches every post
that could qualify with the facts the rule needs (:func:`candidates`), and
fills in the display fields of the posts the rule keeps.
"""
from __future__ import annotations

import json
import os
import re
from datetime import date
from typing import Any, Dict, List, Optional

import sqlite_utils

from bot.updates import library, ranking
from bot.updates.ranking import Ranked

#: Words that carry no subject in a visitor's message (the query drops them).
STOPWORDS = frozenset(
    """
    a about above after again against all am an and any are as at be because been
    before being below between both but by can could did do does doing down during
    each few for from further get got had has have having he her here hers herself
    him himself his how i if in into is it its itself just know let me more most my
    myself need needs no nor not now of off on once only or other our ours out over
    own please same she should so some such than that the their theirs them then
    there these they this those through to too under until up very want was we were
    what when where which while who whom why will with would you your yours yourself
    hi hello thanks thank help question questions lawyer attorney immigration
    im ive dont cant us also still yet really one two
    today yesterday tomorrow morning night week weeks month months year years ago
    soon next last day days
    """.split()
)
MAX_TERMS = 16

#: Visitors' everyday words -> the words posts use for the same thing (added
#: to the query, never replacing what the visitor wrote).
LAY_TERMS = {
    "detained": "detention custody",
    "arrested": "detention custody",
    "picked up": "detained arrested detention",
    "taken": "detained arrested detention",
    "took": "detained arrested detention",
    "locked up": "detained",
    "jail": "detained custody",
    "deport": "removal",
    "deported": "removal removed",
    "deportation": "removal",
    "deportations": "removal",
    "kicked out": "removal",
    "papers": "documents status",
    "lottery": "selection registration",
    "raid": "enforcement",
    "green card": "permanent resident",
}
_LAY = [(re.compile(rf"\b{re.escape(k)}\b", re.I), v) for k, v in LAY_TERMS.items()]

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")  # letters and digits in any script, H-1B kept whole


def query_terms(text: Optional[str]) -> List[str]:
    """A visitor's subject words as quoted FTS5 phrases (at most ``MAX_TERMS``).

    Stop words are dropped and ``LAY_TERMS`` add the posts' words for what
    visitors say in their own ("picked up" -> detained, arrested). Every term
    is quoted, so nothing a visitor types is read as FTS syntax; hyphenated
    forms (``H-1B``, ``I-130``) stay one phrase.
    """
    if not text:
        return []
    extra = [words for pattern, words in _LAY if pattern.search(text)]
    terms: List[str] = []
    for word in _WORD.findall(" ".join([text] + extra)):
        lowered = word.lower()
        if lowered in STOPWORDS or (len(lowered) < 2 and not lowered.isdigit()):
            continue
        term = '"' + lowered.replace("-", " ") + '"'
        if term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def fts_query(text: Optional[str]) -> Optional[str]:
    """The FTS5 query for a visitor's words: :func:`query_terms` OR-ed; None if none."""
    return " OR ".join(query_terms(text)) or None


#: Cost cap of a search in a large library: the query keeps the visitor's
#: rarest words while the posts they appear in add up to at most this many
#: (the rarest word is always kept). Rare words carry almost all of bm25's
#: weight, and scoring every post that contains a common word is what would
#: make a search over 10,000 posts slow. Words found in more than half of the
#: posts are dropped too: bm25 gives them no weight. A library of at most
#: ``MATCH_BUDGET`` posts is never affected.
MATCH_BUDGET = 3000


def _within_budget(db: sqlite_utils.Database, terms: List[str]) -> List[str]:
    total = db.execute(f"SELECT count(*) FROM {library.POSTS}").fetchone()[0]
    if total <= MATCH_BUDGET or not terms:
        return terms
    docs = {
        term: db.execute(f"SELECT count(*) FROM {library.POSTS}_fts WHERE {library.POSTS}_fts MATCH ?", [term]).fetchone()[0]
        for term in terms
    }
    kept: set[str] = set()
    used = 0
    for term in sorted(terms, key=docs.__getitem__):
        if docs[term] > total / 2 or (kept and used + docs[term] > MATCH_BUDGET):
            continue
        kept.add(term)
        used += docs[term]
    return [term for term in terms if term in kept]


def default_today() -> date:
    """Today, or ``$INTAKE_TODAY`` (YYYY-MM-DD) when set (tests pin it)."""
    pinned = os.environ.get("INTAKE_TODAY")
    return date.fromisoformat(pinned) if pinned else date.today()


_LEVEL_NUMBERS = {"national": 1, "state": 2, "city": 3}
_LEVEL_NAMES = {n: level for level, n in _LEVEL_NUMBERS.items()}


def candidates(
    db: sqlite_utils.Database,
    situation: Optional[str],
    state: Optional[str] = None,
    city: Optional[str] = None,
    text: Optional[str] = None,
) -> List[ranking.Candidate]:
    """Every post that could be shown to this visitor, with the facts the rule needs.

    That is: the posts of the visitor's category that apply where they are
    (an index range scan of ``post_match``), and, when they wrote something,
    the posts that apply where they are and match their words well enough to
    be shown from another category (``ranking.min_outside_bm25``). bm25 is
    looked up for both.
    """
    allowed = ranking.allowed_jurisdictions(state, city)
    values = ", ".join("(?, ?)" for _ in allowed)
    allowed_params: List[Any] = []
    for key, level in allowed.items():
        allowed_params += [key, _LEVEL_NUMBERS[level]]
    # post_id -> [best level number, published, in the visitor's category]
    facts: Dict[int, List[Any]] = {
        post_id: [level, published, True]
        for post_id, level, published in db.execute(
            f"""WITH allowed(jkey, lvl) AS (VALUES {values})
            SELECT m.post_id, MAX(allowed.lvl), m.published
            FROM post_match m JOIN allowed ON m.jurisdiction = allowed.jkey
            WHERE m.category = ?
            GROUP BY m.post_id""",
            [*allowed_params, situation or ""],
        )
    }

    relevance: Dict[int, float] = {}
    terms = _within_budget(db, query_terms(text)) if text else []
    if terms:
        weights = ", ".join(str(w) for w in ranking.BM25_COLUMN_WEIGHTS)
        floor = ranking.min_outside_bm25()
        # bm25 of the posts of the category, and of the others that could qualify from outside it.
        relevance = dict(
            db.execute(
                f"""SELECT id, rel FROM (
                    SELECT rowid AS id, -bm25({library.POSTS}_fts, {weights}) AS rel
                    FROM {library.POSTS}_fts WHERE {library.POSTS}_fts MATCH ?
                ) WHERE rel >= ? OR id IN (SELECT value FROM json_each(?))""",
                [" OR ".join(terms), floor, json.dumps(list(facts))],
            )
        )
        outside = [post_id for post_id, rel in relevance.items() if rel >= floor and post_id not in facts]
        for start in range(0, len(outside), 500):
            chunk = outside[start : start + 500]
            rows = db.execute(
                f"""WITH allowed(jkey, lvl) AS (VALUES {values})
                SELECT m.post_id, MAX(allowed.lvl), m.published, MAX(m.category = ?)
                FROM post_match m JOIN allowed ON m.jurisdiction = allowed.jkey
                WHERE m.post_id IN ({', '.join('?' for _ in chunk)})
                GROUP BY m.post_id""",
                [*allowed_params, situation or "", *chunk],
            )
            for post_id, level, published, in_situation in rows:
                facts[post_id] = [level, published, bool(in_situation)]

    return [
        ranking.Candidate(post_id, published, in_situation, relevance.get(post_id), _LEVEL_NAMES[level])
        for post_id, (level, published, in_situation) in facts.items()
    ]


def _with_display(db: sqlite_utils.Database, ranked: List[ranking.Ranked]) -> List[ranking.Ranked]:
    """The ranked posts with their title, URL and summary filled in."""
    if not ranked:
        return []
    ids = [r.candidate.post_id for r in ranked]
    rows = {
        row[0]: row[1:]
        for row in db.execute(
            f"SELECT id, url, title, summary FROM {library.POSTS} WHERE id IN ({', '.join('?' for _ in ids)})", ids
        )
    }
    out = []
    for r in ranked:
        url, title, summary = rows[r.candidate.post_id]
        candidate = r.candidate._replace(url=url, title=title, summary=summary or "")
        out.append(Ranked(candidate, r.score, r.components))
    return out


def search(
    db: sqlite_utils.Database,
    situation: Optional[str],
    state: Optional[str] = None,
    city: Optional[str] = None,
    text: Optional[str] = None,
    limit: Optional[int] = 3,
    today: Optional[date] = None,
) -> List[ranking.Ranked]:
    """Ranked posts with their score components (what ``intake updates search`` prints)."""
    library.ensure_schema(db)
    found = candidates(db, situation, state, city, text)
    ranked = ranking.rank(found, situation, today or default_today(), limit)
    return _with_display(db, ranked)


def for_visitor(
    db: sqlite_utils.Database,
    situation: Optional[str],
    state: Optional[str] = None,
    city: Optional[str] = None,
    text: Optional[str] = None,
    limit: int = 3,
    today: Optional[date] = None,
) -> List[Dict[str, Any]]:
    """Up to ``limit`` posts for a visitor, best first, as dicts.

    Each has ``title``, ``url``, ``published`` (ISO date), ``summary`` and
    ``score``. Empty when no post fits: the conversation then says nothing
    about posts.
    """
    return [r.as_dict() for r in search(db, situation, state, city, text, limit, today)]
