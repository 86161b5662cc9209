"""The scaled profile: PostgreSQL, Redis, several Rasa servers behind HAProxy.

``python scripts/scaled.py run`` (``make run-scaled``) starts, on loopback:

* PostgreSQL (``scripts/pg.py``, data in ``$SCALED_VAR/postgres``): the transcripts;
* Redis (``redis-server``, ``$SCALED_VAR/redis``): Rasa's lock store, so that one
  conversation's messages are handled one at a time whichever process gets them;
* one Rasa server per port of ``$RASA_PORTS`` (``endpoints.scaled.yml``);
* HAProxy in front of them on ``$BALANCER_PORT``: sticky by cookie (socket.io
  polls must reach the process holding their session), health-checked, and a
  request that fails to connect or gets no response is retried on another server;
* the action server, the web process and the worker: the data node, holding the
  intake database (SQLite, ``$SCALED_VAR/data``).

Every address and secret comes from ``scaled.env``, overridden by the
environment; an empty secret is generated once into ``$SCALED_VAR/data`` (0600).
The tests and ``scripts/bench_scaled.py`` build the same :class:`Topology` with
their own folder and free ports.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
import re
from typing import Dict, Iterator, List, Mapping, Optional, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pg  # noqa: E402
import servers  # noqa: E402

from bot import action_token  # noqa: E402

ROOT = servers.ROOT
ENV_FILE = ROOT / "scaled.env"
ENDPOINTS = "endpoints.scaled.yml"
# HAProxy's line for a server changing state: "Server rasa/rasa1 is DOWN, reason: Layer7 timeout, ..."
BALANCER_CHANGE = re.compile(r"Server rasa/(\w+) is (UP|DOWN), reason: ([^,\n]*)")
#: Secrets generated into the data folder when scaled.env and the environment leave them empty.
SECRETS = {"PG_PASSWORD": "postgres.password", "REDIS_PASSWORD": "redis.password",
           "ACTION_SERVER_TOKEN": action_token.FILE_NAME}


def read_env_file(path: Path = ENV_FILE) -> Dict[str, str]:
    """``KEY=value`` lines (``#`` comments, blank lines ignored; no shell expansion)."""
    values: Dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def settings(overrides: Optional[Mapping[str, str]] = None, environ: Mapping[str, str] = os.environ) -> Dict[str, str]:
    """scaled.env, then the environment, then ``overrides`` (tests: a folder, free ports)."""
    values = read_env_file()
    values.update({k: environ[k] for k in values if environ.get(k, "").strip()})
    values.update(overrides or {})
    return values


def missing_binaries() -> Optional[str]:
    """Why the scaled profile cannot run here, or None."""
    missing = [name for name in ("redis-server", "haproxy") if not _which(name)]
    reason = pg.missing_reason()
    if missing:
        reason = f"{', '.join(missing)} not installed: run `make deps-system` as root" + (f"; {reason}" if reason else "")
    return reason


def _which(name: str) -> Optional[str]:
    for folder in os.environ.get("PATH", "").split(os.pathsep) + ["/usr/sbin", "/usr/bin"]:
        candidate = Path(folder) / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return None


def _wait_port(host: str, port: int, proc: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"exited with {proc.returncode} before {host}:{port} listened")
        with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=1):
            return
        time.sleep(0.2)
    raise TimeoutError(f"{host}:{port} did not listen within {timeout:.0f}s")


def _private_file(path: Path, text: str) -> Path:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(text)
    return path


def haproxy_config(bind: str, rasa: List[str]) -> str:
    """HAProxy listening on ``bind`` (host:port) in front of the Rasa servers ``rasa``
    (host:port each; see the module docstring)."""
    backends = "\n".join(f"  server rasa{i} {address} check inter 1s fall 2 rise 2 cookie r{i}"
                         for i, address in enumerate(rasa, 1))
    return f"""# Written by scripts/scaled.py from scaled.env: edit that, not this.
global
  maxconn 4000

defaults
  mode http
  timeout connect 2s
  timeout client 120s
  timeout server 120s
  # socket.io's websocket stays open between messages
  timeout tunnel 1h
  # A server that refuses the connection or dies before answering: try again,
  # on another server (redispatch), with the request kept in the buffer.
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response
  option http-buffer-request

frontend chat
  bind {bind}
  # One id per request, kept when it is retried: Rasa answers a retry of a turn it
  # already saved from the saved replies (connectors/retries.py).
  unique-id-format %[uuid()]
  http-request set-header X-Request-ID %[unique-id]
  default_backend rasa

backend rasa
  balance roundrobin
  # socket.io's long polling needs every request of a session on the process that
  # holds it: a cookie sends a browser back to the same server while it is up.
  cookie RASA insert indirect nocache httponly
  option httpchk GET /
  http-check expect status 200
  # A Rasa server answers the check from the same event loop as the turns: under a burst
  # (200 visitors at once) it answers late but answers, and must stay in rotation, or
  # the balancer has "no server available" for everyone. A crashed server refuses the
  # connection, which fails the check at once whatever this says.
  timeout check 10s
  # Which process answered (no personal data): the tests check that turns were spread.
  http-response set-header X-Served-By %s
{backends}
"""


