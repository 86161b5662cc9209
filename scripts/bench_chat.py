"""Simulated visitors over the REST channel: reply latency and throughput.

Starts the action server and the Rasa server (trained model, SQL tracker store
on SQLite in a temporary data directory), then drives complete intake
conversations with 1 and with 20 concurrent visitors. Each visitor waits for
the reply before sending the next message (no think time). Prints p50/p95
latency per message and messages per second, and writes the run's record
(``scripts/bench_record.py``; ``--record`` keeps it). Absolute figures move a lot
on a shared machine: compare runs made side by side.
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_record  # noqa: E402
import servers  # noqa: E402

CONVERSATIONS = [
    ["hi", "yes", "houston tx", "I want to get a green card for my wife", "she is from mexico", "Maria Lopez", "312 555 0148", "yes"],
    ["ICE detained my husband this morning in chicago", "yes", "i dont know", "yesterday", "A123456789", "Rosa", "312 555 0177", "yes"],
    ["I have immigration court next week", "yes", "san diego", "/inform{\"removal_stage\":\"hearing\"}", "next tuesday", "i dont know", "Pedro", "619 555 0100", "yes"],
    ["hello", "yes", "i live in miami", "/situation_citizenship", "I have had my green card 6 years", "Li Wei", "305 555 0123", "yes"],
]


async def visitor(client: httpx.AsyncClient, url: str, messages, latencies) -> None:
    sender = f"bench-{uuid.uuid4().hex[:12]}"
    for text in messages:
        start = time.perf_counter()
        response = await client.post(url, json={"sender": sender, "message": text})
        latencies.append(time.perf_counter() - start)
        response.raise_for_status()
        if not response.json():
            raise RuntimeError(f"no reply to {text!r}")


async def run_level(url: str, concurrency: int, rounds: int) -> dict:
    latencies: list = []
    limits = httpx.Limits(max_connections=concurrency + 5)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        # warm-up, not measured
        await visitor(client, url, CONVERSATIONS[0], [])
        start = time.perf_counter()
        tasks = [
            visitor(client, url, CONVERSATIONS[i % len(CONVERSATIONS)], latencies)
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
        "messages": len(latencies),
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 1),
        "messages_per_s": round(len(latencies) / elapsed, 1),
    }


def figures_of(results: list) -> dict:
    """The record's figures (``bench_record.make_record`` keywords) from the levels' results."""
    label = lambda n: f"{n} visitor{'s' if n != 1 else ''}"  # noqa: E731
    return {
        "figures": {label(r["visitors"]): {"messages": r["messages"], "p50 ms": r["p50_ms"], "p95 ms": r["p95_ms"],
                                           "messages/s": r["messages_per_s"]} for r in results},
        "headline": [f"{label(r['visitors'])}/{k}" for r in results for k in (("p50 ms", "p95 ms") if r["visitors"] == 1 else ("messages/s",))],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3, help="conversations per visitor")
    bench_record.add_argument(parser)
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="intake-bench-"))
    action_port, rasa_port = servers.free_port(), servers.free_port()
    env = servers.base_env(data_dir, action_port)
    logs = servers.ROOT / "results" / "bench_chat"
    results = []
    with servers.action_server(env, action_port, logs / "actions.log"):
        with servers.rasa_server(env, rasa_port, logs / "rasa.log"):
            url = f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook"
            for concurrency in (1, 20):
                results.append(asyncio.run(run_level(url, concurrency, args.rounds)))
    print(f"{'visitors':>8} {'messages':>8} {'p50 ms':>8} {'p95 ms':>8} {'msgs/s':>8}")
    for r in results:
        print(f"{r['visitors']:>8} {r['messages']:>8} {r['p50_ms']:>8} {r['p95_ms']:>8} {r['messages_per_s']:>8}")
    bench_record.record("chat", "make bench-chat", keep=args.record, **figures_of(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
