"""The benchmark figures have one source, docs/benchmarks.jsonl, and every bench script writes it.

docs/benchmarks.md and the README's figures block are rendered from the records
(``make docs``); a hand edit or a record appended without ``make docs`` fails here.
"""
from __future__ import annotations

import ast
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
import bench_record  # noqa: E402
import benchmarks_doc  # noqa: E402

#: Each bench script and the record name(s) it writes.
SCRIPTS = {
    "bench_alerts.py": {"alerts"}, "bench_booking.py": {"booking"}, "bench_chat.py": {"chat"},
    "bench_conversations.py": {"conversations"}, "bench_locations.py": {"locations"},
    "bench_nlu.py": {"nlu", "nlu_es_booking"}, "bench_safety.py": {"safety"}, "bench_staff.py": {"staff"},
    "bench_updates.py": {"updates"}, "bench_upfront.py": {"upfront"}, "bench_scaled.py": {"scaled"},
}


@pytest.fixture(scope="module")
def records():
    return bench_record.load()


def test_docs_benchmarks_md_is_what_the_records_make(records):
    expected = benchmarks_doc.render_doc(records)
    assert benchmarks_doc.DOC.read_text(encoding="utf-8") == expected, "docs/benchmarks.md is stale or edited: run `make docs`"


def test_readme_figures_are_what_the_records_make(records):
    readme = benchmarks_doc.README.read_text(encoding="utf-8")
    block = readme[readme.index(benchmarks_doc.START):readme.index(benchmarks_doc.END) + len(benchmarks_doc.END)]
    assert block == benchmarks_doc.render_block(records), "README.md's figures block is stale or edited: run `make docs`"


def test_every_record_has_the_format(records):
    assert records
    for rec in records:
        assert list(rec) == list(bench_record.KEYS), rec["bench"]
        assert rec["figures"], rec["bench"]
        # A record either is a real run or says where its figures were copied from.
        assert rec["source"] == "run" or "as written there" in rec["source"]
        if rec["source"] == "run":
            datetime.strptime(rec["at"], "%Y-%m-%dT%H:%M:%SZ")
            assert rec["commit"] and rec["cores"] and rec["command"].startswith("scripts/bench_")


def test_every_benchmark_has_a_current_figure(records):
    assert {r["bench"] for r in records} == set().union(*SCRIPTS.values())


def test_every_bench_script_writes_a_record():
    """Each scripts/bench_*.py calls the shared helper with its benchmark's name (read from the code, not run)."""
    scripts = {p.name for p in (ROOT / "scripts").glob("bench_*.py")} - {"bench_record.py"}
    assert scripts == set(SCRIPTS)
    for name, benches in SCRIPTS.items():
        tree = ast.parse((ROOT / "scripts" / name).read_text(encoding="utf-8"))
        written = set()
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "record"
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "bench_record"):
                first = node.args[0]
                written |= {first.value} if isinstance(first, ast.Constant) else {
                    e.value for e in ast.walk(first) if isinstance(e, ast.Constant) and isinstance(e.value, str)}
            # bench_nlu names a scored file's record from a table (SCORE_RECORDS).
            if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "SCORE_RECORDS" for t in node.targets):
                written |= {v.value for v in node.value.values}
        assert benches <= written, f"{name} writes {written or 'no record'}"


def test_a_run_is_kept_only_when_asked(tmp_path, monkeypatch):
    monkeypatch.delenv("RECORD", raising=False)
    history = tmp_path / "benchmarks.jsonl"
    now = datetime(2026, 12, 4, 13, 40, 2, tzinfo=timezone.utc)
    rec = bench_record.make_record(
        "demo", "make bench-demo", {"p95 ms": 1.234567, "per set": {"a": 0.5}}, anchor={"p95 ms": 2.0},
        ratio={"p95 ms": 0.61}, headline=["p95 ms", "per set/a"],
        argv=[str(ROOT / "scripts" / "bench_demo.py"), "--runs", "3", "--record"], now=now,
    )
    assert rec["at"] == "2026-12-04T13:40:02Z"
    assert rec["command"] == "scripts/bench_demo.py --runs 3"
    assert rec["figures"] == {"p95 ms": 1.2346, "per set": {"a": 0.5}}
    assert rec["source"] == "run" and isinstance(rec["dirty"], bool) and rec["cores"]

    bench_record.save(rec, bench_record.wanted(), results=tmp_path / "results", history=history)
    assert json.loads((tmp_path / "results" / "demo.json").read_text()) == rec
    assert not history.exists()
    monkeypatch.setenv("RECORD", "1")
    bench_record.save(rec, bench_record.wanted(), results=tmp_path / "results", history=history)
    bench_record.save(rec, bench_record.wanted(), results=tmp_path / "results", history=history)
    assert bench_record.load(history) == [rec, rec]


