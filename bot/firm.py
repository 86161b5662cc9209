"""The firm profile (``firm.yml``): what a firm customises instead of code."""
from __future__ import annotations

from dataclasses import MISSING, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml

from bot import settings


@dataclass(frozen=True)
class Firm:
    name: str
    short_name: str
    phone: str
    phone_display: str
    email: str
    website_origin: str
    allowed_origins: List[str]
    time_zone: str
    office_hours_text: str
    disclaimer: str
    consent_question: str
    assistant_name: str = "the assistant"
    consultation_fee: str = ""
    retention_days: int = 365
    resources_checked: str = ""
    resources: Dict[str, Dict[str, Any]] = field(default_factory=dict)
    crisis_lines: Dict[str, str] = field(default_factory=dict)
    attorneys: List[Dict[str, Any]] = field(default_factory=list)
    booking: Dict[str, Any] = field(default_factory=dict)
    office_hours: Dict[str, List[str]] = field(default_factory=dict)
    #: Dates (YYYY-MM-DD) the office is closed on a day it would be open.
    closed_days: List[str] = field(default_factory=list)
    #: Who is alerted about urgent intakes, and when: see bot.alerts.oncall.
    on_call: Dict[str, Any] = field(default_factory=dict)
    #: The chat widget's colours and opening message: see web.site.widget_settings.
    widget: Dict[str, Any] = field(default_factory=dict)
    offices: List[Dict[str, Any]] = field(default_factory=list)
    #: The firm's own wording in Spanish: office_hours_text, disclaimer, consent_question, consultation_fee.
    spanish: Dict[str, str] = field(default_factory=dict)
    # Deployment settings (the environment overrides them): see bot.settings.deployment.
    environment: Optional[str] = None
    secure_cookies: Optional[bool] = None
    trusted_proxies: List[str] = field(default_factory=list)

    @property
    def contact_line(self) -> str:
        """'call us at ... (hours)': the line every fallback ends with."""
        return f"{self.phone_display} ({self.office_hours_text})"


_FIELDS = set(Firm.__dataclass_fields__)


def load_firm(path: Optional[Path] = None) -> Firm:
    """Read and check a firm profile; raises ``ValueError`` naming a missing field."""
    path = Path(path or settings.firm_profile_path())
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    required = [
        name
        for name, f in Firm.__dataclass_fields__.items()
        if f.default is MISSING and f.default_factory is MISSING
    ]
    missing = [name for name in required if not raw.get(name)]
    if missing:
        raise ValueError(f"{path}: missing {', '.join(missing)}")
    profile = Firm(**{k: v for k, v in raw.items() if k in _FIELDS})
    from bot.alerts import oncall  # checked here so a mistake stops `make` and start-up, not the first alert

    try:
        oncall.load(profile)
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from None
    return profile


@lru_cache(maxsize=1)
def firm() -> Firm:
    """The firm profile of this deployment, read once per process."""
    return load_firm()


def deployment() -> settings.Deployment:
    """This deployment's settings (environment first, then ``firm.yml``): see ``bot.settings.deployment``."""
    return settings.deployment(firm())


#: The firm's own texts that have a Spanish version in ``firm.yml``'s ``spanish:``.
SPANISH_TEXTS = {
    "firm_hours": "office_hours_text",
    "firm_disclaimer": "disclaimer",
    "firm_consent_question": "consent_question",
    "firm_consultation_fee": "consultation_fee",
}

#: Said before a firm text that has no Spanish version, so a Spanish visitor knows why.
ONLY_IN_ENGLISH = "(Esta parte solo está disponible en inglés.)"


def _spanish(f: Firm, english: Dict[str, str]) -> Dict[str, str]:
    out = {}
    for slot, key in SPANISH_TEXTS.items():
        given = " ".join(str(f.spanish.get(key) or "").split())
        if slot == "firm_hours":
            out[f"{slot}_es"] = given or english[slot]  # days and times read in either language
        elif slot == "firm_consultation_fee" and not given and not f.consultation_fee.strip():
            out[f"{slot}_es"] = f"Nuestro equipo le puede informar sobre el costo de la consulta: llámenos al {f.phone_display}."
        else:
            out[f"{slot}_es"] = given or f"{ONLY_IN_ENGLISH} {english[slot]}"
    return out


#: Firm facts that responses interpolate, as ``{slot}`` placeholders.
def response_slots(f: Firm) -> Dict[str, str]:
    """Slot name -> value for the firm facts the assistant's responses mention."""
    english = _english_slots(f)
    return {**english, **_spanish(f, english)}


def _english_slots(f: Firm) -> Dict[str, str]:
    return {
        "firm_name": f.name,
        "firm_phone": f.phone_display,
        "firm_hours": f.office_hours_text,
        "firm_disclaimer": " ".join(f.disclaimer.split()),
        "firm_consent_question": " ".join(f.consent_question.split()),
        "assistant_name": f.assistant_name,
        "firm_consultation_fee": " ".join(f.consultation_fee.split())
        or f"Our team can tell you about consultation fees: call us at {f.contact_line}.",
    }


def domain_fragment(f: Firm) -> Dict[str, Any]:
    """A Rasa domain file declaring the firm slots with the profile's values.

    Generated by ``make`` into ``domain/firm_profile.yml`` so that even the
    first reply (and every reply while the action server is down) names the
    right firm and phone number without a round trip to the action server.
    """
    return {
        "version": "3.1",
        "slots": {
            name: {
                "type": "text",
                "initial_value": value,
                "influence_conversation": False,
                "mappings": [{"type": "custom"}],
            }
            for name, value in response_slots(f).items()
        },
    }


if __name__ == "__main__":  # python -m bot.firm domain > domain/firm_profile.yml
    import sys

    if sys.argv[1:] != ["domain"]:
        sys.exit("usage: python -m bot.firm domain")
    sys.stdout.write("# Generated from firm.yml by `python -m bot.firm domain`; do not edit.\n")
    yaml.safe_dump(domain_fragment(load_firm()), sys.stdout, sort_keys=False, allow_unicode=True, width=1000)
