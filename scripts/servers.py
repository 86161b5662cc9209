"""Start and stop the assistant's servers for tests and benchmarks."""
from __future__ import annotations

import concurrent.futures
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Tuple

from bot import action_token

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, timeout: float = 180.0, proc: Optional[subprocess.Popen] = None) -> None:
    """Poll ``url`` until it answers 200, or fail (early if ``proc`` died)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before {url} answered")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f}s")


@contextlib.contextmanager
def process(args: List[str], env: Dict[str, str], log: Path) -> Iterator[subprocess.Popen]:
    """Run a server in its own process group; stop it (and its children) on exit."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "w") as out:
        proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            yield proc
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


@contextlib.contextmanager
def together(*servers: contextlib.AbstractContextManager) -> Iterator[List[subprocess.Popen]]:
    """Start several servers at once (as ``make run`` does), each waited for as its own manager does; stop them all."""
    with contextlib.ExitStack() as stack:
        with concurrent.futures.ThreadPoolExecutor(len(servers)) as pool:
            futures = [pool.submit(server.__enter__) for server in servers]
            concurrent.futures.wait(futures)
        for server, future in zip(servers, futures):
            if future.exception() is None:
                stack.push(server)  # stopped on the way out, even when another failed to start
        yield [future.result() for future in futures]


def group_stats(groups: Iterable[int], parents: Iterable[int] = ()) -> Iterator[Tuple[int, List[str]]]:
    """(pid, the fields of /proc/<pid>/stat after the name) of every process in the process
    groups ``groups`` (a server started by :func:`process` and its children), and of
    ``parents`` and their children."""
    groups, parents = set(groups), set(parents)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            pid = int(stat.parent.name)
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) in groups or pid in parents or int(fields[1]) in parents:  # pgrp, ppid
                yield pid, fields
        except (OSError, IndexError, ValueError):
            continue  # the process ended meanwhile


def base_env(data_dir: Path, action_port: int) -> Dict[str, str]:
    """The environment for both servers: one data directory, one shared secret."""
    env = dict(os.environ)
    env.pop("ACTION_SERVER_HOST", None)  # loopback, whatever the caller's shell says
    env.pop("TRANSCRIPTS_URL", None)  # transcripts in this data directory, not the caller's store
    env.update(
        INTAKE_DATA_DIR=str(data_dir),
        RASA_TRACKER_DB=str(data_dir / "tracker.db"),
        ACTION_ENDPOINT_URL=f"http://127.0.0.1:{action_port}/webhook",
        # Sent by Rasa (endpoints.yml) and checked by the action server.
        ACTION_SERVER_TOKEN=action_token.stored_token(data_dir),
        RASA_TELEMETRY_ENABLED="false",
        TF_CPP_MIN_LOG_LEVEL="2",
        SQLALCHEMY_SILENCE_UBER_WARNING="1",
    )
    return env


@contextlib.contextmanager
def action_server(env: Dict[str, str], port: int, log: Path) -> Iterator[subprocess.Popen]:
    # connectors/action_server.py: rasa_sdk's app on 127.0.0.1, requiring $ACTION_SERVER_TOKEN.
    with process([str(BIN / "python"), "-m", "connectors.action_server", "--port", str(port)], env, log) as proc:
        wait_for(f"http://127.0.0.1:{port}/health", proc=proc)
        yield proc


@contextlib.contextmanager
def rasa_server(env: Dict[str, str], port: int, log: Path, extra: List[str] = (),
                endpoints: str = "endpoints.yml") -> Iterator[subprocess.Popen]:
    # connectors/rasa_server.py: `rasa run` as Rasa's own command line runs it, without JAX.
    args = [
        str(BIN / "python"), "-m", "connectors.rasa_server", "run", "--model", "models",
        "--endpoints", endpoints, "--credentials", "credentials.yml",
        "--port", str(port), *extra,
    ]
    with process(args, env, log) as proc:
        # "/" answers once the model is loaded (no HTTP API is enabled).
        wait_for(f"http://127.0.0.1:{port}/", timeout=300, proc=proc)
        yield proc


@contextlib.contextmanager
def worker(env: Dict[str, str], log: Path, alert_seconds: float = 1.0) -> Iterator[subprocess.Popen]:
    """The background worker (``bot.worker``): alerts to the people on call, booking reminders."""
    args = [str(BIN / "python"), "-m", "bot.worker", "--alert-seconds", str(alert_seconds)]
    with process(args, env, log) as proc:
        yield proc


@contextlib.contextmanager
def web(env: Dict[str, str], port: int, log: Path) -> Iterator[subprocess.Popen]:
    """The web process (``python -m web``): the firm's site with the widget, and the staff app."""
    args = [str(BIN / "python"), "-m", "web", "--host", "127.0.0.1", "--port", str(port)]
    with process(args, env, log) as proc:
        wait_for(f"http://127.0.0.1:{port}/", timeout=60, proc=proc)
        yield proc
