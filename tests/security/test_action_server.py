"""The action server accepts only the Rasa server: loopback by default, shared secret, JSON only.

Unit tests drive connectors/action_server.py's Sanic app in process (ASGI,
through httpx); the integration test at the end starts the real launcher the
way scripts/servers.py does and replays a fabricated tracker against it.
"""
from __future__ import annotations

import json
import logging
import stat
import types
import uuid
import zlib
from pathlib import Path

import httpx
import pytest
import yaml
from rasa_sdk import Action
from sanic import Sanic

from bot import action_token
from connectors import action_server
from .asgi import sanic_client

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "t0ken-" + "x" * 40
ACTION = "action_security_probe"


class ActionSecurityProbe(Action):
    """A harmless action for the app under test (the real ones write intakes)."""

    def name(self) -> str:
        return ACTION

    async def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(text="probe ran")
        return []


class ActionDomainProbe(Action):
    """Says which parts of the domain it was given."""

    def name(self) -> str:
        return "action_domain_probe"

    async def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(text=json.dumps({k: sorted(v)[:3] for k, v in sorted(domain.items())}))
        return []


PROBE_PACKAGE = types.ModuleType("security_probe_actions")
PROBE_PACKAGE.ActionSecurityProbe = ActionSecurityProbe
PROBE_PACKAGE.ActionDomainProbe = ActionDomainProbe


def action_call(name: str = ACTION) -> dict:
    """What Rasa posts to /webhook, with a fabricated tracker."""
    return {
        "next_action": name,
        "sender_id": "attacker",
        "version": "3.6.21",
        "domain": {},
        "tracker": {
            "sender_id": "attacker",
            "slots": {"contact_name": "Mallory", "contact_phone": "555 0000"},
            "latest_message": {"text": "hi", "intent": {"name": "greet"}, "entities": []},
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        },
    }


@pytest.fixture
async def client(monkeypatch):
    """An httpx client on the locked-down app, with Sanic's ASGI lifespan started."""
    monkeypatch.setattr(Sanic, "test_mode", True)  # one app name ("rasa_sdk") per test
    app = action_server.build_app(PROBE_PACKAGE, token=TOKEN)
    async with sanic_client(app, "http://action-server") as c:
        yield c


async def test_webhook_without_token_is_refused(client, caplog):
    with caplog.at_level(logging.WARNING):
        response = await client.post("/webhook", json=action_call())
    assert response.status_code == 401
    assert response.json() == {"error": "unauthorized"}
    assert "probe ran" not in response.text
    # Logged without anything from the request body.
    assert "missing token" in caplog.text
    assert "Mallory" not in caplog.text and "555 0000" not in caplog.text


@pytest.mark.parametrize("given", ["wrong", TOKEN[:-1], TOKEN + "x", TOKEN.upper(), "é" * 46])
async def test_webhook_with_wrong_token_is_refused(client, given):
    response = await client.post(
        "/webhook", content=json.dumps(action_call()),
        headers={"X-Action-Token": given.encode("utf-8"), "Content-Type": "application/json"},
    )
    assert response.status_code == 401


async def test_cross_site_text_plain_post_is_refused(client):
    """A browser's "simple" POST (no preflight) can't add the header, and text/plain is refused anyway."""
    body = json.dumps(action_call())
    plain = {"Content-Type": "text/plain;charset=UTF-8", "Origin": "https://evil.example"}
    assert (await client.post("/webhook", content=body, headers=plain)).status_code == 401
    with_token = dict(plain, **{"X-Action-Token": TOKEN})
    assert (await client.post("/webhook", content=body, headers=with_token)).status_code == 415
    form = {"Content-Type": "application/x-www-form-urlencoded", "X-Action-Token": TOKEN}
    assert (await client.post("/webhook", content=body, headers=form)).status_code == 415


async def test_correct_token_runs_the_action(client):
    response = await client.post("/webhook", json=action_call(), headers={"X-Action-Token": TOKEN})
    assert response.status_code == 200
    assert response.json()["responses"][0]["text"] == "probe ran"
    assert "access-control-allow-origin" not in response.headers  # no CORS: browsers never call it


