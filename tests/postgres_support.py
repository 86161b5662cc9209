"""A throwaway PostgreSQL server for tests (holds no tests).

The server itself is ``scripts/pg.py`` (shared with the scaled profile, ``make
run-scaled``): Debian's ``initdb`` and ``pg_ctl`` (``make deps-system``) in a
temporary folder, on a free port of 127.0.0.1, with trust authentication;
stopped and deleted after. Tests marked ``postgres`` use it through the
``postgres_url`` fixture (tests/conftest.py): a new, empty database each.
"""
from __future__ import annotations

from pg import PostgresServer, binaries, missing_reason

__all__ = ["PostgresServer", "binaries", "missing_reason"]
