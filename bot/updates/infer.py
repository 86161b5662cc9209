"""Categories and jurisdictions of a post whose source does not give them.

Categories: a keyword scorer
----------------------------
Each situation category (``bot.situations.CATEGORIES``) has a lexicon of words
and phrases with weights (``LEXICON``). A post's score for a category is the
sum, over lexicon entries, of ``weight x occurrences``, with occurrences in the
title counted ``FIELD_WEIGHTS["title"]`` times, in the summary
``FIELD_WEIGHTS["summary"]`` times and in the body once. A post gets every
category that scores at least ``MIN_SCORE`` and at least ``RELATIVE`` times
the best category's score, at most ``MAX_CATEGORIES`` of them, best first; a
post that reaches no category is ``["other"]``. Entries written in capitals
(``ICE``, ``TPS``) match only in capitals, so "ice" in "notice" or "advice"
counts for nothing; the others match in any case, on word boundaries, with an
optional plural ``s``.

Jurisdictions: places
---------------------
Places are found with the project's spaCy pipeline (``bot.places.pipeline``:
entities labelled ``place``) and resolved with ``bot.places.resolver.resolve``.
A US city adds ``"City, ST"`` and ``"ST"``; a US state adds ``"ST"``;
places outside the US (a TPS country, "Remain in Mexico") and the country
itself add nothing. A place counts when the title or summary names it, or
when the body names it at least ``MIN_BODY_MENTIONS`` times: a passing
mention ("see our post on the Texas ruling") does not make a national post
local. A post left with no US state or city is national: ``["US"]``.
Sentences that mention the firm itself (its name, short name, phone or
email) are skipped, so "call our Chicago office" does not make every post a
Chicago post. A city written in lower case in the post ("a standard Illinois
license") is not taken as a city: posts are edited prose and capitalise
place names.

The inference is a default for sources that give nothing: front matter (or a
feed's categories) always wins, and every post records how its categories and
jurisdictions were set.
"""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Dict, Iterable, List, Optional, Sequence, Tuple

from bot.situations import CATEGORIES
from bot.updates import jurisdictions as jur

if TYPE_CHECKING:
    from spacy.language import Language

#: Bump when the lexicon or the rules change: posts whose categories or
#: jurisdictions were inferred are then re-inferred on the next import.
INFER_VERSION = "1"

FIELD_WEIGHTS = {"title": 3, "summary": 2, "body": 1}
MIN_BODY_MENTIONS = 2
MIN_SCORE = 4.0
RELATIVE = 0.4
MAX_CATEGORIES = 3

