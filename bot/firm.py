"""The firm profile (``firm.yml``): what a firm customises instead of code."""
from __future__ import annotations

from dataclasses import MISSING, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml

from bot import language, settings


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
    for name, key in SPANISH_TEXTS.items():
        given = " ".join(str(f.spanish.get(key) or "").split())
        if name == "firm_hours":
            out[f"{name}_es"] = given or english[name]  # days and times read in either language
        elif name == "firm_consultation_fee" and not given and not f.consultation_fee.strip():
            out[f"{name}_es"] = f"Nuestro equipo le puede informar sobre el costo de la consulta: llámenos al {f.phone_display}."
        else:
            out[f"{name}_es"] = given or f"{ONLY_IN_ENGLISH} {english[name]}"
    return out


def response_values(f: Firm) -> Dict[str, str]:
    """Placeholder -> value for the firm facts the domain's responses mention
    (``{firm_phone}``, ...); the Rasa server fills them in (``connectors/firm_nlg.py``)."""
    english = _english_values(f)
    return {**english, **_spanish(f, english), "firm_languages_es": _languages(f, "es")}


def _english_values(f: Firm) -> Dict[str, str]:
    return {
        "firm_name": f.name,
        "firm_phone": f.phone_display,
        "firm_hours": f.office_hours_text,
        "firm_disclaimer": " ".join(f.disclaimer.split()),
        "firm_consent_question": " ".join(f.consent_question.split()),
        "assistant_name": f.assistant_name,
        "firm_consultation_fee": " ".join(f.consultation_fee.split())
        or f"Our team can tell you about consultation fees: call us at {f.contact_line}.",
        "firm_offices": "; ".join(f"{o.get('name')}, {o.get('address')}" if o.get("name") else str(o.get("address"))
                                  for o in f.offices if o.get("address")) or f"call us at {f.phone_display} for the address",
        "firm_languages": _languages(f, "en"),
    }


def _languages(f: Firm, lang: str) -> str:
    """The languages the firm's attorneys speak, by name in ``lang`` ("English and Spanish", "inglés y español")."""
    names, joiner = (language.NAMES_ES, " y ") if lang == "es" else (language.NAMES, " and ")
    codes: List[str] = list(dict.fromkeys(str(c) for a in f.attorneys for c in (a.get("languages") or ["en"])))
    spoken: List[str] = [names.get(c, c) for c in codes] or [names["en"]]
    return spoken[0] if len(spoken) == 1 else ", ".join(spoken[:-1]) + joiner + spoken[-1]


if __name__ == "__main__":  # python -m bot.firm check: `make` stops here on a broken firm.yml
    import sys

    if sys.argv[1:] != ["check"]:
        sys.exit("usage: python -m bot.firm check")
    try:
        checked = load_firm()
    except (OSError, ValueError, TypeError, AttributeError, yaml.YAMLError) as exc:
        sys.exit(f"firm profile: {exc}")
    print(f"firm profile: {settings.firm_profile_path()} ({checked.name}) is valid")
