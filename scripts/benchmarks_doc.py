"""Render docs/benchmarks.md and the README's current figures from docs/benchmarks.jsonl.

    python scripts/benchmarks_doc.py           # rewrite both (``make docs``)
    python scripts/benchmarks_doc.py --check   # exit 1 when either is not what the records make

``docs/benchmarks.md`` lists every kept run, grouped per benchmark, newest first.
The README's block between ``<!-- figures:start -->`` and ``<!-- figures:end -->``
is one row per benchmark from its newest record. Neither is edited by hand:
``tests/test_benchmarks_doc.py`` fails when they differ from what this makes.
The record format is ``scripts/bench_record.py``.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Dict, List, Mapping, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_record  # noqa: E402

ROOT = bench_record.ROOT
README = ROOT / "README.md"
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- figures:start -->", "<!-- figures:end -->"

#: The order the benchmarks are shown in (the README's); any other comes after, by name.
ORDER = ["conversations", "safety", "upfront", "locations", "nlu", "nlu_es_booking", "chat", "updates",
         "booking", "alerts", "staff"]
#: What each benchmark measures, in a few words (the README's sections say more).
TITLES = {
    "conversations": "Whole conversations (simulated visitors, scored from `intake export`)",
    "safety": "A crisis message gets help; ordinary ones do not",
    "upfront": "Facts a first message already gives are not asked again",
    "locations": "Where the visitor is, from their reply",
    "nlu": "Situation classifier, 5-fold cross-validation",
    "nlu_es_booking": "Spanish booking intents, held-out messages",
    "chat": "Chat reply latency and throughput over REST",
    "updates": "Posted-updates search: relevance and latency",
    "booking": "Open slots for 20 attorneys over 14 days",
    "alerts": "An urgent intake alerts the people on call",
    "staff": "Staff inbox and search with 100,000 intakes",
}


def fmt(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10_000 else str(value)
    if isinstance(value, float):
        if 0 <= value <= 1:
            return f"{value:.3f}"  # a share: always three decimals, 1.000 beside 0.984
        return f"{value:.3g}" if abs(value) < 100 else f"{value:,.0f}"
    return str(value).replace("|", "\\|")


def fmt_ratio(value: Any) -> str:
    return f"{value:.2f}x" if isinstance(value, (int, float)) and not isinstance(value, bool) else fmt(value)


def _order(bench: str) -> Tuple[int, str]:
    return (ORDER.index(bench) if bench in ORDER else len(ORDER), bench)


def grouped(records: List[Dict[str, Any]]) -> Dict[str, List[Dict[str, Any]]]:
    """bench -> its records, newest first: by day, then the later line (appended later).

    Only the day is compared because seeded records give no time of day.
    """
    groups: Dict[str, List[Tuple[int, Dict[str, Any]]]] = {}
    for i, rec in enumerate(records):
        groups.setdefault(rec["bench"], []).append((i, rec))
    return {
        bench: [r for _, r in sorted(groups[bench], key=lambda ir: (ir[1]["at"][:10], ir[0]), reverse=True)]
        for bench in sorted(groups, key=_order)
    }


def when(rec: Mapping[str, Any]) -> str:
    """"2026-12-04 13:40 UTC", or the bare date a seeded record gives."""
    at = rec["at"]
    return f"{at[:10]} {at[11:16]} UTC" if "T" in at else at


def _table(values: Mapping[str, Any], targets: Mapping[str, str], prefix: str = "") -> List[str]:
    """A flat mapping as a two- or three-column table; nested mappings as one row per key."""
    flat = {k: v for k, v in values.items() if not isinstance(v, Mapping)}
    nested = {k: v for k, v in values.items() if isinstance(v, Mapping)}
    lines: List[str] = []
    if flat:
        with_target = any(f"{prefix}{k}" in targets for k in flat)
        lines += ["| figure | value |" + (" target |" if with_target else ""),
                  "|---|---|" + ("---|" if with_target else "")]
        for key, value in flat.items():
            lines.append(f"| {fmt(key)} | {fmt(value)} |" + (f" {fmt(targets.get(prefix + key))} |" if with_target else ""))
    if nested:
        columns: List[str] = []
        for inner in nested.values():
            columns += [c for c in inner if c not in columns]
        if lines:
            lines.append("")
        lines += ["| | " + " | ".join(fmt(c) for c in columns) + " |", "|---|" + "---|" * len(columns)]
        for key, inner in nested.items():
            lines.append(f"| {fmt(key)} | " + " | ".join(fmt(inner.get(c)) for c in columns) + " |")
        aims = [f"{k.replace('/', ': ')} {t}" for k, t in targets.items() if k.split("/", 1)[0] in nested]
        if aims:
            lines += ["", "Targets: " + "; ".join(aims) + "."]
    return lines


def render_doc(records: List[Dict[str, Any]]) -> str:
    out = [
        "# Benchmark runs",
        "",
        "<!-- Generated by `make docs` (scripts/benchmarks_doc.py) from docs/benchmarks.jsonl: do not edit. -->",
        "",
        "Every kept run of every benchmark, newest first: `make bench-x RECORD=1` appends the run's",
        "record to `docs/benchmarks.jsonl` and `make docs` rewrites this page and the README's",
        "current figures (record format: `scripts/bench_record.py`). Runs marked *seeded* were not",
        "rerun: their figures were copied from the README's hand-written text as it stood, with the",
        "date and commit that text gives. Narrative and earlier steps: `docs/evaluation-history.md`.",
        "",
    ]
    groups = grouped(records)
    out += ["Benchmarks: " + ", ".join(f"[{b}](#{b})" for b in groups) + ".", ""]
    for bench, recs in groups.items():
        out += [f"## {bench}", "", f"{TITLES.get(bench, bench)}: `{recs[0]['make']}`.", ""]
        for rec in recs:
            seeded = rec.get("source", "run") != "run"
            head = f"### {when(rec)}" + (f", {rec['commit']}" if rec.get("commit") else "")
            if rec.get("dirty"):
                head += " (with uncommitted changes)"
            out += [head + (" (seeded)" if seeded else ""), ""]
            facts = [f"`{rec['command']}`"] if rec.get("command") else []
            if rec.get("cores"):
                facts.append(f"{rec['cores']} cores")
            if rec.get("load") is not None:
                facts.append(f"load average {fmt(rec['load'])}")
            if seeded:
                facts.append(f"source: {rec['source']}")
            out += ["; ".join(facts) + ".", ""]
            if rec.get("note"):
                out += [rec["note"], ""]
            out += _table(rec["figures"], rec.get("targets") or {}) + [""]
            if rec.get("anchor"):
                out += ["Anchor, measured in the same run:", ""] + _table(rec["anchor"], {}) + [""]
            if rec.get("ratio"):
                out += ["Ratio, ours / anchor:", ""] + [
                    f"* {fmt(k)}: {fmt_ratio(v)}" for k, v in rec["ratio"].items() if not isinstance(v, Mapping)] + [""]
    return "\n".join(out).rstrip("\n") + "\n"


def _headline(rec: Mapping[str, Any]) -> str:
    parts = []
    for key in rec.get("headline") or []:
        top, _, inner = key.partition("/")
        value = rec["figures"][top][inner] if inner else rec["figures"][top]
        target = (rec.get("targets") or {}).get(key)
        parts.append(f"{top}{' ' + inner if inner else ''} **{fmt(value)}**" + (f" (target {target})" if target else ""))
    return "; ".join(parts)


def render_block(records: List[Dict[str, Any]]) -> str:
    """The README's table: one row per benchmark, from its newest record."""
    lines = [
        START,
        "<!-- Generated by `make docs` from docs/benchmarks.jsonl: do not edit; every run is in docs/benchmarks.md. -->",
        "",
        "| benchmark | figures (newest kept run) | ours / anchor | run | command |",
        "|---|---|---|---|---|",
    ]
    for bench, recs in grouped(records).items():
        rec = recs[0]
        ratio = "; ".join(f"{fmt(k)} {fmt_ratio(v)}" for k, v in (rec.get("ratio") or {}).items() if not isinstance(v, Mapping))
        run = when(rec) + (f", {rec['commit']}" if rec.get("commit") else "") + (" (seeded)" if rec.get("source", "run") != "run" else "")
        lines.append(f"| {TITLES.get(bench, bench)} | {_headline(rec)} | {ratio} | {run} | `{rec['make']}` |")
    return "\n".join(lines + [END])


def with_block(readme: str, block: str) -> str:
    """The README text with its figures block replaced."""
    head, start, rest = readme.partition(START)
    _, end, tail = rest.partition(END)
    if not (start and end):
        raise ValueError(f"README.md has no {START} ... {END} block")
    return head + block + tail


def main(argv: List[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 when a file is out of date")
    args = parser.parse_args(argv)
    records = bench_record.load()
    wanted = {DOC: render_doc(records), README: with_block(README.read_text(encoding="utf-8"), render_block(records))}
    stale = [path for path, text in wanted.items() if not path.exists() or path.read_text(encoding="utf-8") != text]
    for path in stale:
        if args.check:
            print(f"{path.relative_to(ROOT)} is not what docs/benchmarks.jsonl makes: run `make docs`")
        else:
            path.write_text(wanted[path], encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
