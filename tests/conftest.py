"""Shared fixtures: a temporary data directory, the real domain, tracker builders."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Every test gets its own data directory and intake database."""
    monkeypatch.setenv("INTAKE_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("INTAKE_DB", raising=False)
    monkeypatch.delenv("RASA_TRACKER_DB", raising=False)  # `make` exports the real one
    monkeypatch.delenv("TRANSCRIPTS_URL", raising=False)
    monkeypatch.setenv("INTAKE_TODAY", "2026-11-28")
    return tmp_path / "var"


@pytest.fixture(scope="session")
def domain() -> Dict[str, Any]:
    """The real domain (domain.yml) as Rasa reads it, as a dict."""
    from tests.project_domain import rasa_domain

    return rasa_domain().as_dict()


@pytest.fixture
def make_tracker(domain):
    """Build a rasa_sdk Tracker from slot values, the latest message and events."""
    from rasa_sdk import Tracker

    def build(
        slots: Optional[Dict[str, Any]] = None,
        text: str = "",
        intent: str = "inform",
        entities: Optional[List[Dict[str, Any]]] = None,
        events: Optional[List[Dict[str, Any]]] = None,
        active_loop: Optional[str] = "intake_form",
        sender_id: str = "visitor-1",
        ranking: Optional[List[Dict[str, Any]]] = None,
    ) -> Tracker:
        all_slots = {name: spec.get("initial_value") for name, spec in domain["slots"].items()}
        all_slots["requested_slot"] = None
        all_slots.update(slots or {})
        latest = {
            "text": text,
            "intent": {"name": intent, "confidence": 0.99},
            "entities": entities or [],
        }
        if ranking is not None:
            latest["intent_ranking"] = ranking
        user_event = {"event": "user", "text": text, "parse_data": latest}
        return Tracker(
            sender_id=sender_id,
            slots=all_slots,
            latest_message=latest,
            events=[user_event] + list(events or []),
            paused=False,
            followup_action=None,
            active_loop={"name": active_loop} if active_loop else {},
            latest_action_name="action_listen",
        )

    return build


@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL server for the session (tests/postgres_support.py);
    skips only when PostgreSQL is not installed."""
    from postgres_support import PostgresServer, missing_reason

    reason = missing_reason()
    if reason:
        pytest.skip(reason)
    server = PostgresServer()
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server, monkeypatch):
    """A new empty PostgreSQL database, made where transcripts live ($TRANSCRIPTS_URL)."""
    from bot import transcripts
    from staff_support import close_tracker_stores

    url = postgres_server.create_database()
    monkeypatch.setenv("TRANSCRIPTS_URL", url)
    yield url
    close_tracker_stores()
    transcripts.close()
    postgres_server.drop_database(url)


@pytest.fixture
def firm_profile(tmp_path, monkeypatch):
    """Write firm.yml with changes (a value of None removes the key) to a temporary path, and use it."""
    import yaml

    from bot.firm import firm

    def write(**changes):
        profile = yaml.safe_load((ROOT / "firm.yml").read_text(encoding="utf-8"))
        profile.update(changes)
        for key in [k for k, v in changes.items() if v is None]:
            profile.pop(key)
        path = tmp_path / "firm.yml"
        path.write_text(yaml.safe_dump(profile, sort_keys=False), encoding="utf-8")
        monkeypatch.setenv("FIRM_PROFILE", str(path))
        firm.cache_clear()
        return path

    yield write
    firm.cache_clear()
