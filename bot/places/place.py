"""A resolved place, and how any place is written for people to read ("Chicago, IL")."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple

from bot.places.names import US

UNITED_STATES = "United States"


def label(
    country: Optional[str],
    city: Optional[str] = None,
    state: Optional[str] = None,
    state_name: Optional[str] = None,
    county: Optional[str] = None,
) -> str:
    """How a place is shown to the visitor and to staff: "Chicago, IL", "Cook County, IL",
    "Texas", "Toronto, Canada", "Portland" (a city whose state is not known yet).

    ``country`` is the country's name (``Place.country``, the ``country`` slot);
    ``state`` a USPS code.  The one place this wording is decided.
    """
    if country and country != UNITED_STATES:
        return ", ".join(p for p in (city, country) if p)
    if city and state:
        return f"{city}, {state}"
    if county and state:
        return f"{county}, {state}"
    return city or state_name or state or country or ""


@dataclass(frozen=True)
class Place:
    """A resolved place.  ``state`` is a USPS code (None outside the US or when ambiguous)."""

    country: str
    country_code: str
    state: Optional[str] = None
    state_name: Optional[str] = None
    city: Optional[str] = None
    county: Optional[str] = None
    zip: Optional[str] = None
    matched: str = ""
    method: str = "exact"  # "exact" | "nickname" | "zip" | "fuzzy"
    candidates: Tuple[str, ...] = ()

    @property
    def in_us(self) -> bool:
        return self.country_code == US

    @property
    def ambiguous(self) -> bool:
        return bool(self.candidates)

    @property
    def label(self) -> str:
        """Short display form (:func:`label`)."""
        return label(self.country, self.city, self.state, self.state_name, self.county)
