"""Facts said up front: how many of the dates, places and stages a first message already
gives are read, so the assistant does not ask for them again.

Scores ``bot.flow.answers_in_text`` on ``tests/data/upfront_facts.yml`` (240 first messages
about a detention or a removal case, written blind on 2026-12-04 with the facts each one
says; tuned on since), beside an anchor in the same run: the first date parsedatetime
finds in the whole message (past for a detention, ahead for a hearing), which is what a
plain date parser would take. Each fact is right, wrong (a value that is not the one said:
worse than none, since the question is then skipped) or missed (asked again).

Prints a table and writes the run's record (``scripts/bench_record.py``; ``--record`` keeps it).
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Dict, Optional

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
import bench_record  # noqa: E402

from bot import dates, flow  # noqa: E402

CASES = ROOT / "tests" / "data" / "upfront_facts.yml"
#: The day every case was written for (a Friday).
TODAY = date(2026, 12, 4)
FIELDS = {"detention": ("detained_since", "detained_where"), "removal": ("hearing_date", "removal_stage")}
#: How the record and the docs name each fact.
LABELS = {"detained_since": "day of the detention", "hearing_date": "next hearing or check-in",
          "removal_stage": "removal stage", "detained_where": "where held"}


def _anchor(case: Dict[str, Any]) -> Dict[str, Any]:
    """The first date a plain parser finds in the message, in the past for a detention, ahead for a hearing."""
    found = dates._calendar().nlp(case["text"], datetime.combine(TODAY, time(12, 0))) or ()
    days = [f[0].date() for f in found if f[1].hasDate]
    if case["situation"] == "detention":
        day = next((d for d in days if d <= TODAY), None)
        return {"detained_since": day.isoformat() if day else None}
    day = next((d for d in days if d >= TODAY), None)
    return {"hearing_date": day.isoformat() if day else None}


def _outcome(field: str, expected: Any, got: Any) -> Optional[str]:
    if field == "detained_where":
        if expected is None:
            return "right" if got is None else "other"  # a place where detained, or "we don't know": kept words
        return "right" if got and any(w in str(got).lower() for w in str(expected).lower().split()) else ("missed" if got is None else "wrong")
    if expected is None:
        return "right" if got is None else "wrong"
    return "right" if str(got) == str(expected) else ("missed" if got is None else "wrong")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    bench_record.add_argument(parser)
    args = parser.parse_args()
    cases = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    ours: Dict[str, Counter] = {}
    anchor: Dict[str, Counter] = {}
    for case in cases:
        said = flow.answers_in_text(case["situation"], case["text"], TODAY)
        plain = _anchor(case)
        for field in FIELDS[case["situation"]]:
            ours.setdefault(field, Counter())[_outcome(field, case.get(field), said.get(field))] += 1
            if field in plain:
                anchor.setdefault(field, Counter())[_outcome(field, case.get(field), plain.get(field))] += 1
    print(f"{len(cases)} first messages ({CASES.relative_to(ROOT)}), today {TODAY}")
    print(f"{'fact':16} {'ours: right':>12} {'wrong':>6} {'missed':>7}   {'parser alone: right':>20} {'wrong':>6}   ratio")
    for field, counts in ours.items():
        total = sum(counts.values())
        line = f"{field:16} {counts['right']:>7} / {total:<3} {counts['wrong']:>6} {counts['missed']:>7}"
        if field in anchor:
            a = anchor[field]
            ratio = counts["right"] / a["right"] if a["right"] else float("inf")
            line += f"   {a['right']:>15} / {total:<3} {a['wrong']:>6}   {ratio:.2f}x"
        print(line)
    def counts(c: Counter) -> dict:
        return {"right": c["right"], "wrong": c["wrong"], "missed": c["missed"], "other": c["other"], "of": sum(c.values())}

    bench_record.record(
        "upfront", "make bench-upfront",
        {"first messages": len(cases), **{LABELS[k]: counts(v) for k, v in ours.items()}},
        anchor={f"plain date parser: {LABELS[k]}": counts(v) for k, v in anchor.items()},
        ratio={f"{LABELS[k]}: right / plain parser right": (ours[k]["right"] / a["right"] if a["right"] else None)
               for k, a in anchor.items()},
        headline=[f"{LABELS[k]}/right" for k in ours], note=f"cases written for {TODAY}", keep=args.record,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
