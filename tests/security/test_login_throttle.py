"""Finding 6: the login throttle cannot be bypassed with ``X-Forwarded-For``,
limits both guessing an account and locking accounts out, and the audit log
records the real peer.
"""
from __future__ import annotations

import ipaddress
import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from bot import settings
from bot.staff import accounts, audit
from staff_support import PASSWORD, add_user, csrf_from, intake_db
from web.app import create_app
from web.staff.auth import DEVICE_COOKIE, SESSION_COOKIE
from bot.firm import deployment as firm_deployment

ROOT = Path(__file__).resolve().parents[2]
PROXY = "10.0.0.2"


def deployment(*proxies: str) -> settings.Deployment:
    return settings.Deployment("development", False, settings.parse_networks(list(proxies)))


def browser(peer: str = "198.51.100.20", proxies=()) -> TestClient:
    """A browser whose connection comes from ``peer``."""
    return TestClient(create_app(deployment=deployment(*proxies)), client=(peer, 40000), follow_redirects=False)


def attempt(c: TestClient, email: str, password: str, forwarded_for: str = None):
    page = c.get("/staff/login")
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return c.post("/staff/login", data={"email": email, "password": password, "csrf_token": csrf_from(page.text)}, headers=headers)


def forget_session(c: TestClient) -> None:
    """Log out the simple way: keep only the browser's device cookie."""
    device = c.cookies.get(DEVICE_COOKIE)
    c.cookies.clear()
    c.cookies.set(DEVICE_COOKIE, device, path="/staff/login")


def test_rotating_x_forwarded_for_does_not_escape_the_per_client_limit():
    """The review's reproduction: a new X-Forwarded-For on every attempt."""
    c = browser()
    for i in range(accounts.MAX_FAILURES_PER_CLIENT):
        assert attempt(c, f"guess{i}@firm.example", "wrong", forwarded_for=f"203.0.113.{i}").status_code == 400
    assert attempt(c, "guess-next@firm.example", "wrong", forwarded_for="192.0.2.99").status_code == 429


def test_forwarded_for_counts_only_from_a_configured_proxy():
    add_user("a@firm.example")
    behind_proxy = browser(PROXY, proxies=["10.0.0.0/24"])
    attempt(behind_proxy, "a@firm.example", "wrong", forwarded_for="1.1.1.1, 203.0.113.7")
    attempt(browser("198.51.100.9"), "a@firm.example", "wrong", forwarded_for="203.0.113.8")
    entries, _ = audit.entries(intake_db(), action="login_failed")
    # Read from the right: what the proxy saw; the client's own "1.1.1.1" proves nothing.
    assert [e["detail"] for e in reversed(entries)] == [
        {"client": "203.0.113.7", "peer": PROXY},
        {"client": "198.51.100.9", "peer": "198.51.100.9"},  # not a proxy: its header is ignored
    ]


def test_scheme_comes_from_a_trusted_proxy_only():
    add_user("a@firm.example")
    direct = browser()
    page = direct.get("/staff/login", headers={"X-Forwarded-Proto": "https"})
    assert "strict-transport-security" not in page.headers
    proxied = browser(PROXY, proxies=[PROXY])
    assert "strict-transport-security" in proxied.get("/staff/login", headers={"X-Forwarded-Proto": "https"}).headers


def test_guessing_one_account_from_many_addresses_is_limited():
    add_user("a@firm.example")
    c = browser(PROXY, proxies=[PROXY])
    for i in range(accounts.MAX_FAILURES_PER_ACCOUNT):
        assert attempt(c, "a@firm.example", f"guess {i}", forwarded_for=f"203.0.113.{i}").status_code == 400
    fresh = browser(PROXY, proxies=[PROXY])
    assert attempt(fresh, "a@firm.example", PASSWORD, forwarded_for="192.0.2.1").status_code == 429


