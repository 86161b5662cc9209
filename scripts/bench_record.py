"""One benchmark run as one JSON record: the format every ``scripts/bench_*.py`` writes.

A record is::

    {"bench": "booking", "make": "make bench-booking", "command": "scripts/bench_booking.py --runs 200",
     "at": "2026-12-04T13:40:02Z", "commit": "44a789f", "dirty": false, "cores": 2, "load": 2.4,
     "figures": {...}, "anchor": {...}, "ratio": {...}, "targets": {...}, "headline": [...],
     "note": "...", "source": "run"}

``figures``, ``anchor`` and ``ratio`` map a label (what the number is, with its
unit) to a number, a string or null; a value may also be one level of such a
mapping (per set, per visitor count...). ``anchor`` holds the figures the run
measured beside ours for comparison (a plain parser, the patterns alone, the
worker's poll interval) and ``ratio`` ours / anchor. ``headline`` lists the
figure keys the README shows ("set/figure" inside a nested figure); ``targets``
maps a figure key to its target as text.

Every run writes ``results/<bench>.json`` (not committed). A run meant to be
kept (``make bench-x RECORD=1``, or ``--record``) is also appended to
``docs/benchmarks.jsonl``, from which ``scripts/benchmarks_doc.py`` renders
``docs/benchmarks.md`` and the README's current figures.
"""
from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "results"
HISTORY = ROOT / "docs" / "benchmarks.jsonl"

#: The keys of a record, in the order they are written (the renderer and its test read this).
KEYS = ("bench", "make", "command", "at", "commit", "dirty", "cores", "load",
        "figures", "anchor", "ratio", "targets", "headline", "note", "source")


def add_argument(parser) -> None:
    """``--record``: also append this run to docs/benchmarks.jsonl."""
    parser.add_argument("--record", action="store_true",
                        help="keep this run: append its record to docs/benchmarks.jsonl (or RECORD=1)")


def wanted(flag: bool = False) -> bool:
    """Whether the run is to be kept: ``--record``, or RECORD=1 in the environment (``make bench-x RECORD=1``)."""
    return flag or os.environ.get("RECORD", "").strip().lower() in ("1", "yes", "true")


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def _round(value: Any) -> Any:
    # Four significant decimals are more than any figure here means; the file stays readable.
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, Mapping):
        return {str(k): _round(v) for k, v in value.items()}
    return value


def make_record(bench: str, make: str, figures: Mapping[str, Any], *, anchor: Optional[Mapping[str, Any]] = None,
                ratio: Optional[Mapping[str, Any]] = None, targets: Optional[Mapping[str, str]] = None,
                headline: Iterable[str] = (), note: str = "", argv: Optional[List[str]] = None,
                now: Optional[datetime] = None) -> Dict[str, Any]:
    """The record of a run made now, in this checkout."""
    argv = list(sys.argv if argv is None else argv)
    script = Path(argv[0])
    try:
        script = script.resolve().relative_to(ROOT)
    except ValueError:
        pass
    # --record says how the run was kept, not what was measured.
    command = shlex.join([str(script), *[a for a in argv[1:] if a != "--record"]])
    headline = list(headline)
    for key in headline:
        top, _, inner = key.partition("/")
        if top not in figures or (inner and inner not in (figures[top] or {})):
            raise KeyError(f"headline {key!r} is not a figure of {bench}")
    record = {
        "bench": bench,
        "make": make,
        "command": command,
        "at": (now or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "commit": _git("rev-parse", "--short=7", "HEAD") or None,
        # Uncommitted changes to tracked files: the commit alone does not say what ran.
        "dirty": bool(_git("status", "--porcelain", "--untracked-files=no")),
        "cores": os.cpu_count(),
        "load": round(os.getloadavg()[0], 2),
        "figures": _round(dict(figures)),
        "anchor": _round(dict(anchor)) if anchor else None,
        "ratio": _round(dict(ratio)) if ratio else None,
        "targets": dict(targets) if targets else None,
        "headline": headline,
        "note": note,
        "source": "run",
    }
    return {k: record[k] for k in KEYS}


def line(record: Mapping[str, Any]) -> str:
    """One line of docs/benchmarks.jsonl."""
    return json.dumps(record, ensure_ascii=False, separators=(", ", ": "))


def save(record: Mapping[str, Any], keep: bool, results: Path = RESULTS, history: Path = HISTORY) -> Path:
    """Write ``results/<bench>.json``; with ``keep``, append the record to the history too."""
    results.mkdir(parents=True, exist_ok=True)
    out = results / f"{record['bench']}.json"
    out.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if keep:
        with history.open("a", encoding="utf-8") as f:
            f.write(line(record) + "\n")
        print(f"record: {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}, appended to "
              f"{history.relative_to(ROOT) if history.is_relative_to(ROOT) else history} (run `make docs`)")
    else:
        print(f"record: {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out} (RECORD=1 or --record keeps it)")
    return out


def record(bench: str, make: str, figures: Mapping[str, Any], *, keep: bool = False, **kwargs: Any) -> Dict[str, Any]:
    """Make the record of this run and save it (see ``save``); returns it."""
    rec = make_record(bench, make, figures, **kwargs)
    save(rec, wanted(keep))
    return rec


def load(history: Path = HISTORY) -> List[Dict[str, Any]]:
    """Every record of the history file, in file order."""
    if not history.exists():
        return []
    return [json.loads(text) for text in history.read_text(encoding="utf-8").splitlines() if text.strip()]
