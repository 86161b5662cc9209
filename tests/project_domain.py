"""The project's Rasa domain for tests, read from domain/ with the firm's slots
built in memory from firm.yml (``bot.firm.domain_fragment``): nothing is
written into the repository, and a checkout that has not run ``make`` works."""
from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List

import yaml

from bot.firm import domain_fragment, load_firm

ROOT = Path(__file__).resolve().parents[1]
GENERATED = "firm_profile.yml"


def documents() -> List[Dict[str, Any]]:
    """Each domain file as YAML, the firm's slots last."""
    docs = [yaml.safe_load(p.read_text()) or {} for p in sorted((ROOT / "domain").glob("*.yml")) if p.name != GENERATED]
    return docs + [domain_fragment(load_firm())]


@lru_cache(maxsize=1)
def rasa_domain():
    """The domain as Rasa loads it (``rasa.shared.core.domain.Domain``)."""
    from rasa.shared.core.domain import Domain

    with tempfile.TemporaryDirectory() as tmp:
        fragment = Path(tmp) / GENERATED
        fragment.write_text(yaml.safe_dump(domain_fragment(load_firm()), allow_unicode=True, sort_keys=False))
        paths = [str(p) for p in sorted((ROOT / "domain").glob("*.yml")) if p.name != GENERATED] + [str(fragment)]
        return Domain.load(paths)