def test_staff_keep_logging_in_from_their_own_browser_while_their_account_is_attacked():
    add_user("a@firm.example")
    own = browser("198.51.100.5")
    assert attempt(own, "a@firm.example", PASSWORD).status_code == 303
    assert own.cookies.get(DEVICE_COOKIE)
    forget_session(own)
    # An attacker locks the account for every browser it has never been used from ...
    attacker = browser(PROXY, proxies=[PROXY])
    for i in range(accounts.MAX_FAILURES_PER_ACCOUNT + 3):
        attempt(attacker, "a@firm.example", f"guess {i}", forwarded_for=f"203.0.113.{i}")
    assert attempt(browser("198.51.100.6"), "a@firm.example", PASSWORD).status_code == 429
    # ... but the owner's browser still gets in.
    response = attempt(own, "a@firm.example", PASSWORD)
    assert response.status_code == 303 and SESSION_COOKIE in response.headers.get("set-cookie", "")


def test_a_device_cookie_gets_only_its_own_few_attempts_and_only_for_its_account():
    add_user("a@firm.example")
    add_user("b@firm.example")
    own = browser()
    attempt(own, "a@firm.example", PASSWORD)
    forget_session(own)
    for i in range(accounts.MAX_FAILURES_PER_DEVICE):
        assert attempt(own, "a@firm.example", f"guess {i}").status_code == 400
    assert attempt(own, "a@firm.example", PASSWORD).status_code == 429
    # For another account the cookie is worth nothing: the ordinary limits apply.
    db = intake_db()
    device = accounts.Device(accounts.get_user_by_email(db, "a@firm.example").id, "stolen")
    for i in range(accounts.MAX_FAILURES_PER_ACCOUNT):
        accounts.authenticate(db, "b@firm.example", "wrong", client=f"203.0.113.{i}", device=device)
    assert accounts.authenticate(db, "b@firm.example", PASSWORD, client="192.0.2.1", device=device).error == "throttled"


def test_a_forged_device_cookie_is_ignored():
    add_user("a@firm.example")
    c = browser(PROXY, proxies=[PROXY])
    for i in range(accounts.MAX_FAILURES_PER_ACCOUNT):
        attempt(c, "a@firm.example", f"guess {i}", forwarded_for=f"203.0.113.{i}")
    forged = browser()
    forged.cookies.set(DEVICE_COOKIE, "1:made-up.AAAA.BBBB", path="/staff/login")
    assert attempt(forged, "a@firm.example", PASSWORD).status_code == 429


@pytest.mark.parametrize(
    "address, key",
    [("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"), ("2001:db8:1:2:ffff::1", "2001:db8:1:2::/64"),
     ("::ffff:203.0.113.5", "203.0.113.5"), ("203.0.113.5", "203.0.113.5"), ("testclient", "testclient")],
)
def test_ipv6_clients_are_counted_by_their_64(address, key):
    """One IPv6 host usually holds a whole /64: rotating inside it is one client."""
    assert accounts.client_key(address) == key


def test_trusted_proxies_setting(monkeypatch, tmp_path):
    monkeypatch.setenv("TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8")
    assert firm_deployment().trusted_proxies == (ipaddress.ip_network("127.0.0.1/32"), ipaddress.ip_network("10.0.0.0/8"))
    monkeypatch.setenv("TRUSTED_PROXIES", "proxy.example")
    with pytest.raises(ValueError, match="proxy.example"):
        firm_deployment()
    monkeypatch.delenv("TRUSTED_PROXIES")
    assert firm_deployment().trusted_proxies == ()  # firm.yml ships none


def test_the_web_process_runs_without_uvicorns_own_forwarded_header_handling():
    """uvicorn believes X-Forwarded-For from 127.0.0.1 unless told not to, which
    on one machine lets anyone choose their address before this app sees it."""
    from web.__main__ import UVICORN_OPTIONS

    assert UVICORN_OPTIONS["proxy_headers"] is False


def test_procfile_starts_the_web_process_without_uvicorns_forwarded_header_handling():
    web = next(line for line in (ROOT / "Procfile").read_text().splitlines() if line.startswith("web:"))
    assert re.search(r"-m web\b", web) or "--no-proxy-headers" in web
