"""Where the Rasa server's time goes under load: a py-spy profile of it while 20 visitors chat.

Starts the servers as ``bench_chat`` does, samples the Rasa server process with
py-spy while 20 concurrent visitors run the intake conversations, and writes
``results/profile_chat/rasa.svg`` (a flame graph) and ``rasa.txt`` (collapsed
stacks). Prints the 20 functions with the largest share of samples (inclusive),
grouped as module:function.
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_chat  # noqa: E402
import servers  # noqa: E402

OUT = servers.ROOT / "results" / "profile_chat"


#: Where a turn's time goes, by the frame each part runs under (inclusive shares).
PARTS = {
    "tracker retrieve": "tracker_store.py:retrieve",
    "tracker save": "tracker_store.py:save",
    "NLU (parse_message)": "processor.py:parse_message",
    "policies (predict_next_action)": "processor.py:predict_next_with_tracker_if_should",
    "remote action call": "action.py:run",
    "action response validation (jsonschema)": "action_response_check.py:_validate_action_result",
    "events from dicts (Event subclass lookup)": "events.py:from_parameters",
    "responses (NLG)": "generator.py:generate",
}


def _frames(collapsed: Path):
    for line in collapsed.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            # "function (path/to/module.py:line)" -> "module.py:function"
            yield [f"{Path(where.split(':')[0]).name}:{name}" for name, _, where in (f.partition(" (") for f in stack.split(";"))], int(count)


def shares(collapsed: Path, n: int = 20):
    """Samples in all, the inclusive share of each of ``PARTS``, and the ``n`` functions with the most self time."""
    inclusive: collections.Counter = collections.Counter()
    own: collections.Counter = collections.Counter()
    total = 0
    for frames, count in _frames(collapsed):
        total += count
        own[frames[-1]] += count
        for part, frame in PARTS.items():
            if frame in frames:
                inclusive[part] += count
    total = total or 1
    return total, {part: inclusive[part] / total for part in PARTS}, [(f, c / total) for f, c in own.most_common(n)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=4, help="conversations per visitor")
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="intake-profile-"))
    action_port, rasa_port = servers.free_port(), servers.free_port()
    env = servers.base_env(data_dir, action_port)
    url = f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook"
    OUT.mkdir(parents=True, exist_ok=True)
    with servers.action_server(env, action_port, OUT / "actions.log"):
        with servers.rasa_server(env, rasa_port, OUT / "rasa.log") as rasa:
            asyncio.run(bench_chat.run_level(url, 1, 1))  # warm
            spy = servers.BIN / "py-spy"
            raw, svg = OUT / "rasa.txt", OUT / "rasa.svg"
            recorders = [subprocess.Popen([str(spy), "record", "--pid", str(rasa.pid), "--rate", "200", "--format", fmt,
                                           "--output", str(out), "--nonblocking"],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                         for fmt, out in (("raw", raw), ("flamegraph", svg))]
            level = asyncio.run(bench_chat.run_level(url, 20, args.rounds))
            for recorder in recorders:
                recorder.send_signal(2)  # SIGINT: py-spy writes its output and exits
                recorder.wait(timeout=60)
    total, parts, rows = shares(raw)
    print(f"20 visitors: {level['messages_per_s']} messages/s, {total} samples of the Rasa server")
    print(f"{'share':>6}  part of a turn (inclusive)")
    for part, share in parts.items():
        print(f"{share:>6.1%}  {part}")
    print(f"{'share':>6}  function (self time)")
    for frame, share in rows:
        print(f"{share:>6.1%}  {frame}")
    print(f"flame graph: {svg.relative_to(servers.ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
