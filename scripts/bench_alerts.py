"""Benchmark: how soon an urgent intake's alert reaches the people on call.

Starts the real worker process (``python -m bot.worker``) on a temporary data
directory with a local webhook receiver, saves urgent intakes one at a time
(as the action server does, through ``bot.store.save_intake``), and times each
from the save to the signed webhook POST arriving. The anchor is the worker's
own poll interval, measured in the same run: the ratio says how much of the
wait is the interval itself (a ratio near 0.5 means the sending adds little).

Writes the run's record (``scripts/bench_record.py``; --record keeps it).
Usage: .venv/bin/python scripts/bench_alerts.py [--intakes 40] [--interval 5] [--record]
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import bench_record  # noqa: E402
import servers  # noqa: E402

from bot import store  # noqa: E402
from bot.alerts import message  # noqa: E402

SECRET = b"bench-secret"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--intakes", type=int, default=40)
    parser.add_argument("--interval", type=float, default=5.0, help="the worker's seconds between passes (its default)")
    bench_record.add_argument(parser)
    args = parser.parse_args()

    arrived = {}
    signed = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - the stdlib's name
            body = self.rfile.read(int(self.headers["Content-Length"]))
            signed.append(message.verify_webhook(SECRET, self.headers["X-Intake-Timestamp"], body, self.headers["X-Intake-Signature"]))
            text = json.loads(body).get("text", "")
            number = text.split("intake #", 1)[1].split()[0] if "intake #" in text else "?"
            arrived.setdefault(number, time.monotonic())
            self.send_response(200)
            self.end_headers()

        def log_message(self, *a):
            pass

    hook = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=hook.serve_forever, daemon=True).start()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        env = servers.base_env(data, servers.free_port())
        env.update(ALERT_WEBHOOK_URL=f"http://127.0.0.1:{hook.server_address[1]}/", ALERT_WEBHOOK_SECRET=SECRET.decode(),
                   INTAKE_DB=str(data / "intake.db"))
        db = store.connect(data / "intake.db")
        saved_at = {}
        with servers.worker(env, data / "worker.log", alert_seconds=args.interval):
            time.sleep(2.0)  # the worker's start-up
            for i in range(args.intakes):
                time.sleep(rng.uniform(0, args.interval))  # visitors arrive at any moment of the interval
                intake = store.save_intake(db, f"bench-{i}", {
                    "status": "new", "state": "IL", "city": "Chicago", "situation": "detention",
                    "urgent": True, "urgency_reasons": ["detained_now"],
                })
                saved_at[str(intake["id"])] = time.monotonic()
            deadline = time.monotonic() + args.interval * 4 + 10
            while len(arrived) < len(saved_at) and time.monotonic() < deadline:
                time.sleep(0.05)
        db.conn.close()
    hook.shutdown()
    waits = sorted(arrived[k] - saved_at[k] for k in saved_at if k in arrived)
    missing = len(saved_at) - len(waits)
    if not waits:
        print("no alert arrived")
        return 1
    p95 = waits[min(len(waits) - 1, int(round(0.95 * len(waits))) - 1)]
    median = statistics.median(waits)
    print(f"urgent intake saved -> signed webhook received, {len(waits)} of {len(saved_at)} intakes, worker interval {args.interval:g} s")
    print(f"  median {median:.2f} s   p95 {p95:.2f} s   max {waits[-1]:.2f} s   missing {missing}   signatures valid {all(signed)}")
    print(f"  anchor: the poll interval, {args.interval:g} s; median / interval = {median / args.interval:.2f}x (0.5x = the wait for the next pass alone)")
    bench_record.record(
        "alerts", "make bench-alerts",
        {"intakes": len(saved_at), "median s": median, "p95 s": p95, "max s": waits[-1], "missing": missing,
         "signatures valid": all(signed)},
        anchor={"worker poll interval s": args.interval},
        ratio={"median / interval": median / args.interval},
        headline=["median s", "p95 s", "missing"], keep=args.record,
    )
    return 0 if not missing and all(signed) else 1


if __name__ == "__main__":
    sys.exit(main())
