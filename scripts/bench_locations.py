"""Accuracy and latency of the place resolver on the held-out replies.

    python scripts/bench_locations.py [tests/data/location_replies.yml] [--record]

Prints the share of replies whose state (and country, and city when given) is
right, every miss, and p50/p95 latency per call after warm-up, and writes the
run's record (``scripts/bench_record.py``; ``--record`` keeps it).  Exits 0; the
tests hold the thresholds.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
import bench_record  # noqa: E402

from bot.places import resolver  # noqa: E402

DEFAULT = ROOT / "tests" / "data" / "location_replies.yml"


def evaluate(cases):
    """(results, latencies_ms): one dict per case with what was expected and got."""
    results, latencies = [], []
    for case in cases:
        start = time.perf_counter()
        place = resolver.resolve(case["text"])
        latencies.append((time.perf_counter() - start) * 1000)
        got_country = place.country_code if place else None
        got_state = place.state if place else None
        got_city = place.city if place else None
        city_ok = None
        if case.get("city"):
            city_ok = got_city is not None and got_city.lower() == case["city"].lower()
        results.append(
            {
                "text": case["text"],
                "want": (case.get("country"), case.get("state"), case.get("city")),
                "got": (got_country, got_state, got_city),
                "state_ok": got_state == case.get("state")
                and (got_country == case.get("country")),
                "country_ok": got_country == case.get("country"),
                "city_ok": city_ok,
            }
        )
    return results, latencies


def percentile(values, pct):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def figures_of(results, latencies) -> dict:
    """The record's figures (``bench_record.make_record`` keywords)."""
    n = len(results)
    with_city = [r for r in results if r["city_ok"] is not None]
    state_ok = sum(r["state_ok"] for r in results)
    return {
        "figures": {"replies": n, "state right": state_ok, "state right share": state_ok / n,
                    "country right": sum(r["country_ok"] for r in results),
                    "city right": sum(r["city_ok"] for r in with_city), "replies naming a city": len(with_city),
                    "p50 ms": statistics.median(latencies), "p95 ms": percentile(latencies, 95)},
        "targets": {"state right share": ">= 0.97"},
        "headline": ["state right share", "state right", "p95 ms"],
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("replies", nargs="?", default=str(DEFAULT))
    bench_record.add_argument(parser)
    args = parser.parse_args(argv)
    path = Path(args.replies)
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    warm = time.perf_counter()
    resolver.warm_up()
    warm = time.perf_counter() - warm
    results, _ = evaluate(cases)  # first pass: caches warm
    results, latencies = evaluate(cases)
    n = len(results)
    state_ok = sum(r["state_ok"] for r in results)
    country_ok = sum(r["country_ok"] for r in results)
    with_city = [r for r in results if r["city_ok"] is not None]
    city_ok = sum(r["city_ok"] for r in with_city)
    print(f"replies: {n}  (warm-up {warm:.1f} s)")
    print(f"state correct:   {state_ok}/{n} = {100 * state_ok / n:.1f}%")
    print(f"country correct: {country_ok}/{n} = {100 * country_ok / n:.1f}%")
    if with_city:
        print(f"city correct:    {city_ok}/{len(with_city)} = "
              f"{100 * city_ok / len(with_city):.1f}% (of replies that name one)")
    print(f"latency: p50 {statistics.median(latencies):.2f} ms, "
          f"p95 {percentile(latencies, 95):.2f} ms, max {max(latencies):.2f} ms")
    bench_record.record("locations", "make bench-nlu", keep=args.record, **figures_of(results, latencies))
    misses = [r for r in results if not r["state_ok"] or r["city_ok"] is False]
    if misses:
        print("\nmisses (want -> got as country/state/city):")
        for r in misses:
            kind = "STATE" if not r["state_ok"] else "city "
            print(f"  {kind} {r['text']!r}: {r['want']} -> {r['got']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
