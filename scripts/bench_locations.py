"""Accuracy and latency of the place resolver on the held-out replies.

    python scripts/bench_locations.py [tests/data/location_replies.yml]

Prints the share of replies whose state (and country, and city when given) is
right, every miss, and p50/p95 latency per call after warm-up.  Exits 0; the
tests hold the thresholds.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    path = Path(argv[0]) if argv else DEFAULT
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
    misses = [r for r in results if not r["state_ok"] or r["city_ok"] is False]
    if misses:
        print("\nmisses (want -> got as country/state/city):")
        for r in misses:
            kind = "STATE" if not r["state_ok"] else "city "
            print(f"  {kind} {r['text']!r}: {r['want']} -> {r['got']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