async def test_correct_token_with_rasas_compressed_call(client):
    """Rasa may deflate the call (COMPRESS_ACTION_SERVER_REQUEST); still JSON, still accepted."""
    headers = {"X-Action-Token": TOKEN, "Content-Type": "application/json", "Content-Encoding": "deflate"}
    response = await client.post("/webhook", content=zlib.compress(json.dumps(action_call()).encode()), headers=headers)
    assert response.status_code == 200


async def test_other_routes_need_the_token_health_does_not(client):
    assert (await client.get("/actions")).status_code == 401
    listed = await client.get("/actions", headers={"X-Action-Token": TOKEN})
    assert listed.status_code == 200 and {"name": ACTION} in listed.json()
    # A preflight is answered by rasa_sdk's CORS layer before any check, but grants nothing.
    preflight = await client.options(
        "/webhook",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "x-action-token, content-type"},
    )
    assert not any(h.lower().startswith("access-control-allow") for h in preflight.headers)
    health = await client.get("/health")
    assert health.status_code == 200 and health.json() == {"status": "ok"}
    assert (await client.post("/health", json={})).status_code == 401


def test_default_bind_host_is_loopback(monkeypatch):
    monkeypatch.delenv("ACTION_SERVER_HOST", raising=False)
    assert action_server.bind_host() == "127.0.0.1"
    monkeypatch.setenv("ACTION_SERVER_HOST", "   ")
    assert action_server.bind_host() == "127.0.0.1"
    monkeypatch.setenv("ACTION_SERVER_HOST", "10.0.0.5")
    assert action_server.bind_host() == "10.0.0.5"


def test_an_app_without_a_usable_token_is_not_built(monkeypatch):
    monkeypatch.setattr(Sanic, "test_mode", True)
    with pytest.raises(action_token.TokenError):
        action_server.build_app(PROBE_PACKAGE, token="short")


# --- the secret -------------------------------------------------------------------------------


def test_token_file_is_created_private_and_reused(tmp_path, monkeypatch):
    monkeypatch.delenv("ACTION_SERVER_TOKEN", raising=False)
    data_dir = tmp_path / "fresh" / "var"
    monkeypatch.setenv("INTAKE_DATA_DIR", str(data_dir))
    first = action_token.action_server_token()
    path = data_dir / "action_server.token"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700  # created by it: private too
    assert len(first) >= 32 and path.read_text().strip() == first
    assert action_token.action_server_token() == first
    assert action_token.stored_token(data_dir) == first
    assert not [p for p in data_dir.iterdir() if p.name != "action_server.token"]  # no leftovers


