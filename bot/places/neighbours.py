"""Which US states share a border: a town's state told by the place next door.

"ICE is at my mom's in Vancouver, Washington, I'm at work in Portland": of
the Portlands, only Oregon's borders Washington. Each border is written once
(``_BORDERS``) and read both ways.
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Iterable, Set

#: Each state with the states after it in this list that it borders (the Four Corners
#: touch at a point only, and are not counted).
_BORDERS = {
    "AL": "FL GA MS TN",
    "AR": "LA MO MS OK TN TX",
    "AZ": "CA NM NV UT",
    "CA": "NV OR",
    "CO": "KS NE NM OK UT WY",
    "CT": "MA NY RI",
    "DC": "MD VA",
    "DE": "MD NJ PA",
    "FL": "GA",
    "GA": "NC SC TN",
    "IA": "IL MN MO NE SD WI",
    "ID": "MT NV OR UT WA WY",
    "IL": "IN KY MO WI",
    "IN": "KY MI OH",
    "KS": "MO NE OK",
    "KY": "MO OH TN VA WV",
    "LA": "MS TX",
    "MA": "NH NY RI VT",
    "MD": "PA VA WV",
    "ME": "NH",
    "MI": "OH WI",
    "MN": "ND SD WI",
    "MO": "NE OK TN",
    "MS": "TN",
    "MT": "ND SD WY",
    "NC": "SC TN VA",
    "ND": "SD",
    "NE": "SD WY",
    "NH": "VT",
    "NJ": "NY PA",
    "NM": "OK TX",
    "NV": "OR UT",
    "NY": "PA VT",
    "OH": "PA WV",
    "OK": "TX",
    "OR": "WA",
    "PA": "WV",
    "SD": "WY",
    "TN": "VA",
    "UT": "WY",
    "VA": "WV",
}


def _both_ways() -> Dict[str, FrozenSet[str]]:
    pairs: Dict[str, Set[str]] = {}
    for state, others in _BORDERS.items():
        for other in others.split():
            pairs.setdefault(state, set()).add(other)
            pairs.setdefault(other, set()).add(state)
    return {state: frozenset(others) for state, others in pairs.items()}


NEIGHBOURS: Dict[str, FrozenSet[str]] = _both_ways()


def next_to(states: Iterable[str]) -> Set[str]:
    """The states that border any of ``states``."""
    return {n for state in states for n in NEIGHBOURS.get(state, ())}
