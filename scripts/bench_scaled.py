"""The scaled profile's throughput: 1 and 2 Rasa processes behind HAProxy, and CPU per message.

Starts the scaled profile (``scripts/scaled.py``: PostgreSQL, Redis, HAProxy,
two Rasa servers, the action server; no web process or worker) in a temporary
folder, then drives 20 concurrent visitors (``bench_chat.run_level``, each
visitor its own client and cookie, as browsers are) through the balancer:

* with 2 Rasa processes;
* with 1 (the second stopped; the balancer's health check takes it out);

each twice, alternately. For every level it reads the CPU seconds each
process used (``/proc``), so that a firm can size a bigger machine: Rasa's CPU
per message gives messages per second per core. Prints a table and writes the
run's record (``scripts/bench_record.py``; ``--record`` keeps it).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, Iterable, List

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_chat  # noqa: E402
import bench_record  # noqa: E402
import scaled  # noqa: E402
import servers  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")
VISITORS = 20


def cpu_seconds(groups: Iterable[int] = (), parents: Iterable[int] = ()) -> float:
    """User + system CPU seconds of the processes in process groups ``groups``, and of
    ``parents`` and their children (PostgreSQL's backends are the postmaster's children)."""
    ticks = sum(int(fields[11]) + int(fields[12]) for _, fields in servers.group_stats(groups, parents))  # utime, stime
    return ticks / TICK


def _postmaster(top: scaled.Topology) -> int:
    return int((top.postgres.data / "postmaster.pid").read_text().split()[0])


def measure(top: scaled.Topology, rounds: int) -> dict:
    """One level through the balancer, with the CPU each kind of process spent."""
    kinds = {
        "rasa": lambda: cpu_seconds(groups=[p.pid for p in top.rasa_procs.values()]),
        "actions": lambda: cpu_seconds(groups=[top.procs["actions"].pid]),
        "postgres": lambda: cpu_seconds(parents=[_postmaster(top)]),
        "redis": lambda: cpu_seconds(groups=[top.procs["redis"].pid]),
        "haproxy": lambda: cpu_seconds(groups=[top.procs["haproxy"].pid]),
        # This process only: the servers are its children, counted above.
        "driver": lambda: sum(os.times()[:2]),
    }
    before = {k: f() for k, f in kinds.items()}
    level = asyncio.run(bench_chat.run_level(top.chat_url, VISITORS, rounds, client_per_visitor=True))
    spent = {k: f() - before[k] for k, f in kinds.items()}
    # The warm-up conversation is included in the CPU but not in the count: a small overestimate.
    level["cpu_ms_per_message"] = {k: round(1000 * v / level["messages"], 1) for k, v in spent.items()}
    return level


def figures_of(result: Dict[str, List[dict]]) -> dict:
    mean = lambda values: round(statistics.mean(values), 1)  # noqa: E731
    one, two = result["1"], result["2"]

    def level(trials: List[dict]) -> dict:
        return {"messages/s": mean([t["messages_per_s"] for t in trials]), "p95 ms": mean([t["p95_ms"] for t in trials])}

    cpu = {k: mean([t["cpu_ms_per_message"][k] for t in two]) for k in two[0]["cpu_ms_per_message"]}
    server_side = sum(v for k, v in cpu.items() if k != "driver")
    return {
        "figures": {
            "2 Rasa processes": level(two),
            "2 vs 1 processes": {"messages/s": round(mean([t["messages_per_s"] for t in two])
                                                    / mean([t["messages_per_s"] for t in one]), 2)},
            "CPU ms per message (2 processes)": cpu,
            "messages per second per core": {"Rasa alone": round(1000 / cpu["rasa"], 1),
                                    "whole server side": round(1000 / server_side, 1)},
        },
        "anchor": {"1 Rasa process": level(one)},
        "ratio": {"2 vs 1 processes": {"messages/s": round(mean([t["messages_per_s"] for t in two])
                                                          / mean([t["messages_per_s"] for t in one]), 2)}},
        "headline": ["2 Rasa processes/messages/s", "2 vs 1 processes/messages/s", "messages per second per core/Rasa alone"],
        "note": (f"{VISITORS} visitors without think time through HAProxy, each its own client and cookie; "
                 "anchor: the same with the second Rasa process stopped. On 2 cores shared by every process "
                 "(and the driver), a second Rasa process cannot double throughput: see the README's scaled section."),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=2, help="conversations per visitor at each level")
    parser.add_argument("--trials", type=int, default=2, help="times each level is run, alternately")
    bench_record.add_argument(parser)
    args = parser.parse_args()
    reason = scaled.missing_binaries()
    if reason:
        print(reason, file=sys.stderr)
        return 1
    free = servers.free_port
    values = scaled.settings(dict(
        SCALED_VAR=tempfile.mkdtemp(prefix="intake-bench-scaled-"), BALANCER_PORT=str(free()),
        RASA_PORTS=f"{free()} {free()}", ACTION_PORT=str(free()), WEB_PORT=str(free()),
        PG_PORT=str(free()), REDIS_PORT=str(free())))
    result: Dict[str, List[dict]] = {"1": [], "2": []}
    with scaled.running(values, logs=servers.ROOT / "results" / "bench_scaled", web=False, worker=False) as top:
        second = top.rasa_ports[1]
        for _ in range(args.trials):
            if second not in top.rasa_procs:
                top.start_rasa(second)
                time.sleep(3)  # the health check (every second, up after two) puts it back
            result["2"].append(measure(top, args.rounds))
            top.stop_rasa(second)
            time.sleep(3)  # and takes it out
            result["1"].append(measure(top, args.rounds))
    print(f"{'Rasa processes':<15} {'messages':>8} {'p50 ms':>8} {'p95 ms':>8} {'msgs/s':>8}  CPU ms per message")
    for n in ("1", "2"):
        for r in result[n]:
            cpu = ", ".join(f"{k} {v}" for k, v in r["cpu_ms_per_message"].items())
            print(f"{n:<15} {r['messages']:>8} {r['p50_ms']:>8} {r['p95_ms']:>8} {r['messages_per_s']:>8}  {cpu}")
    raw = servers.ROOT / "results" / "bench_scaled" / "levels.json"
    raw.write_text(json.dumps(result, indent=2))  # kept even if the record below fails
    figures = figures_of(result)
    print(f"2 vs 1 processes: {figures['ratio']['2 vs 1 processes']['messages/s']}x messages/s; "
          f"per core: {figures['figures']['messages per second per core']}")
    bench_record.record("scaled", "make bench-scaled", keep=args.record, **figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
