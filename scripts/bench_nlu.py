"""NLU benchmark: 5-fold cross-validation of the intent classifier.

Usage (from the project root)::

    .venv/bin/python scripts/bench_nlu.py              # run CV, then print the summary
    .venv/bin/python scripts/bench_nlu.py --no-run     # only summarise an existing report
    .venv/bin/python scripts/bench_nlu.py --holdout    # also train once and score
                                                       # tests/data/nlu_holdout.yml
    .venv/bin/python scripts/bench_nlu.py --skip-cv --holdout   # only the held-out run
    .venv/bin/python scripts/bench_nlu.py --score tests/data/nlu_holdout_es_booking.yml
                                                       # score a file with the trained model

It runs ``rasa test nlu --nlu data/nlu --config config.yml --cross-validation
--folds 5 --out results/nlu_cv`` with the venv's ``rasa``, then reads
``intent_report.json`` (and ``SpacyEntityExtractor_report.json`` if present)
and prints per-intent precision/recall/F1 for the eight situation intents,
their macro-F1, the overall accuracy and macro-F1, and the most common
confusions. A run that made its report writes its record
(``scripts/bench_record.py``; ``--record`` keeps it): ``nlu`` for the
cross-validation (with the held-out figures when ``--holdout`` ran), and for
``--score`` one named after the file (``nlu_es_booking`` for the Spanish booking
set). ``--no-run`` and ``--skip-cv`` read reports made earlier, so they record
nothing. The exit status is 0 whenever a report was produced, whether or
not the target is met; it is 1 if rasa failed or wrote no report.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import bench_record  # noqa: E402

# Quieter TensorFlow logs, here and in the rasa subprocesses.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

#: The intents that carry the intake situation (see bot/situations.py).
SITUATION_INTENTS: List[str] = [
    "situation_detention",
    "situation_removal",
    "situation_enforcement",
    "situation_humanitarian",
    "situation_family",
    "situation_employment",
    "situation_citizenship",
    "situation_other",
]

#: Target for the macro-F1 over the situation intents.
TARGET_SITUATION_MACRO_F1 = 0.95

#: Keys of a sklearn classification report that are not labels.
_SUMMARY_KEYS = {"accuracy", "macro avg", "weighted avg", "micro avg"}


def rasa_executable() -> str:
    """The ``rasa`` next to the running interpreter (the venv's), else the project venv's."""
    beside = Path(sys.executable).parent / "rasa"
    if beside.exists():
        return str(beside)
    return str(ROOT / ".venv" / "bin" / "rasa")


def run(cmd: List[str]) -> int:
    print("$ " + " ".join(cmd), flush=True)
    return subprocess.call(cmd, cwd=ROOT)


def classifier_config(config: str) -> str:
    """The config without the safety net, written under results/ (not committed).

    components/safety_net.py overrides the classifier on purpose (a crisis or
    agents at the door win over the situation, which is kept in the ranking),
    so cross-validation scores the classifier alone; the net is measured end
    to end by `make bench-conversations`.
    """
    import yaml

    doc = yaml.safe_load((ROOT / config).read_text(encoding="utf-8"))
    doc["pipeline"] = [c for c in doc["pipeline"] if not str(c.get("name", "")).endswith("safety_net.SafetyNet")]
    path = ROOT / "results" / "config_classifier_only.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return str(path.relative_to(ROOT))


def run_cross_validation(nlu: str, config: str, folds: int, out: Path) -> int:
    return run(
        [
            rasa_executable(), "test", "nlu",
            "--nlu", nlu,
            "--config", config,
            "--cross-validation",
            "--folds", str(folds),
            "--out", str(out),
        ]
    )


def run_holdout(nlu: str, config: str, holdout: str, out: Path) -> int:
    """Train one model on all training data and test it on the held-out file."""
    model_dir = out / "model"
    code = run(
        [
            rasa_executable(), "train", "nlu",
            "--nlu", nlu,
            "--config", config,
            "--out", str(model_dir),
            "--fixed-model-name", "holdout",
        ]
    )
    if code:
        return code
    return run(
        [
            rasa_executable(), "test", "nlu",
            "--nlu", holdout,
            "--model", str(model_dir / "holdout.tar.gz"),
            "--out", str(out),
        ]
    )


def load_report(path: Path) -> Optional[Dict]:
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as f:
        return json.load(f)


def labels_of(report: Dict) -> List[str]:
    return [k for k, v in report.items() if k not in _SUMMARY_KEYS and isinstance(v, dict)]


def macro_f1(report: Dict, labels: List[str]) -> float:
    scores = [report[label]["f1-score"] for label in labels if label in report]
    return sum(scores) / len(scores) if scores else 0.0


def print_table(report: Dict, labels: List[str]) -> None:
    print(f"{'intent':<26}{'precision':>10}{'recall':>10}{'f1':>8}{'support':>9}")
    for label in labels:
        row = report.get(label)
        if row is None:
            print(f"{label:<26}{'(missing from report)':>37}")
            continue
        print(
            f"{label:<26}{row['precision']:>10.3f}{row['recall']:>10.3f}"
            f"{row['f1-score']:>8.3f}{int(row['support']):>9}"
        )


def top_confusions(report: Dict, limit: int = 12) -> List[Tuple[int, str, str]]:
    """(count, true label, predicted label), largest first, from ``confused_with``."""
    pairs = []
    for label in labels_of(report):
        for predicted, count in report[label].get("confused_with", {}).items():
            pairs.append((int(count), label, predicted))
    return sorted(pairs, reverse=True)[:limit]


def accuracy_of(report: Dict) -> Optional[float]:
    if "accuracy" in report:
        return float(report["accuracy"])
    if "micro avg" in report:  # sklearn omits "accuracy" when labels are a subset
        return float(report["micro avg"]["f1-score"])
    return None


def summarise_intents(report: Dict, title: str) -> float:
    print(f"\n== {title} ==")
    print_table(report, SITUATION_INTENTS)
    situation_f1 = macro_f1(report, SITUATION_INTENTS)
    verdict = "meets" if situation_f1 >= TARGET_SITUATION_MACRO_F1 else "BELOW"
    print(
        f"\nsituation macro-F1 (8 intents): {situation_f1:.3f} "
        f"({verdict} target {TARGET_SITUATION_MACRO_F1})"
    )

    others = [label for label in labels_of(report) if label not in SITUATION_INTENTS]
    print("\nother intents:")
    print_table(report, sorted(others))

    accuracy = accuracy_of(report)
    overall_macro = report.get("macro avg", {}).get("f1-score", macro_f1(report, labels_of(report)))
    print(
        f"\noverall intent accuracy: {accuracy:.3f}" if accuracy is not None
        else "\noverall intent accuracy: n/a"
    )
    print(f"overall intent macro-F1: {overall_macro:.3f}")

    confusions = top_confusions(report)
    if confusions:
        print("\nmost common confusions (true -> predicted: count):")
        for count, true, predicted in confusions:
            print(f"  {true} -> {predicted}: {count}")
    return situation_f1


def summarise_entities(out: Path) -> None:
    report = load_report(out / "SpacyEntityExtractor_report.json")
    if report is None:
        print(
            "\n(no SpacyEntityExtractor_report.json: `rasa test nlu` only scores entities "
            "on annotated examples and drops pretrained extractors such as "
            "SpacyEntityExtractor; see the place coverage below instead)"
        )
        return
    print("\n== SpacyEntityExtractor, entity `place` ==")
    row = report.get("place")
    if row is None:
        print("no `place` row in the report")
        return
    print(f"{'entity':<26}{'precision':>10}{'recall':>10}{'f1':>8}{'support':>9}")
    print(
        f"{'place':<26}{row['precision']:>10.3f}{row['recall']:>10.3f}"
        f"{row['f1-score']:>8.3f}{int(row['support']):>9}"
    )


def spacy_model_path(config: str) -> Optional[Path]:
    """The ``model`` of the SpacyNLP component in the config, if any."""
    import yaml

    with (ROOT / config).open(encoding="utf-8") as f:
        pipeline = (yaml.safe_load(f) or {}).get("pipeline") or []
    for component in pipeline:
        if component.get("name") == "SpacyNLP" and component.get("model"):
            return ROOT / component["model"]
    return None


def nlu_examples(nlu: str) -> Dict[str, List[str]]:
    """intent -> example texts, read from the Rasa YAML files under ``nlu``."""
    import yaml

    path = ROOT / nlu
    files = sorted(path.rglob("*.yml")) if path.is_dir() else [path]
    examples: Dict[str, List[str]] = {}
    for file in files:
        with file.open(encoding="utf-8") as f:
            for block in (yaml.safe_load(f) or {}).get("nlu") or []:
                if "intent" not in block:
                    continue
                for line in str(block.get("examples", "")).splitlines():
                    line = line.strip()
                    if line.startswith("- "):
                        examples.setdefault(block["intent"], []).append(line[2:])
    return examples


def summarise_place_coverage(nlu: str, config: str, show_missed: int = 25) -> None:
    """How often the spaCy entity ruler finds a `place`, per intent (no gold spans needed).

    For inform_location this is a recall proxy (each example names a place); for
    intents such as inform it is a false-alarm rate.
    """
    model = spacy_model_path(config)
    if model is None or not model.exists():
        print(f"\n(place coverage skipped: no SpacyNLP model at {model})")
        return
    import spacy

    nlp = spacy.load(model)
    print(f"\n== `place` coverage by the entity ruler ({model.relative_to(ROOT)}) ==")
    print(f"{'intent':<26}{'with place':>11}{'examples':>9}")
    missed: List[str] = []
    for intent, texts in sorted(nlu_examples(nlu).items()):
        found = 0
        for text in texts:
            # SpacyNLP is configured case_sensitive: false, so the pipeline sees lowercase.
            doc = nlp(text.lower())
            if any(ent.label_ == "place" for ent in doc.ents):
                found += 1
            elif intent == "inform_location":
                missed.append(text)
        print(f"{intent:<26}{found / len(texts):>11.1%}{len(texts):>9}")
    if missed:
        print(f"inform_location examples with no place found ({len(missed)}), e.g.: "
              + "; ".join(missed[:show_missed]))


#: Record names of the files ``--score`` is run on (``make bench-nlu``); another file gets ``nlu_<stem>``.
SCORE_RECORDS = {"nlu_holdout_es_booking": "nlu_es_booking"}


def figures_of(report: Dict, holdout: Optional[Dict] = None) -> Dict:
    """The cross-validation record's figures (``bench_record.make_record`` keywords)."""
    figures: Dict = {
        "situation F1": {label.split("_", 1)[1]: report[label]["f1-score"] for label in SITUATION_INTENTS if label in report},
        "situation macro-F1": macro_f1(report, SITUATION_INTENTS),
        "intent accuracy": accuracy_of(report),
    }
    if holdout is not None:
        figures["held-out situation macro-F1"] = macro_f1(holdout, SITUATION_INTENTS)
    return {"figures": figures, "targets": {"situation macro-F1": f">= {TARGET_SITUATION_MACRO_F1:g}"},
            "headline": ["situation macro-F1"]}


def score_figures_of(report: Dict) -> Dict:
    """A scored file's record figures: accuracy, and recall per intent."""
    return {"figures": {"messages": int(sum(report[label]["support"] for label in labels_of(report))),
                        "accuracy": accuracy_of(report),
                        "recall": {label: report[label]["recall"] for label in labels_of(report)}},
            "headline": ["accuracy"]}


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nlu", default="data/nlu")
    parser.add_argument("--config", default="config.yml")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--out", default="results/nlu_cv")
    parser.add_argument("--no-run", action="store_true", help="run nothing, only read existing reports")
    parser.add_argument(
        "--skip-cv", action="store_true",
        help="do not rerun cross-validation (read its existing report); other runs still happen",
    )
    parser.add_argument(
        "--holdout", nargs="?", const="tests/data/nlu_holdout.yml", default=None,
        help="also train on all data and score this held-out file "
             "(default tests/data/nlu_holdout.yml); reports go to <out>_holdout",
    )
    parser.add_argument(
        "--score", metavar="FILE", default=None,
        help="only score this held-out file with the trained model (models/intake.tar.gz, the whole "
             "pipeline with the safety net); reports go to results/<file name>",
    )
    bench_record.add_argument(parser)
    args = parser.parse_args(argv)

    if args.score:
        out = ROOT / "results" / Path(args.score).stem
        code = 0 if args.no_run else run([rasa_executable(), "test", "nlu", "--nlu", args.score,
                                          "--model", str(ROOT / "models" / "intake.tar.gz"), "--out", str(out)])
        report = load_report(out / "intent_report.json")
        if code or report is None:
            print(f"scoring {args.score} failed", file=sys.stderr)
            return 1
        print_table(report, labels_of(report))
        print(f"accuracy {accuracy_of(report):.3f}; confusions: {top_confusions(report)}")
        if not args.no_run:
            stem = Path(args.score).stem
            bench_record.record(SCORE_RECORDS.get(stem, f"nlu_{stem}"), "make bench-nlu", keep=args.record,
                                **score_figures_of(report))
        return 0

    out = ROOT / args.out
    if not (args.no_run or args.skip_cv):
        code = run_cross_validation(args.nlu, classifier_config(args.config), args.folds, out)
        if code:
            print(f"rasa test nlu failed with exit status {code}", file=sys.stderr)
            return 1

    report = load_report(out / "intent_report.json")
    if report is None:
        print(f"no intent report at {out / 'intent_report.json'}", file=sys.stderr)
        return 1
    summarise_intents(report, f"{args.folds}-fold cross-validation ({args.config})")
    summarise_entities(out)
    summarise_place_coverage(args.nlu, args.config)
    print(f"\nfull reports: {out}/ (intent_report.json, intent_errors.json, "
          "intent_confusion_matrix.png, ...)")

    if args.holdout:
        holdout_out = ROOT / (args.out.rstrip("/") + "_holdout")
        if not args.no_run:
            code = run_holdout(args.nlu, classifier_config(args.config), args.holdout, holdout_out)
            if code:
                print(f"held-out run failed with exit status {code}", file=sys.stderr)
                return 1
        holdout_report = load_report(holdout_out / "intent_report.json")
        if holdout_report is None:
            print(f"no held-out report at {holdout_out}", file=sys.stderr)
            return 1
        summarise_intents(holdout_report, f"held-out set {args.holdout}")
        print(f"\nheld-out reports: {holdout_out}/")
    if args.no_run or args.skip_cv:
        print("no record: the cross-validation report was made by an earlier run")
    else:
        bench_record.record("nlu", "make bench-nlu", keep=args.record,
                            **figures_of(report, holdout_report if args.holdout else None))
    return 0


if __name__ == "__main__":
    sys.exit(main())