LEXICON: Dict[str, Dict[str, float]] = {
    "detention": {
        "detained": 2, "detention": 2, "detention center": 3, "detainee": 2,
        "in custody": 2, "ICE custody": 3, "detainee locator": 3, "locator": 1,
        "bond": 2, "bond hearing": 3, "immigration bond": 3, "released from custody": 2,
        "transferred": 1, "processing center": 2, "held by ICE": 3, "arrested by ICE": 2,
    },
    "removal": {
        "removal": 1, "removal proceedings": 3, "deportation": 2, "deported": 2,
        "immigration court": 3, "immigration judge": 2, "Notice to Appear": 3, "NTA": 2,
        "hearing": 1, "in absentia": 3, "removal order": 3, "order of removal": 3,
        "expedited removal": 3, "mass removal": 3, "check-in": 2, "MPP": 3,
        "Remain in Mexico": 3, "voluntary departure": 3, "cancellation of removal": 3,
        "EOIR": 2, "motion to reopen": 3, "appeal": 1, "BIA": 2,
    },
    "enforcement": {
        "ICE agents": 3, "agents": 1, "raid": 3, "enforcement": 2, "immigration enforcement": 3,
        "warrant": 2, "judicial warrant": 3, "administrative warrant": 3,
        "know your rights": 4, "remain silent": 3, "right to remain silent": 3,
        "sanctuary": 3, "Trust Act": 3, "detainer": 2, "police": 2,
        "287(g)": 3, "protected areas": 3, "arrest": 2, "checkpoint": 2, "door": 1,
        "illegal entry": 2, "border": 1, "Border Patrol": 2,
        "cooperation with ICE": 3, "cooperate with federal": 2, "Values Act": 3,
    },
    "humanitarian": {
        "asylum": 3, "asylum seeker": 3, "refugee": 2, "persecution": 2, "TPS": 3,
        "Temporary Protected Status": 4, "DACA": 4, "Deferred Action": 3, "Dreamers": 2,
        "humanitarian parole": 3, "parole": 1, "U visa": 4, "T visa": 4, "VAWA": 4,
        "SIJS": 4, "Special Immigrant Juvenile": 4, "withholding of removal": 3,
        "Convention Against Torture": 3, "crime victim": 2, "re-registration": 2,
    },
    "family": {
        "marriage": 3, "married": 2, "spouse": 3, "husband": 1, "wife": 1, "fiancé": 3,
        "fiance": 3, "K-1": 3, "I-130": 4, "I-485": 2, "I-751": 4, "I-601A": 3,
        "family-based": 4, "petition for a relative": 4, "relative petition": 4,
        "immediate relative": 3, "parents": 1, "siblings": 2, "conditional residence": 3,
        "consular processing": 2, "green card through marriage": 4, "marriage-based": 4,
        "affidavit of support": 3, "family": 1,
    },
    "employment": {
        "H-1B": 4, "work visa": 4, "employer": 2, "employers": 2, "employment-based": 4,
        "PERM": 3, "labor certification": 3, "I-9": 3, "E-Verify": 3, "L-1": 3, "O-1": 3,
        "TN": 2, "H-2A": 3, "H-2B": 3, "sponsor": 2, "sponsorship": 2, "specialty occupation": 3,
        "cap registration": 3, "lottery": 1, "workplace": 1, "worksite": 2, "payroll": 1,
    },
    "citizenship": {
        "citizenship": 2, "naturalization": 4, "naturalize": 3, "N-400": 4, "N-600": 4,
        "civics test": 4, "English test": 2, "oath ceremony": 3, "Oath of Allegiance": 3,
        "birthright citizenship": 5, "citizen at birth": 3, "Fourteenth Amendment": 3,
        "14th Amendment": 3, "Citizenship Clause": 3, "certificate of citizenship": 4,
        "continuous residence": 2, "physical presence": 1,
    },
    "other": {
        "notario": 4, "notarios": 4, "scam": 3, "fraud": 2, "driver's license": 3,
        "drivers license": 3, "travel": 1, "travelling": 1, "traveling": 1, "consultation": 1,
        "fee": 1, "fees": 1,
    },
}

assert set(LEXICON) == set(CATEGORIES), "every situation category needs a lexicon"


def _pattern(term: str) -> Tuple[re.Pattern[str], bool]:
    case_sensitive = term.upper() == term and any(ch.isalpha() for ch in term)
    body = re.escape(term).replace(r"\ ", r"[\s-]+")
    # Word boundaries that also work next to punctuation such as "287(g)".
    regex = rf"(?<![\w-]){body}(?:s|es)?(?![\w-])" if term[-1].isalnum() else rf"(?<![\w-]){body}"
    return re.compile(regex, 0 if case_sensitive else re.IGNORECASE), case_sensitive


_PATTERNS: Dict[str, List[Tuple[re.Pattern[str], float]]] = {
    category: [(_pattern(term)[0], weight) for term, weight in terms.items()]
    for category, terms in LEXICON.items()
}


def category_scores(title: str, summary: str = "", body: str = "") -> Dict[str, float]:
    """Score of every category for a post (see the module docstring)."""
    fields = {"title": title or "", "summary": summary or "", "body": body or ""}
    scores: Dict[str, float] = {}
    for category, patterns in _PATTERNS.items():
        total = 0.0
        for pattern, weight in patterns:
            for name, text in fields.items():
                if text:
                    total += weight * FIELD_WEIGHTS[name] * len(pattern.findall(text))
        scores[category] = total
    return scores


