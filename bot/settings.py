"""Where things live: the data directory and the firm profile path.

Both come from environment variables so that tests and deployments can point
elsewhere without code changes.
"""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The data directory (``$INTAKE_DATA_DIR``, ``var/`` by default), created if missing."""
    path = Path(os.environ.get("INTAKE_DATA_DIR") or PROJECT_ROOT / "var")
    path.mkdir(parents=True, exist_ok=True)
    return path


def intake_db_path() -> Path:
    """The intake database (``$INTAKE_DB`` or ``<data dir>/intake.db``)."""
    return Path(os.environ.get("INTAKE_DB") or data_dir() / "intake.db")


def tracker_db_path() -> Path:
    """Rasa's SQL tracker store file (``<data dir>/tracker.db``)."""
    return data_dir() / "tracker.db"


def firm_profile_path() -> Path:
    """The firm profile (``$FIRM_PROFILE`` or ``firm.yml`` at the project root)."""
    return Path(os.environ.get("FIRM_PROFILE") or PROJECT_ROOT / "firm.yml")


def places_model_path() -> Path:
    """The project's spaCy place pipeline, built by ``make`` (``build/places_nlp``)."""
    return Path(os.environ.get("PLACES_MODEL") or PROJECT_ROOT / "build" / "places_nlp")
