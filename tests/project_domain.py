"""The project's Rasa domain (``domain.yml``) for tests, and the firm profile's
values that the Rasa server fills in beside the slots (``connectors/firm_nlg.py``)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Dict

import yaml

ROOT = Path(__file__).resolve().parents[1]
DOMAIN_FILE = ROOT / "domain.yml"


@lru_cache(maxsize=1)
def _document() -> Dict[str, Any]:
    return yaml.safe_load(DOMAIN_FILE.read_text(encoding="utf-8"))


def document() -> Dict[str, Any]:
    """``domain.yml`` as YAML (its ``x-`` anchors included)."""
    return _document()


@lru_cache(maxsize=1)
def rasa_domain():
    """The domain as Rasa loads it (``rasa.shared.core.domain.Domain``)."""
    from rasa.shared.core.domain import Domain

    return Domain.load(str(DOMAIN_FILE))
