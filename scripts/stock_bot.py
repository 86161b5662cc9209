"""The anchor for the chat benchmarks: Rasa's own starter bot (``rasa init``), untouched.

Built once with the project's venv into ``build/stock_bot/`` (``rasa init --no-prompt``,
which also trains it with Rasa's default config) and reused while the Rasa version is
the same. Served like the assistant: ``rasa run`` with the REST channel and the SQL
tracker store on SQLite, so the two differ only in the bot.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from pathlib import Path
from typing import Dict, Iterator

import servers

HOME = servers.ROOT / "build" / "stock_bot"


def _rasa_version() -> str:
    from rasa.version import __version__

    return __version__


def build(home: Path = HOME) -> Path:
    """The stock bot's folder, made and trained by ``rasa init`` when missing or stale."""
    stamp = home / ".rasa-version"
    if stamp.exists() and stamp.read_text() == _rasa_version() and any((home / "models").glob("*.tar.gz")):
        return home
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    log = home.parent / "stock_bot.log"
    with open(log, "w") as out:
        subprocess.run([str(servers.BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(home)],
                       cwd=home, env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"}, stdout=out, stderr=subprocess.STDOUT, check=True)
    stamp.write_text(_rasa_version())
    return home


@contextlib.contextmanager
def server(env: Dict[str, str], port: int, log: Path, home: Path = HOME) -> Iterator[subprocess.Popen]:
    """``rasa run`` of the stock bot on ``port``, its transcripts in SQLite under ``env``'s data directory."""
    data_dir = Path(env["INTAKE_DATA_DIR"])
    data_dir.mkdir(parents=True, exist_ok=True)
    endpoints = data_dir / "stock_endpoints.yml"
    endpoints.write_text(
        "tracker_store:\n  type: SQL\n  dialect: sqlite\n"
        f"  db: {data_dir / 'stock_tracker.db'}\n"
    )
    args = [str(servers.BIN / "rasa"), "run", "--model", str(home / "models"), "--endpoints", str(endpoints),
            "--credentials", str(home / "credentials.yml"), "--port", str(port)]
    with servers.process(args, env, log) as proc:
        servers.wait_for(f"http://127.0.0.1:{port}/", timeout=300, proc=proc)
        yield proc
