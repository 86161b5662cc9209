"""What the ``intake`` command's groups share: the ``--db`` the user gave."""
from __future__ import annotations

import click
import sqlite_utils

from bot import store


def open_db(ctx: click.Context) -> sqlite_utils.Database:
    """The database named by ``intake --db`` (or the default), schema in place."""
    root = ctx.find_root()
    return store.connect(root.obj.get("db_path") if root.obj else None)
