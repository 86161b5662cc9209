"""Finding 15: behind a TLS proxy the staff cookies are ``Secure`` whatever
the proxy forwards; a setting forces it, on by default outside development."""
from __future__ import annotations

import pytest

from bot import settings
from bot.firm import deployment as firm_deployment
from staff_support import PASSWORD, add_user, client, csrf_from


def _cookies_after_login(monkeypatch, **env):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    add_user("a@firm.example")
    c = client()  # plain http, as from a proxy that sends no X-Forwarded-Proto
    page = c.get("/staff/login")
    nonce = csrf_from(page.text)
    c.cookies.clear()  # a Secure cookie goes back over https only: sent as the browser (on https) would
    response = c.post("/staff/login", data={"email": "a@firm.example", "password": PASSWORD, "csrf_token": nonce},
                      headers={"cookie": f"staff_login_csrf={nonce}"}, follow_redirects=False)
    assert response.status_code == 303
    return page.headers.get_list("set-cookie") + response.headers.get_list("set-cookie")


def test_every_cookie_is_secure_in_production_even_over_plain_http(monkeypatch):
    cookies = _cookies_after_login(monkeypatch, INTAKE_ENV="production")
    names = {c.split("=", 1)[0] for c in cookies}
    assert {"staff_login_csrf", "staff_session", "staff_device"} <= names
    assert all("Secure" in c for c in cookies), cookies


def test_the_setting_wins_over_the_environment_default(monkeypatch):
    assert all("Secure" in c for c in _cookies_after_login(monkeypatch, INTAKE_ENV="development", STAFF_SECURE_COOKIES="true"))


def test_development_over_plain_http_has_no_secure_flag(monkeypatch):
    cookies = _cookies_after_login(monkeypatch, INTAKE_ENV="development")
    assert not any("Secure" in c for c in cookies)


@pytest.mark.parametrize(
    "origin, env, secure",
    [("http://localhost:8000", {}, False), ("http://127.0.0.1:8000", {}, False),
     ("https://www.firm.example", {}, True), ("http://www.firm.example", {}, True),
     ("https://www.firm.example", {"INTAKE_ENV": "development"}, False),
     ("http://localhost:8000", {"INTAKE_ENV": "production"}, True),
     ("https://www.firm.example", {"STAFF_SECURE_COOKIES": "false"}, False)],
)
def test_default_is_on_outside_development(monkeypatch, origin, env, secure):
    for name in ("INTAKE_ENV", "STAFF_SECURE_COOKIES"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)

    class Profile:
        website_origin = origin

    assert settings.deployment(Profile()).secure_cookies is secure


def test_a_bad_value_is_refused(monkeypatch):
    monkeypatch.setenv("STAFF_SECURE_COOKIES", "maybe")
    with pytest.raises(ValueError, match="STAFF_SECURE_COOKIES"):
        firm_deployment()
    monkeypatch.delenv("STAFF_SECURE_COOKIES")
    monkeypatch.setenv("INTAKE_ENV", "staging")
    with pytest.raises(ValueError, match="INTAKE_ENV"):
        firm_deployment()


def test_forms_work_behind_a_tls_proxy_that_does_not_say_so(monkeypatch):
    """With TLS ended at a proxy, the browser's Origin is https while the app sees http."""
    monkeypatch.setenv("INTAKE_ENV", "production")
    add_user("a@firm.example")
    c = client()
    nonce = csrf_from(c.get("/staff/login").text)
    login = {"email": "a@firm.example", "password": PASSWORD, "csrf_token": nonce}
    cookie = {"cookie": f"staff_login_csrf={nonce}"}
    ok = c.post("/staff/login", data=login, headers={**cookie, "origin": "https://testserver"}, follow_redirects=False)
    assert ok.status_code == 303
    elsewhere = c.post("/staff/login", data=login, headers={**cookie, "origin": "https://evil.example"}, follow_redirects=False)
    assert elsewhere.status_code == 403
