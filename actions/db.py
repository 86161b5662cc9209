"""One intake-database connection per action-server process (per path)."""
from __future__ import annotations

from typing import Dict

import sqlite_utils

from bot import settings, store

_connections: Dict[str, sqlite_utils.Database] = {}


def intake_db() -> sqlite_utils.Database:
    path = str(settings.intake_db_path())
    if path not in _connections:
        _connections[path] = store.connect(path)
    return _connections[path]
