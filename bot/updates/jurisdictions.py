"""Jurisdiction labels of posted updates: ``US``, a USPS state code, or ``City, ST``.

A post's ``jurisdictions`` list says where its content applies:

- ``US``: national (federal law, USCIS/ICE/DHS policy, executive orders);
- ``IL``: a state's law or policy (USPS code, territories and DC included);
- ``Chicago, IL``: a city's (or county's) policy, always with its state. A post
  about a city lists the state too, so ``["Chicago, IL", "IL"]``.

Labels are compared case-insensitively through :func:`key`.
"""
from __future__ import annotations

import re
from typing import Iterable, List

NATIONAL = "US"

#: USPS codes of the states, DC and the territories.
STATE_CODES = frozenset(
    """
    AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO
    MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY
    DC PR GU VI AS MP
    """.split()
)

_CITY = re.compile(r"^\s*(?P<city>[^,]+?)\s*,\s*(?P<state>[A-Za-z]{2})\s*$")


def normalize(label: str) -> str:
    """Canonical spelling of a label; raises ``ValueError`` for anything else.

    ``"us"`` -> ``"US"``, ``"il"`` -> ``"IL"``, ``"chicago,il"`` -> ``"Chicago, IL"``
    (a city keeps its capitalisation when it has any).
    """
    if not isinstance(label, str) or not label.strip():
        raise ValueError(f"empty jurisdiction {label!r}")
    text = label.strip()
    if text.upper() in (NATIONAL, "USA", "U.S.", "NATIONAL"):
        return NATIONAL
    if text.upper() in STATE_CODES:
        return text.upper()
    match = _CITY.match(text)
    if match and match["state"].upper() in STATE_CODES:
        city = " ".join(match["city"].split())
        if city.islower():
            city = city.title()
        return f"{city}, {match['state'].upper()}"
    raise ValueError(
        f"unknown jurisdiction {label!r} (expected US, a state code such as IL, or 'City, ST')"
    )


def normalize_all(labels: Iterable[str]) -> List[str]:
    """Normalised labels, deduplicated, each city followed by its state when missing."""
    out: List[str] = []
    for label in labels:
        canonical = normalize(label)
        candidates = [canonical]
        if "," in canonical:
            candidates.append(canonical.rsplit(",", 1)[1].strip())
        for item in candidates:
            if key(item) not in {key(x) for x in out}:
                out.append(item)
    return out


#: City spellings that name the same place as another (compared in lower case).
CITY_ALIASES = {"new york city": "new york", "nyc": "new york", "washington dc": "washington"}
_ABBREVIATIONS = [(re.compile(r"^st\.?\s+"), "saint "), (re.compile(r"^ft\.?\s+"), "fort "), (re.compile(r"^mt\.?\s+"), "mount ")]


def key(label: str) -> str:
    """The comparison key of a label: lower case, single spaces (``"chicago, il"``).

    City spellings are folded (``St. Louis`` = ``Saint Louis``, ``New York
    City`` = ``New York``) so that a visitor's city matches a post's.
    """
    text = " ".join(label.replace(",", ", ").split()).lower()
    if "," not in text:
        return text
    city, state = text.rsplit(",", 1)
    city = city.strip()
    for pattern, replacement in _ABBREVIATIONS:
        city = pattern.sub(replacement, city)
    city = CITY_ALIASES.get(city, city)
    return f"{city}, {state.strip()}"


def city_label(city: str, state: str) -> str:
    """``("Chicago", "IL")`` -> ``"Chicago, IL"``."""
    return f"{' '.join(city.split())}, {state.strip().upper()}"


def level(label: str) -> str:
    """``"national"``, ``"state"`` or ``"city"``."""
    if label == NATIONAL:
        return "national"
    return "city" if "," in label else "state"