class Topology:
    """The processes of the scaled profile, started and stopped together."""

    def __init__(self, values: Mapping[str, str], logs: Optional[Path] = None) -> None:
        self.values = dict(values)
        self.host = self.values["SCALED_HOST"]
        self.var = (ROOT / self.values["SCALED_VAR"]).resolve()
        self.data_dir = self.var / "data"
        self.logs = logs or self.var / "logs"
        self.rasa_ports = [int(p) for p in self.values["RASA_PORTS"].split()]
        self.balancer_port = int(self.values["BALANCER_PORT"])
        self.action_port = int(self.values["ACTION_PORT"])
        self.web_port = int(self.values["WEB_PORT"])
        self._stack = contextlib.ExitStack()
        self.rasa: Dict[int, contextlib.ExitStack] = {}
        self.rasa_procs: Dict[int, subprocess.Popen] = {}
        self.procs: Dict[str, subprocess.Popen] = {}
        self.postgres: Optional[pg.PostgresServer] = None

    @property
    def chat_url(self) -> str:
        return f"http://{self.host}:{self.balancer_port}/webhooks/rest/webhook"

    def rasa_url(self, port: int) -> str:
        return f"http://{self.host}:{port}/webhooks/rest/webhook"

    def _folders(self) -> None:
        self.var.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.data_dir.mkdir(mode=0o700, exist_ok=True)
        (self.var / "redis").mkdir(mode=0o700, exist_ok=True)
        self.logs.mkdir(mode=0o700, parents=True, exist_ok=True)
        if self.var in self.logs.parents:
            self.logs.chmod(0o700)
        for folder in [self.var, *(f for f in self.var.parents if ROOT in f.parents)]:
            # PostgreSQL runs as its own user under root: it must pass through the folders
            # above its own (traverse only, no listing). Otherwise they are ours alone.
            folder.chmod(0o711 if os.geteuid() == 0 else 0o700)

    def _secret(self, key: str) -> str:
        if self.values.get(key, "").strip():
            return self.values[key].strip()
        return action_token.stored_secret(SECRETS[key], self.data_dir)

    def env(self) -> Dict[str, str]:
        """The environment of the Rasa servers and the data node's processes."""
        env = servers.base_env(self.data_dir, self.action_port)
        env.update(
            ACTION_ENDPOINT_URL=f"http://{self.host}:{self.action_port}/webhook",
            ACTION_SERVER_TOKEN=self._secret("ACTION_SERVER_TOKEN"),
            TRANSCRIPTS_URL=self.transcript_db_url,
            REDIS_HOST=self.host, REDIS_PORT=self.values["REDIS_PORT"], REDIS_DB=self.values["REDIS_DB"],
            REDIS_PASSWORD=self._secret("REDIS_PASSWORD"),
            TICKET_LOCK_LIFETIME=self.values["TICKET_LOCK_LIFETIME"],
            RASA_URL=f"http://localhost:{self.balancer_port}",
        )
        return env

    # --- the pieces ---------------------------------------------------------------------

    def start_postgres(self) -> None:
        self.postgres = pg.PostgresServer(self.var / "postgres", int(self.values["PG_PORT"]), self._secret("PG_PASSWORD"))
        self.postgres.start()
        self._stack.callback(self.postgres.stop)
        self.transcript_db_url = self.postgres.ensure_database(self.values["PG_DATABASE"])

    def start_redis(self) -> None:
        config = _private_file(self.var / "redis" / "redis.conf", "\n".join([
            f"bind {self.host}", f"port {self.values['REDIS_PORT']}", f"dir {self.var / 'redis'}",
            f"requirepass {self._secret('REDIS_PASSWORD')}",
            # Locks live for seconds: nothing to keep on disk.
            'save ""', "appendonly no", "protected-mode yes", "",
        ]))
        proc = self._stack.enter_context(servers.process([_which("redis-server") or "redis-server", str(config)],
                                                         dict(os.environ), self.logs / "redis.log"))
        _wait_port(self.host, int(self.values["REDIS_PORT"]), proc)
        self.procs["redis"] = proc

    def start_rasa(self, port: int) -> subprocess.Popen:
        origins = [f"http://localhost:{self.web_port}", f"http://127.0.0.1:{self.web_port}"]
        stack = contextlib.ExitStack()
        proc = stack.enter_context(servers.rasa_server(
            self._env, port, self.logs / f"rasa-{port}.log", endpoints=ENDPOINTS,
            extra=["-i", self.host, "--cors", *origins]))
        self.rasa[port], self.rasa_procs[port] = stack, proc
        return proc

    def stop_rasa(self, port: int) -> None:
        stack = self.rasa.pop(port, None)
        self.rasa_procs.pop(port, None)
        if stack:
            stack.close()

    def balancer_changes(self) -> List[Tuple[str, str, str]]:
        """What the balancer has said of its servers so far, in order: (server, "UP" or
        "DOWN", reason), read from its log (HAProxy reports every change of state)."""
        log = self.logs / "haproxy.log"
        text = log.read_text(errors="replace") if log.exists() else ""
        return BALANCER_CHANGE.findall(text)

    def wait_balanced(self, timeout: float = 60.0) -> None:
        """Wait until every running Rasa server is in the balancer's rotation."""
        names = {f"rasa{i}" for i, port in enumerate(self.rasa_ports, 1) if port in self.rasa_procs}
        deadline = time.monotonic() + timeout
        while True:
            state = {server: status for server, status, _ in self.balancer_changes()}
            down = sorted(name for name in names if state.get(name, "UP") != "UP")
            if not down:
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"{', '.join(down)} still out of the balancer's rotation after {timeout:.0f}s")
            time.sleep(0.2)

    def kill_rasa(self, port: int) -> None:
        """SIGKILL one Rasa server, as a crash would (no clean shutdown)."""
        proc = self.rasa_procs[port]
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        self.stop_rasa(port)

    def start_balancer(self) -> None:
        config = _private_file(self.var / "haproxy.cfg", haproxy_config(
            f"{self.host}:{self.balancer_port}", [f"{self.host}:{port}" for port in self.rasa_ports]))
        proc = self._stack.enter_context(servers.process([_which("haproxy") or "haproxy", "-db", "-f", str(config)],
                                                         dict(os.environ), self.logs / "haproxy.log"))
        servers.wait_for(f"http://{self.host}:{self.balancer_port}/", timeout=30, proc=proc)
        self.procs["haproxy"] = proc

    def start(self, rasa: bool = True, web: bool = True, worker: bool = True) -> "Topology":
        try:
            self._folders()
            self.start_postgres()
            self.start_redis()
            self._env = self.env()
            self.procs["actions"] = self._stack.enter_context(
                servers.action_server(self._env, self.action_port, self.logs / "actions.log"))
            if web:
                self.procs["web"] = self._stack.enter_context(servers.process(
                    [str(servers.BIN / "python"), "-m", "web", "--host", self.host, "--port", str(self.web_port)],
                    self._env, self.logs / "web.log"))
                servers.wait_for(f"http://{self.host}:{self.web_port}/", timeout=60, proc=self.procs["web"])
            if worker:
                self.procs["worker"] = self._stack.enter_context(servers.worker(
                    self._env, self.logs / "worker.log", alert_seconds=float(self.values.get("ALERT_SECONDS", "5"))))
            if rasa:
                for port in self.rasa_ports:
                    self.start_rasa(port)
                self.start_balancer()
            return self
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        for port in list(self.rasa):
            self.stop_rasa(port)
        self._stack.close()

    def __enter__(self) -> "Topology":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextlib.contextmanager
