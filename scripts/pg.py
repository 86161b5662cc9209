"""A PostgreSQL server of our own, started with Debian's ``initdb`` and ``pg_ctl``.

Used by the tests (a throwaway server in a temporary folder, trust
authentication, no durability: ``tests/postgres_support.py``) and by the scaled
profile (``scripts/scaled.py``: a kept data directory under ``var/``, a
password, durable). Always on 127.0.0.1. PostgreSQL refuses to run as root, so
under root it runs as the ``postgres`` user the Debian package creates
(``runuser``); its folder is then owned by that user.
"""
from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
from glob import glob
from pathlib import Path
from typing import List, Optional
from urllib.parse import quote

from servers import free_port

USER = "intake"
SERVER_USER = "postgres"


def binaries() -> Optional[Path]:
    """The newest installed PostgreSQL's bin folder (holding initdb and pg_ctl), if any."""
    found = [Path(p).parent for p in glob("/usr/lib/postgresql/*/bin/initdb") if Path(p).with_name("pg_ctl").exists()]
    return max(found, key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0) if found else None


def missing_reason() -> Optional[str]:
    """Why PostgreSQL cannot run here, or None when it can."""
    if binaries() is None:
        return "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run `make deps-system` as root"
    return None



class PostgresServer:
    """One server. ``root`` None: a temporary folder, deleted by :meth:`stop`;
    else a kept folder (``root/data`` initialised once). ``password`` None: trust
    authentication (tests only); else scram-sha-256 for the ``intake`` role."""

    def __init__(self, root: Optional[Path] = None, port: Optional[int] = None,
                 password: Optional[str] = None) -> None:
        bin_dir = binaries()
        if bin_dir is None:
            raise RuntimeError(missing_reason())
        self.bin = bin_dir
        self.throwaway = root is None
        self.root = Path(tempfile.mkdtemp(prefix="intake-pg-")) if root is None else Path(root)
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.data = self.root / "data"
        self.port = port or free_port()
        self.password = password
        self._names = itertools.count(1)
        self._as_root = os.geteuid() == 0
        if self._as_root:
            shutil.chown(self.root, SERVER_USER, SERVER_USER)

    def _run(self, *args: str) -> None:
        command: List[str] = list(args)
        if self._as_root:
            command = ["runuser", "-u", SERVER_USER, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{' '.join(args[:2])} failed: {result.stderr or result.stdout}\n{tail}")

    def _initdb(self) -> None:
        args = [str(self.bin / "initdb"), "-D", str(self.data), "-U", USER, "-E", "UTF8"]
        if self.password is None:
            self._run(*args, "-A", "trust", "--no-sync")
            return
        # The password reaches initdb through a file only the server's user reads, never a command line.
        pwfile = self.root / "initdb.pw"
        fd = os.open(pwfile, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(self.password + "\n")
        if self._as_root:
            shutil.chown(pwfile, SERVER_USER, SERVER_USER)
        try:
            self._run(*args, "-A", "scram-sha-256", f"--pwfile={pwfile}")
        finally:
            pwfile.unlink(missing_ok=True)

    def start(self) -> "PostgresServer":
        if not (self.data / "PG_VERSION").exists():
            self._initdb()
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1"
        if self.throwaway:
            # Durability is not wanted from a server deleted after the tests.
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "server.log"), "-o", options, "-w", "start")
        return self

    def url(self, database: str = "postgres") -> str:
        secret = f":{quote(self.password, safe='')}" if self.password else ""
        return f"postgresql://{USER}{secret}@127.0.0.1:{self.port}/{database}"

    def _admin(self, sql: str) -> None:
        import sqlalchemy as sa

        engine = sa.create_engine(self.url(), isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
        with engine.connect() as conn:
            conn.execute(sa.text(sql))

    def create_database(self, name: Optional[str] = None) -> str:
        """A new empty database (``name``, else the next ``test_N``); returns its URL."""
        name = name or f"test_{next(self._names)}"
        self._admin(f"CREATE DATABASE {name}")
        return self.url(name)

    def ensure_database(self, name: str) -> str:
        """The database ``name``, created when missing; returns its URL."""
        import sqlalchemy as sa

        engine = sa.create_engine(self.url(), poolclass=sa.pool.NullPool)
        with engine.connect() as conn:
            exists = conn.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first()
        return self.url(name) if exists else self.create_database(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                # A throwaway server is stopped at once; a kept one finishes its work first.
                mode = "immediate" if self.throwaway else "fast"
                self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")
        finally:
            if self.throwaway:
                shutil.rmtree(self.root, ignore_errors=True)
