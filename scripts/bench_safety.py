"""Safety benchmark: how many messages about danger get help, and how many ordinary ones do not.

Compares, in the same run, the deterministic patterns alone (``bot.safety.detect_wide``,
the anchor) with the patterns plus the learned reader (``bot.crisis_classifier.detect``,
what the assistant runs), on:

* ``crisis_check.yml``: 100 crisis messages in indirect words (its totals were read
  when the classifier's threshold was chosen);
* ``crisis_check2.yml``: 130 crisis and 70 ordinary messages written blind on
  2026-12-03 and committed before any run; only its totals are ever read;
* ``crisis_check3.yml``: 110 crisis and 150 ordinary messages written blind on
  2026-12-05 (eighteenth session), the ordinary ones written to tempt a false
  alarm (fear, and words of harm in ordinary immigration stories); committed
  before any run; only its totals (and counts by kind) are read;
* the ordinary visitor messages (openings, answers, interjections) of the
  conversations in ``dev``, ``dev2``, ``dev3``, ``heldout`` and ``heldout2`` whose case has no crisis.

Help counts when the reply names the line the kind needs (every crisis reply
names 911, 988 and the DV hotline, so any reading gets help); "kind right" is
stricter. "flag for staff" counts the readings that also mark the intake for
staff: the patterns', and the learned reader's from ``FLAG_THRESHOLD`` (below
it, a guess gets the help only). Prints a table and writes the run's record
(``scripts/bench_record.py``; ``--record`` keeps it).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable, Dict, List, Optional

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
import bench_record  # noqa: E402

from bot import crisis_classifier, safety  # noqa: E402

CASES = ROOT / "tests" / "conversations"
#: The single-message check sets, each with crisis messages (and ordinary ones from crisis_check2).
CHECK_SETS = ("crisis_check.yml", "crisis_check2.yml", "crisis_check3.yml")


def _probes(name: str) -> List[dict]:
    return yaml.safe_load((CASES / "probes" / name).read_text(encoding="utf-8")) or []


def _ordinary(set_name: str) -> List[str]:
    texts: List[str] = []
    for path in sorted((CASES / set_name).glob("*.yml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if (case.get("expect") or {}).get("crisis"):
                continue
            texts.append(case["opening"])
            texts += [str(v) for v in (case.get("answers") or {}).values()]
            texts += [i["text"] for i in case.get("interject") or []]
    return texts


def _score(read: Callable[[str], Optional[safety.Crisis]], crisis: List[dict], ordinary: List[str]) -> Dict[str, float]:
    found = [read(p["text"]) for p in crisis]
    return {
        "help": sum(f is not None for f in found) / len(crisis) if crisis else None,
        "kind_right": sum(f is not None and f.kind == p["crisis"] for f, p in zip(found, crisis)) / len(crisis) if crisis else None,
        "false_alarms": sum(read(t) is not None for t in ordinary) / len(ordinary) if ordinary else None,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    bench_record.add_argument(parser)
    args = parser.parse_args()
    crisis_classifier.load()  # trained or loaded before timing anything
    sets = {}
    for name in CHECK_SETS:
        items = _probes(name)
        sets[name] = ([p for p in items if p.get("crisis")], [p["text"] for p in items if not p.get("crisis")])
    for name in ("dev", "dev2", "dev3", "heldout", "heldout2"):
        sets[f"{name} ordinary messages"] = ([], _ordinary(name))
    readers = {"patterns (anchor)": safety.detect_wide, "patterns + classifier": crisis_classifier.detect,
               # what marks the intake for staff: the patterns, or a learned reading that is sure
               "flag for staff": lambda text: (lambda found: found if found is not None and found.sure else None)(
                   crisis_classifier.detect(text))}
    results: Dict[str, Dict[str, Dict[str, float]]] = {}
    print(f"{'set':<28} {'reader':<22} {'crisis':>6} {'help':>6} {'kind':>6} {'ordinary':>8} {'false alarms':>12}")
    for set_name, (crisis, ordinary) in sets.items():
        results[set_name] = {}
        for reader_name, read in readers.items():
            score = _score(read, crisis, ordinary)
            results[set_name][reader_name] = {**score, "crisis": len(crisis), "ordinary": len(ordinary)}
            fmt = lambda v: "-" if v is None else f"{v:.3f}"  # noqa: E731
            print(f"{set_name:<28} {reader_name:<22} {len(crisis):>6} {fmt(score['help']):>6} {fmt(score['kind_right']):>6} "
                  f"{len(ordinary):>8} {fmt(score['false_alarms']):>12}")
    for set_name in CHECK_SETS:
        anchor, ours = (results[set_name][r]["help"] for r in list(readers)[:2])
        print(f"{set_name}: help with the classifier / patterns alone = {ours / anchor:.2f}x")
    started = time.perf_counter()
    texts = [t for _, ordinary in sets.values() for t in ordinary][:500]
    for text in texts:
        crisis_classifier.detect(text)
    per_message = (time.perf_counter() - started) / len(texts) * 1000
    print(f"cost: {per_message:.2f} ms per message (patterns + classifier, {len(texts)} messages)")
    ours_name, anchor_name, flag_name = "patterns + classifier", "patterns (anchor)", "flag for staff"

    def row(set_name: str, reader: str) -> dict:
        r = results[set_name][reader]
        return {"crisis": r["crisis"], "help": r["help"], "kind right": r["kind_right"],
                "ordinary": r["ordinary"], "false alarms": r["false_alarms"]}

    bench_record.record(
        "safety", "make bench-safety",
        {**{s: {**row(s, ours_name), "flagged for staff": row(s, flag_name)["help"],
                "false alarms flagged": row(s, flag_name)["false alarms"]} for s in results},
         "ms per message": per_message},
        anchor={s: row(s, anchor_name) for s in results},
        ratio={f"{s}: help / patterns' help": results[s][ours_name]["help"] / results[s][anchor_name]["help"]
               for s in CHECK_SETS if results[s][anchor_name]["help"]},
        targets={"crisis_check2.yml/help": "1.0", "crisis_check3.yml/help": "1.0"},
        headline=["crisis_check3.yml/help", "crisis_check3.yml/false alarms", "crisis_check2.yml/help", "crisis_check.yml/help", "heldout2 ordinary messages/false alarms"],
        keep=args.record,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