def running(values: Mapping[str, str], logs: Optional[Path] = None, **parts: bool) -> Iterator[Topology]:
    topology = Topology(values, logs)
    with topology.start(**parts):
        yield topology


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["run", "config", "haproxy"], help="run: start everything until Ctrl-C; "
                        "config: print the settings in use (secrets hidden); haproxy: print the balancer's "
                        "configuration for --bind and --rasa (docker-compose.yml's deploy/haproxy.cfg)")
    parser.add_argument("--bind", default="*:5005")
    parser.add_argument("--rasa", nargs="*", default=["rasa1:5005", "rasa2:5005"])
    args = parser.parse_args(argv)
    if args.command == "haproxy":
        print(haproxy_config(args.bind, args.rasa).replace("from scaled.env: edit that, not this", "haproxy --bind ... --rasa ...: rerun it, do not edit this"), end="")
        return 0
    values = settings()
    if args.command == "config":
        for key, value in values.items():
            print(f"{key}={'(set)' if key in SECRETS and value else value}")
        return 0
    reason = missing_binaries()
    if reason:
        print(reason, file=sys.stderr)
        return 1
    stopping = []
    # SIGINT too, explicitly: a shell that starts `make run-scaled` in the background
    # makes it ignore SIGINT, and Python then raises no KeyboardInterrupt.
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stopping.append(1))
    with running(values) as topology:
        print(f"chat: http://{topology.host}:{topology.balancer_port} (HAProxy) -> Rasa on "
              f"{', '.join(map(str, topology.rasa_ports))}; site and staff app: http://localhost:{topology.web_port}; "
              f"logs in {topology.logs}. Ctrl-C stops everything.", flush=True)
        while not stopping:
            time.sleep(1)
            dead = [name for name, proc in {**topology.procs, **{f"rasa {p}": q for p, q in topology.rasa_procs.items()}}.items()
                    if proc.poll() is not None]
            if dead:
                print(f"stopped: {', '.join(dead)} exited (see {topology.logs})", file=sys.stderr)
                return 1
        print("stopping everything", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
