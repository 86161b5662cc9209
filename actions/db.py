"""One intake-database connection per action-server process (per path)."""
from __future__ import annotations

from typing import Dict

import sqlite_utils

from bot import settings, store, updates
from bot.booking import store as booking_store

_connections: Dict[str, sqlite_utils.Database] = {}


def intake_db() -> sqlite_utils.Database:
    path = str(settings.intake_db_path())
    if path not in _connections:
        db = store.connect(path)
        updates.ensure_schema(db)
        booking_store.ensure_schema(db)
        _connections[path] = db
    return _connections[path]