def test_a_loosely_copied_token_file_is_made_private(tmp_path):
    path = tmp_path / "action_server.token"
    path.write_text(TOKEN + "\n")
    path.chmod(0o644)
    assert action_token.stored_token(tmp_path) == TOKEN
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_environment_variable_wins_and_must_be_strong(tmp_path, monkeypatch):
    monkeypatch.setenv("INTAKE_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("ACTION_SERVER_TOKEN", TOKEN)
    assert action_token.action_server_token() == TOKEN
    assert not (tmp_path / "var" / "action_server.token").exists()
    for weak in ("short", "has a space in it, long enough"):
        monkeypatch.setenv("ACTION_SERVER_TOKEN", weak)
        with pytest.raises(action_token.TokenError):
            action_token.action_server_token()


def test_cli_prints_the_token(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("ACTION_SERVER_TOKEN", raising=False)
    monkeypatch.setenv("INTAKE_DATA_DIR", str(tmp_path / "var"))
    assert action_token.main() == 0
    assert capsys.readouterr().out.strip() == (tmp_path / "var" / "action_server.token").read_text().strip()


def test_rasa_sends_the_token_from_endpoints_yml(monkeypatch):
    from rasa.utils.endpoints import read_endpoint_config

    monkeypatch.setenv("ACTION_ENDPOINT_URL", "http://127.0.0.1:5055/webhook")
    monkeypatch.setenv("RASA_TRACKER_DB", "unused.db")
    monkeypatch.setenv("ACTION_SERVER_TOKEN", TOKEN)
    endpoint = read_endpoint_config(str(ROOT / "endpoints.yml"), "action_endpoint")
    assert endpoint.headers == {action_token.HEADER: TOKEN}


def test_servers_start_both_with_the_same_secret(tmp_path):
    import servers

    env = servers.base_env(tmp_path, 5055)
    assert env["ACTION_SERVER_TOKEN"] == (tmp_path / "action_server.token").read_text().strip()
    assert "ACTION_SERVER_HOST" not in env
    assert servers.base_env(tmp_path, 5056)["ACTION_SERVER_TOKEN"] == env["ACTION_SERVER_TOKEN"]


# --- the real launcher --------------------------------------------------------------------------


@pytest.mark.integration
def test_real_action_server_refuses_a_fabricated_tracker(tmp_path):
    """The review's reproduction: a made-up /webhook call must not reach the actions."""
    import servers

    port = servers.free_port()
    env = servers.base_env(tmp_path / "var", port)
    url = f"http://127.0.0.1:{port}/webhook"
    call = action_call("action_submit_intake_form")
    call["sender_id"] = call["tracker"]["sender_id"] = f"forged-{uuid.uuid4().hex[:8]}"
    with servers.action_server(env, port, ROOT / "results" / "security" / "actions.log"):
        assert httpx.post(url, json=call, timeout=30).status_code == 401
        assert httpx.post(url, json=call, headers={"X-Action-Token": "guess" * 8}, timeout=30).status_code == 401
        plain = {"Content-Type": "text/plain", "X-Action-Token": env["ACTION_SERVER_TOKEN"]}
        assert httpx.post(url, content=json.dumps(call), headers=plain, timeout=30).status_code == 415
        listed = httpx.get(f"http://127.0.0.1:{port}/actions", headers={"X-Action-Token": env["ACTION_SERVER_TOKEN"]})
        assert listed.status_code == 200 and {"name": "action_submit_intake_form"} in listed.json()
    log = (ROOT / "results" / "security" / "actions.log").read_text()
    assert f"127.0.0.1:{port}" in log and "0.0.0.0" not in log
    assert "Mallory" not in log and env["ACTION_SERVER_TOKEN"] not in log
    intake_db = tmp_path / "var" / "intake.db"
    if intake_db.exists():
        import sqlite3

        with sqlite3.connect(intake_db) as db:
            tables = {r[0] for r in db.execute("select name from sqlite_master where type='table'")}
            if "intakes" in tables:
                assert db.execute("select count(*) from intakes").fetchone() == (0,)


def test_the_action_server_runs_its_actions_without_tensorflow():
    # A fresh process as `python -m connectors.action_server` makes it: the actions import, TensorFlow does not.
    import subprocess
    import sys

    code = ("import sys; from connectors import action_server; action_server.without_tensorflow(); "
            "import actions, spacy; from bot.places import resolver; "
            "print(sys.modules.get('tensorflow') is None, bool(resolver))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["True", "True"]


@pytest.mark.parametrize("deflated", [False, True])
async def test_a_call_without_the_domain_gets_the_projects_slots_and_forms(client, deflated):
    call = {k: v for k, v in action_call("action_domain_probe").items() if k != "domain"}
    headers = {"X-Action-Token": TOKEN, "Content-Type": "application/json"}
    body = json.dumps(call).encode()
    if deflated:
        headers["Content-Encoding"] = "deflate"
        body = zlib.compress(body)
    response = await client.post("/webhook", content=body, headers=headers)
    assert response.status_code == 200
    given = json.loads(response.json()["responses"][0]["text"])
    assert set(given) == {"forms", "slots"}
    assert "intake_form" in given["forms"] and given["slots"]


async def test_a_domain_rasa_sends_is_used_as_sent(client):
    call = dict(action_call("action_domain_probe"), domain={"slots": {"only_this": {}}})
    response = await client.post("/webhook", json=call, headers={"X-Action-Token": TOKEN})
    assert json.loads(response.json()["responses"][0]["text"]) == {"slots": ["only_this"]}


def test_the_action_servers_domain_is_what_rasa_would_send():
    # Rasa sends no domain (enable_selective_domain): the sections read from domain.yml
    # must be exactly the ones Rasa's own Domain would have sent.
    from rasa.shared.core.domain import Domain

    sent = Domain.load(str(ROOT / "domain.yml")).as_dict()
    ours = action_server.domain_sections()
    assert ours["forms"] == sent["forms"]
    assert {name: slot["mappings"] for name, slot in ours["slots"].items()} == \
        {name: slot["mappings"] for name, slot in sent["slots"].items()}
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    assert endpoints["action_endpoint"]["enable_selective_domain"] is True
