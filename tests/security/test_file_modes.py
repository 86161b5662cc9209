"""Finding 12: the data directory is 0700 and its databases and secrets 0600,
created so, and corrected at start when they were not."""
from __future__ import annotations

import os
import stat
from pathlib import Path

from starlette.testclient import TestClient

from bot import settings, store, transcripts
from bot.staff.keys import secret_key
from web.app import create_app


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_fresh_data_directory_is_created_private(data_dir, monkeypatch):
    monkeypatch.delenv("STAFF_SECRET_KEY", raising=False)
    previous = os.umask(0o022)  # the usual umask: the code must not rely on a stricter one
    try:
        db = store.connect()
        db["intakes"].insert({"conversation_id": "c", "created_at": "x", "updated_at": "x", "status": "new"})
        secret_key()
    finally:
        os.umask(previous)
    assert mode(data_dir) == 0o700
    files = {p.name: mode(p) for p in data_dir.iterdir()}
    assert {"intake.db", "intake.db-wal", "intake.db-shm", "tracker.db", "staff_secret.key"} <= set(files)
    assert all(m == 0o600 for m in files.values()), files


def test_loose_files_are_made_private_when_the_web_process_starts(data_dir, monkeypatch):
    monkeypatch.delenv("STAFF_SECRET_KEY", raising=False)
    data_dir.mkdir(parents=True)
    for name in ("intake.db", "tracker.db", "tracker.db-journal", "staff_secret.key", "action_server.token"):
        (data_dir / name).write_bytes(b"")
        (data_dir / name).chmod(0o644)
    data_dir.chmod(0o755)
    with TestClient(create_app()) as c:  # the ASGI lifespan: what uvicorn runs at start
        assert c.get("/healthz").status_code == 200
    assert mode(data_dir) == 0o700
    assert {p.name: mode(p) for p in data_dir.iterdir()} == dict.fromkeys(
        ["intake.db", "tracker.db", "tracker.db-journal", "staff_secret.key", "action_server.token"], 0o600)


def test_rasas_tracker_store_is_made_private_when_the_staff_app_opens_it(data_dir):
    path = settings.tracker_db_path()
    path.write_bytes(b"")
    path.chmod(0o664)  # as Rasa (SQLAlchemy) creates it with a usual umask
    transcripts.store(path)
    assert mode(path) == 0o600


def test_an_intake_database_elsewhere_is_private_too(tmp_path):
    path = tmp_path / "elsewhere" / "intakes.db"
    store.connect(path).conn.close()
    assert mode(path) == 0o600 and mode(path.parent) == 0o700