def test_a_headline_must_name_a_figure():
    with pytest.raises(KeyError):
        bench_record.make_record("demo", "make bench-demo", {"p95 ms": 1.0}, headline=["p99 ms"])


def test_the_newest_record_of_each_benchmark_is_the_readme_row():
    old = {"bench": "booking", "make": "make bench-booking", "at": "2026-12-03", "commit": "aaaaaaa", "source": "x",
           "figures": {"compute p95 ms": 6.5}, "headline": ["compute p95 ms"]}
    new = {**old, "at": "2026-12-04T13:27:49Z", "commit": "bbbbbbb", "source": "run", "figures": {"compute p95 ms": 2.6}}
    block = benchmarks_doc.render_block([new, old])
    assert "**2.6**" in block and "**6.5**" not in block and "bbbbbbb" in block
    doc = benchmarks_doc.render_doc([old, new])
    assert doc.index("bbbbbbb") < doc.index("aaaaaaa (seeded)")


def test_slow_benchmarks_build_their_records_from_their_results():
    """The benchmarks not run by the tests (minutes each) still make a valid record from results shaped like theirs."""
    import bench_chat
    import bench_conversations
    import bench_locations
    import bench_nlu
    import bench_updates

    level = lambda n, rate: {"visitors": n, "think_s": 0.0, "messages": 25, "p50_ms": 23.3, "p95_ms": 28.1,  # noqa: E731
                             "messages_per_s": rate}
    chat = bench_chat.figures_of({
        "ours_1": level(1, 41.6), "stock_1": level(1, 30.0), "think": level(10, 7.0),
        "twenty": [{"ours": level(20, 44.2), "stock": level(20, 22.1), "ratio": 2.0}] * 2,
        "length": {"message_5_ms": 20.0, "message_50_ms": 22.0}, "cold_start_s": 14.0, "resident_mb": 1200.0,
        "conversations": 1000})
    score = {"conversations": 2, "all_right": 1, "saved": 2, "location_state": 1.0, "situation_macro_f1": 0.5,
             "urgent_accuracy": 1.0, "crisis_recall": None, "crisis_checks": 0, "probes_heard": None, "probe_replies": 0,
             "repeated_questions": 1, "median_turns_to_saved": 7, "replies_in_language": None, "replies_checked": 0}
    conversations = bench_conversations.figures_of({"heldout2": score})
    report = {"situation_family": {"precision": 1, "recall": 1, "f1-score": 0.9, "support": 3},
              "situation_other": {"precision": 1, "recall": 1, "f1-score": 0.7, "support": 3}, "accuracy": 0.8}
    nlu = bench_nlu.figures_of(report)
    locations = bench_locations.figures_of([{"state_ok": True, "country_ok": True, "city_ok": None}], [0.1, 0.2])
    updates = bench_updates.figures_of({"queries": 59, "precision_at_3": 0.93, "recall_at_3": 0.9},
                                       {"queries": 500, "p50_ms": 2.8, "p95_ms": 4.0, "max_ms": 9.0, "cpu_p95_ms": 3.0}, 10000)
    for bench, kwargs in {"chat": chat, "conversations": conversations, "nlu": nlu, "locations": locations, "updates": updates}.items():
        rec = bench_record.make_record(bench, f"make bench-{bench}", **kwargs)
        assert benchmarks_doc.render_block([rec]).count("**") >= 2, bench
