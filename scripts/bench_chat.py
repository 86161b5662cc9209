"""Simulated visitors over the REST channel: reply latency and throughput, beside the stock Rasa bot.

Starts the action server and the Rasa server (trained model, SQL tracker store
on SQLite in a temporary data directory) and, as the anchor, Rasa's own starter
bot (``rasa init``, built by ``scripts/stock_bot.py``) served the same way. The
same driver sends both the same intake conversations, each a new sender:

* 1 visitor, and 20 concurrent visitors who wait for each reply (no think time),
  ours and the stock bot's alternately, in --trials trials (3 by default; which
  bot goes first alternates too); the ratio of messages per second in each
  trial, and the median of the trials;
* 10 visitors with 1 s think time (p95 latency);
* the 5th against the 50th message of long conversations, one at a time
  (--long, 20 by default: with 10, runs of the same code ranged from 1.2x to 1.45x);
* cold start (all four processes launched at once, to the first reply), and
  the resident memory of all of them after --conversations more conversations
  (1,000 by default; the target counts after 1,000).

Prints a table and writes the run's record (``scripts/bench_record.py``; ``--record``
keeps it). Absolute figures move a lot on a shared machine; the ratio to the stock
bot is measured in the same run.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Dict

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_record  # noqa: E402
import servers  # noqa: E402
import stock_bot  # noqa: E402

CONVERSATIONS = [
    ["hi", "yes", "houston tx", "I want to get a green card for my wife", "she is from mexico", "Maria Lopez", "312 555 0148", "yes"],
    ["ICE detained my husband this morning in chicago", "yes", "i dont know", "yesterday", "A123456789", "Rosa", "312 555 0177", "yes"],
    ["I have immigration court next week", "yes", "san diego", "/inform{\"removal_stage\":\"hearing\"}", "next tuesday", "i dont know", "Pedro", "619 555 0100", "yes"],
    ["hello", "yes", "i live in miami", "/situation_citizenship", "I have had my green card 6 years", "Li Wei", "305 555 0123", "yes"],
]


#: A long conversation: an intake, then questions a visitor may keep asking.
LONG = CONVERSATIONS[0] + ["how much is a consultation", "what are your hours", "is this confidential", "ok thanks"] * 12


async def visitor(client: httpx.AsyncClient, url: str, messages, latencies, think: float = 0.0,
                  must_reply: bool = True) -> None:
    sender = f"bench-{uuid.uuid4().hex[:12]}"
    for text in messages:
        start = time.perf_counter()
        response = await client.post(url, json={"sender": sender, "message": text})
        latencies.append(time.perf_counter() - start)
        response.raise_for_status()
        if must_reply and not response.json():
            raise RuntimeError(f"no reply to {text!r}")
        if think:
            await asyncio.sleep(think)


async def _own_client(url: str, messages, latencies, think: float, must_reply: bool) -> None:
    # Plain HTTP on loopback: no certificate store to load for every visitor (it cost the driver ~20 ms each).
    async with httpx.AsyncClient(timeout=60, verify=False) as client:
        await visitor(client, url, messages, latencies, think, must_reply)


async def run_level(url: str, concurrency: int, rounds: int, think: float = 0.0, must_reply: bool = True,
                    client_per_visitor: bool = False) -> dict:
    """``client_per_visitor``: each visitor its own connection and cookies, as browsers
    behind a balancer with sticky sessions (scripts/bench_scaled.py)."""
    latencies: list = []
    limits = httpx.Limits(max_connections=concurrency + 5)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        # warm-up, not measured
        await visitor(client, url, CONVERSATIONS[0], [], must_reply=must_reply)
        start = time.perf_counter()
        tasks = [
            _own_client(url, CONVERSATIONS[i % len(CONVERSATIONS)], latencies, think, must_reply) if client_per_visitor
            else visitor(client, url, CONVERSATIONS[i % len(CONVERSATIONS)], latencies, think, must_reply)
            for i in range(concurrency * rounds)
        ]
        semaphore = asyncio.Semaphore(concurrency)

        async def limited(task):
            async with semaphore:
                await task

        await asyncio.gather(*(limited(t) for t in tasks))
        elapsed = time.perf_counter() - start
    ordered = sorted(latencies)
    return {
        "visitors": concurrency,
        "think_s": think,
        "messages": len(latencies),
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 1),
        "messages_per_s": round(len(latencies) / elapsed, 1),
    }


def cpu_ns(*procs) -> int:
    """CPU time used so far by the process groups of ``procs`` (every thread), in ns (``/proc/<pid>/task/*/schedstat``)."""
    total = 0
    for pid, _ in servers.group_stats(proc.pid for proc in procs):
        for task in Path(f"/proc/{pid}/task").glob("*/schedstat"):
            try:
                total += int(task.read_text().split()[0])
            except (OSError, IndexError, ValueError):
                continue  # the thread ended meanwhile
    return total


async def by_position(url: str, conversations: int, positions=(5, 50), procs=()) -> dict:
    """Median latency of the message at each position (1-based) of long conversations, one at a time,
    and with ``procs`` (the servers), their mean CPU time per message at each position."""
    seen: Dict[int, list] = {p: [] for p in positions}
    cpu: Dict[int, list] = {p: [] for p in positions}
    async with httpx.AsyncClient(timeout=60) as client:
        for _ in range(conversations):
            sender = f"bench-{uuid.uuid4().hex[:12]}"
            for p, text in enumerate(LONG[:max(positions)], 1):
                before, start = cpu_ns(*procs) if procs else 0, time.perf_counter()
                response = await client.post(url, json={"sender": sender, "message": text})
                elapsed = time.perf_counter() - start
                response.raise_for_status()
                if not response.json():
                    raise RuntimeError(f"no reply to {text!r}")
                if p in seen:
                    seen[p].append(elapsed)
                    if procs:
                        cpu[p].append(cpu_ns(*procs) - before)
    out = {f"message_{p}_ms": round(statistics.median(v) * 1000, 1) for p, v in seen.items()}
    if procs:
        out.update({f"message_{p}_cpu_ms": round(statistics.mean(v) / 1e6, 1) for p, v in cpu.items()})
    return out


def resident_mb(*procs) -> float:
    """Resident memory of the process groups of ``procs`` (each server and its children), in MB."""
    total_kb = 0
    for pid, _ in servers.group_stats(proc.pid for proc in procs):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            total_kb += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
        except (OSError, StopIteration, ValueError):
            continue  # the process ended meanwhile
    return round(total_kb / 1024, 1)


def _level(r: dict) -> dict:
    return {"messages": r["messages"], "p50 ms": r["p50_ms"], "p95 ms": r["p95_ms"], "messages/s": r["messages_per_s"]}


def figures_of(result: dict) -> dict:
    """The record's figures (``bench_record.make_record`` keywords) from ``main``'s result."""
    trials = result["twenty"]
    median = lambda values: round(statistics.median(values), 2)  # noqa: E731
    length = result["length"]
    return {
        "figures": {
            "1 visitor": _level(result["ours_1"]),
            "20 visitors": {"messages/s": median([t["ours"]["messages_per_s"] for t in trials]),
                            "p95 ms": median([t["ours"]["p95_ms"] for t in trials])},
            "10 visitors, 1 s think": {"p95 ms": result["think"]["p95_ms"]},
            "long conversations": {"message 5 ms": length["message_5_ms"], "message 50 ms": length["message_50_ms"],
                                   "50th / 5th": round(length["message_50_ms"] / length["message_5_ms"], 2),
                                   "conversations": length.get("conversations", 10),
                                   **({"CPU 50th / 5th": round(length["message_50_cpu_ms"] / length["message_5_cpu_ms"], 2)}
                                      if "message_5_cpu_ms" in length else {})},
            "cold start s": result["cold_start_s"],
            "resident MB, all four processes": result["resident_mb"],
            "conversations before memory was read": result["conversations"],
        },
        "anchor": {"1 visitor": _level(result["stock_1"]),
                   "20 visitors": {"messages/s": median([t["stock"]["messages_per_s"] for t in trials])}},
        "ratio": {"20 visitors": {"messages/s": median([t["ratio"] for t in trials])},
                  "20 visitors, each trial": {"messages/s": ", ".join(f"{t['ratio']:.2f}" for t in trials)}},
        "targets": {"20 visitors/messages/s": ">= 2.0x the stock rasa init bot", "10 visitors, 1 s think/p95 ms": "<= 250",
                    "long conversations/50th / 5th": "<= 1.2", "cold start s": "<= 20", "resident MB, all four processes": "<= 1,500 after 1,000 conversations"},
        "headline": ["20 visitors/messages/s", "10 visitors, 1 s think/p95 ms", "long conversations/50th / 5th",
                     "cold start s", "resident MB, all four processes"],
        "note": "anchor: the stock `rasa init` bot (scripts/stock_bot.py), served the same way, run alternately with ours; "
                f"20 visitors: the median of {len(trials)} alternating trials",
    }


def print_length(length: dict) -> None:
    print(f"long conversations ({length['conversations']}): message 5 {length['message_5_ms']} ms, message 50 "
          f"{length['message_50_ms']} ms, {length['message_50_ms'] / length['message_5_ms']:.2f}x (target 1.2x); "
          f"CPU of the Rasa and action servers {length['message_5_cpu_ms']} and {length['message_50_cpu_ms']} ms, "
          f"{length['message_50_cpu_ms'] / length['message_5_cpu_ms']:.2f}x")


def only(args, result: dict, url: str, processes) -> int:
    """``--only``: the cold start (with each process's CPU seconds to the first reply), then the long conversations."""
    tick = os.sysconf("SC_CLK_TCK")
    names = ("actions", "rasa", "web", "worker")
    cpu = {name: round(sum(int(f[11]) + int(f[12]) for _, f in servers.group_stats([proc.pid])) / tick, 1)
           for name, proc in zip(names, processes)}
    print(f"cold start to the first reply: {result['cold_start_s']} s (target 20); CPU seconds by then: "
          + ", ".join(f"{name} {seconds}" for name, seconds in cpu.items()))
    if args.only == "length":
        length = {**asyncio.run(by_position(url, args.long, procs=processes[:2])), "conversations": args.long}
        print_length(length)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3, help="conversations per visitor")
    parser.add_argument("--trials", type=int, default=3,
                        help="alternating trials of 20 visitors on ours and on the stock bot (the median is kept)")
    parser.add_argument("--conversations", type=int, default=1000, help="conversations before memory is read")
    parser.add_argument("--long", type=int, default=20, help="long conversations for the 5th against the 50th message")
    parser.add_argument("--only", choices=["cold-start", "length"],
                        help="only the cold start, or the cold start and long conversations (printed, not recorded)")
    bench_record.add_argument(parser)
    args = parser.parse_args()
    home = None if args.only else stock_bot.build()
    data_dir = Path(tempfile.mkdtemp(prefix="intake-bench-"))
    action_port, rasa_port, stock_port, web_port = (servers.free_port() for _ in range(4))
    env = servers.base_env(data_dir, action_port)
    logs = servers.ROOT / "results" / "bench_chat"
    ours_url = f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook"
    stock_url = f"http://127.0.0.1:{stock_port}/webhooks/rest/webhook"
    result: Dict[str, object] = {}
    # Both servers at once, as `make run` starts them: cold start is launch to the first reply.
    started = time.perf_counter()
    with servers.together(servers.action_server(env, action_port, logs / "actions.log"),
                          servers.rasa_server(env, rasa_port, logs / "rasa.log"),
                          servers.web(env, web_port, logs / "web.log"),
                          servers.worker(env, logs / "worker.log", alert_seconds=5.0)) as processes:
        asyncio.run(visitor(httpx.AsyncClient(timeout=60), ours_url, ["hi"], []))
        result["cold_start_s"] = round(time.perf_counter() - started, 1)
        if args.only:
            return only(args, result, ours_url, processes)
        with stock_bot.server(env, stock_port, logs / "stock.log", home):
            result["ours_1"] = asyncio.run(run_level(ours_url, 1, args.rounds))
            result["stock_1"] = asyncio.run(run_level(stock_url, 1, args.rounds, must_reply=False))
            trials = []
            for trial in range(args.trials):
                # Alternately, so drift in the machine falls on both; which goes first alternates too.
                runs = {"ours": lambda: asyncio.run(run_level(ours_url, 20, args.rounds)),
                        "stock": lambda: asyncio.run(run_level(stock_url, 20, args.rounds, must_reply=False))}
                order = ("ours", "stock") if trial % 2 == 0 else ("stock", "ours")
                levels = {name: runs[name]() for name in order}
                ours, stock = levels["ours"], levels["stock"]
                trials.append({"ours": ours, "stock": stock,
                               "ratio": round(ours["messages_per_s"] / stock["messages_per_s"], 2)})
            result["twenty"] = trials
        result["think"] = asyncio.run(run_level(ours_url, 10, 1, think=1.0))
        result["length"] = {**asyncio.run(by_position(ours_url, args.long, procs=processes[:2])),
                            "conversations": args.long}
        rounds = max(1, -(-args.conversations // 20))  # 20 visitors, each conversation a new sender
        asyncio.run(run_level(ours_url, 20, rounds))
        result["conversations"] = 20 * rounds
        result["resident_mb"] = resident_mb(*processes)
    print(f"{'bot':<8} {'visitors':>8} {'think s':>7} {'messages':>8} {'p50 ms':>8} {'p95 ms':>8} {'msgs/s':>8}")
    rows = [("ours", result["ours_1"]), ("stock", result["stock_1"])]
    for trial in trials:
        rows += [("ours", trial["ours"]), ("stock", trial["stock"])]
    rows.append(("ours", result["think"]))
    for bot, r in rows:
        print(f"{bot:<8} {r['visitors']:>8} {r['think_s']:>7} {r['messages']:>8} {r['p50_ms']:>8} {r['p95_ms']:>8} {r['messages_per_s']:>8}")
    ratios = [t["ratio"] for t in trials]
    print(f"20 visitors, ours / stock rasa init: {', '.join(f'{r:.2f}x' for r in ratios)}, median "
          f"{statistics.median(ratios):.2f}x (target 2.0x)")
    print(f"10 visitors with 1 s think time: p95 {result['think']['p95_ms']} ms (target 250)")
    print_length(result["length"])
    print(f"cold start to the first reply: {result['cold_start_s']} s (target 20); resident memory of all four "
          f"processes after {result['conversations']} more conversations: {result['resident_mb']} MB (target 1,500)")
    bench_record.record("chat", "make bench-chat", keep=args.record, **figures_of(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
