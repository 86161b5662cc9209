"""The end-to-end evaluation cases (tests/conversations/) are well formed and kept out of training."""
from pathlib import Path

import pytest
import yaml

from bot.situations import CATEGORIES

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "conversations"
#: Every set: a folder of cases (the benchmark plays the same list, scripts/bench_conversations.py).
SETS = tuple(sorted(p.name for p in CASES.iterdir() if p.is_dir() and p.name != "probes"))
#: The fewest cases each set holds (the issue asks for 300 in all, 120 in Spanish).
LEAST = {"dev": 150, "dev2": 150, "dev3": 150, "heldout": 150, "heldout2": 250, "spanish": 120, "spanish2": 120,
         "dev4": 130, "spanish3": 90, "dev5": 120, "dev6": 140, "dev7": 120, "heldout3": 150, "heldout4": 150,
         "heldout5": 150, "dev8": 130, "spanish4": 110, "dev9": 150, "dev10": 150, "spanish5": 110,
         "dev11": 150, "spanish6": 110, "heldout6": 150, "dev12": 150, "spanish7": 110, "dev13": 150, "spanish8": 100,
         "dev14": 150, "spanish9": 110, "heldout7": 150, "dev15": 150, "dev16": 150, "dev17": 150, "spanish10": 110,
         "dev18": 150, "spanish11": 110, "dev19": 120, "dev20": 150, "dev21": 120, "spanish12": 110,
         "dev22": 150, "dev23": 120, "spanish13": 110, "dev24": 150, "spanish14": 110, "spanish15": 110, "dev25": 150, "dev26": 120, "dev27": 150, "spanish16": 110,
         "spanish17": 110, "dev28": 150, "spanish18": 110, "heldout8": 150, "dev30": 150, "spanish19": 110, "heldout9": 150, "dev31": 120, "dev29": 150,
         "dev32": 150, "dev33": 150, "spanish20": 110, "dev34": 150, "dev35": 150, "spanish21": 110,
         "dev36": 150, "dev37": 150, "spanish22": 110,
         "dev38": 150, "dev39": 150, "spanish23": 110, "dev40": 150,
         "dev41": 150, "spanish24": 110, "dev42": 150, "dev43": 150,
         "dev44": 150, "dev45": 150, "spanish25": 110, "dev46": 150, "spanish26": 110,
         "dev47": 150, "spanish27": 110, "dev48": 150, "spanish28": 110,
         "dev49": 150, "spanish29": 110, "dev50": 150, "spanish30": 110,
         "dev51": 150, "spanish31": 110, "dev52": 150, "spanish32": 110,
         "dev53": 150, "spanish33": 110,
         "dev54": 150, "spanish34": 110,
         "dev55": 150, "spanish35": 110,
         "dev56": 150, "spanish36": 110, "dev57": 120, "spanish37": 90,
         "dev58": 150, "spanish38": 110, "dev59": 120,
         "spanish39": 100, "dev60": 120, "spanish40": 100}
ANSWER_KEYS = {"location", "situation", "detained_where", "detained_since", "a_number", "removal_stage", "hearing_date",
               "ice_present_now", "details", "name", "phone", "email", "consent",
               "summary"}  # a confirmation some authors wrote; the simulated visitor always confirms
CRISIS_KINDS = {"suicide", "medical", "violence", "dv", "child", None}


def _cases(name):
    return [c for path in sorted((CASES / name).glob("*.yml")) for c in yaml.safe_load(path.read_text()) or []]


def _probes():
    return [p for path in sorted((CASES / "probes").glob("*.yml")) for p in yaml.safe_load(path.read_text()) or []]


def _norm(text):
    return " ".join(str(text).lower().split())


def test_every_set_has_a_least_count_and_the_benchmark_plays_it():
    import bench_conversations

    assert set(LEAST) == set(SETS)
    assert bench_conversations.SETS == SETS
    assert set(bench_conversations.HELD_OUT) <= set(SETS)


@pytest.mark.parametrize("name", SETS)
def test_each_set_has_cases_in_the_documented_format(name):
    import bench_conversations

    cases = _cases(name)
    assert len(cases) >= LEAST[name]
    for case in cases:
        expect = case["expect"]
        assert case["opening"] and set(case.get("answers") or {}) <= ANSWER_KEYS, case["id"]
        # the answers said to carry the danger are answers of the case, and only with a crisis expected
        carriers = bench_conversations.crisis_carriers(case)
        assert carriers <= set(case.get("answers") or {}), case["id"]
        assert not carriers or expect.get("crisis"), case["id"]
        assert expect.get("situation") in CATEGORIES, case["id"]
        assert expect.get("crisis") in CRISIS_KINDS, case["id"]


def test_ids_are_unique_across_sets_and_probes():
    ids = [c["id"] for name in SETS for c in _cases(name)] + [p["id"] for p in _probes()]
    assert len(ids) == len(set(ids))


def test_no_case_text_is_in_the_training_data():
    training = set()
    for path in (ROOT / "data" / "nlu").glob("*.yml"):
        for block in yaml.safe_load(path.read_text()).get("nlu") or []:
            for line in (block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    training.add(_norm(line[2:]))
    # The crisis classifier's own data (bot/crisis_classifier.py); crisis_tune.yml is
    # a tuning set it trains on, so it is the one probe file left out of the check.
    for path in (ROOT / "data" / "safety").glob("*.yml"):
        training |= {_norm(item["text"]) for item in yaml.safe_load(path.read_text())}
    said = set()
    for name in SETS:
        for case in _cases(name):
            said.add(_norm(case["opening"]))
            said |= {_norm(i["text"]) for i in case.get("interject") or []}
            # Answers are mostly short phrases anyone would type; only sentences count.
            said |= {_norm(a) for a in (case.get("answers") or {}).values() if isinstance(a, str) and len(a.split()) > 6}
    said |= {_norm(p["text"]) for p in _probes() if not p["id"].startswith("probe-tune-")}
    # Short answers ("yes", "hi") are everywhere by nature; sentences must not be copied.
    copied = sorted(t for t in said & training if len(t.split()) > 3)
    assert not copied, copied[:10]


def test_repeated_questions_are_counted_by_why_they_were_asked_again():
    import bench_conversations as bench

    case = {"id": "t-1", "opening": "hi", "answers": {}, "expect": {"situation": "removal", "saved": True}}
    outcome = {"id": "t-1", "sender": "s-1", "repeats": ["hearing_date", "phone"], "crisis_checks": [], "stuck": 0, "turns": 6,
               "saved_turns": 6, "transcript": [],
               "repeat_kinds": [("hearing_date", bench.ALREADY_SAID), ("phone", bench.ASKED_TWICE)]}
    scored = bench.score([case], [outcome], {"s-1": {"situation": "removal"}}, [])
    assert scored["repeated_questions"] == 2
    assert scored["repeats_by_kind"] == {bench.ALREADY_SAID: {"hearing_date": 1}, bench.ASKED_TWICE: {"phone": 1}}
    # the record keeps the totals only: no question's name reaches docs/benchmarks.jsonl
    assert "repeats_by_kind" not in bench.RECORD_LABELS