def infer_categories(title: str, summary: str = "", body: str = "") -> List[str]:
    """The situation categories of a post, best first; ``["other"]`` when none fits."""
    scores = category_scores(title, summary, body)
    top = max(scores.values(), default=0.0)
    chosen = [
        c
        for c, s in sorted(scores.items(), key=lambda item: -item[1])
        if s >= MIN_SCORE and s >= RELATIVE * top
    ][:MAX_CATEGORIES]
    return chosen or ["other"]


# --- places -----------------------------------------------------------------

#: ``finder(text) -> [place, ...]``: each place has ``country_code``, ``state``, ``city``.
PlaceFinder = Callable[[str], Sequence[object]]


class PlacesUnavailable(RuntimeError):
    """The place pipeline or resolver cannot be loaded."""


@lru_cache(maxsize=1)
def _pipeline() -> Language:
    try:
        from bot.places import pipeline
    except ImportError as exc:  # pragma: no cover - depends on the checkout
        raise PlacesUnavailable(f"bot.places.pipeline is not available ({exc})") from exc
    try:
        return pipeline.load()
    except Exception as exc:  # noqa: BLE001 - any load failure is reported the same way
        raise PlacesUnavailable(f"the place pipeline could not be loaded ({exc}); run `make` to build it") from exc


def spacy_places(text: str) -> List[object]:
    """Places the project's pipeline finds in ``text``, resolved (unresolved ones dropped)."""
    try:
        from bot.places import resolver
    except ImportError as exc:  # pragma: no cover - depends on the checkout
        raise PlacesUnavailable(f"bot.places.resolver is not available ({exc})") from exc
    nlp = _pipeline()
    found: List[object] = []
    for ent in nlp(text).ents:
        if ent.label_.lower() != "place":
            continue
        place = resolver.resolve(ent.text)
        if place is None:
            continue
        city = place.city
        if city and city.lower() in ent.text.lower() and city not in ent.text:
            # "a standard Illinois license": a common word, not the town of Standard.
            place = dataclasses.replace(place, city=None)
        found.append(place)
    return found


_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def _firm_markers() -> List[str]:
    try:
        from bot.firm import firm

        profile = firm()
    except Exception:  # noqa: BLE001 - no profile: nothing to skip
        return []
    markers = [profile.name, profile.short_name, profile.phone_display, profile.email]
    return [m.lower() for m in markers if m]


def place_text(title: str, summary: str, body: str, skip_markers: Optional[Iterable[str]] = None) -> str:
    """The text searched for places: sentences that mention the firm itself left out."""
    markers = [m.lower() for m in (_firm_markers() if skip_markers is None else skip_markers)]
    sentences = []
    for part in (title, summary, body):
        for sentence in _SENTENCE.split(part or ""):
            if sentence.strip() and not any(m in sentence.lower() for m in markers):
                sentences.append(sentence.strip())
    return "\n".join(sentences)


def _count(found: Iterable[object]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for place in found:
        if (getattr(place, "country_code", None) or "").upper() != "US":
            continue
        state = (getattr(place, "state", None) or "").upper()
        if state not in jur.STATE_CODES:
            continue
        city = getattr(place, "city", None)
        if city:
            counts[jur.city_label(city, state)] += 1
        counts[state] += 1
    return counts


def jurisdictions_from_places(head: Iterable[object], body: Iterable[object] = ()) -> List[str]:
    """Jurisdiction labels from the places of a post's title and summary (``head``) and body.

    Rule in the module docstring. Cities come first, then states, each by how
    often the post names it.
    """
    head_counts, body_counts = _count(head), _count(body)
    counts = {
        label: head_counts[label] + body_counts[label]
        for label in set(head_counts) | set(body_counts)
        if head_counts[label] or body_counts[label] >= MIN_BODY_MENTIONS
    }
    labels = sorted(counts, key=lambda label: ("," not in label, -counts[label], label))
    return jur.normalize_all(labels) if labels else [jur.NATIONAL]


def infer_jurisdictions(
    title: str, summary: str = "", body: str = "", finder: Optional[PlaceFinder] = None
) -> List[str]:
    """Where a post applies: its US states and cities, or ``["US"]`` when it names none."""
    finder = finder or spacy_places
    head = place_text(title, summary, "")
    rest = place_text("", "", body)
    return jurisdictions_from_places(finder(head) if head else [], finder(rest) if rest else [])
