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
    retention_days: int = 365
    resources_checked: str = ""
    resources: Dict[str, Dict[str, Any]] = field(default_factory=dict)
    attorneys: List[Dict[str, Any]] = field(default_factory=list)
    booking: Dict[str, Any] = field(default_factory=dict)
    office_hours: Dict[str, List[str]] = field(default_factory=dict)
    offices: List[Dict[str, Any]] = field(default_factory=list)

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
    return Firm(**{k: v for k, v in raw.items() if k in _FIELDS})


@lru_cache(maxsize=1)
def firm() -> Firm:
    """The firm profile of this deployment, read once per process."""
    return load_firm()
