"""Accounts, sessions, CSRF, throttling and roles of the staff app."""
from __future__ import annotations

import re

import pytest
from starlette.routing import Route

from bot.staff import accounts, permissions
from staff_support import PASSWORD, add_user, client, csrf_from, intake_db, logged_in, login, make_intake
from web.staff import app as staff_app
from web.staff.auth import PUBLIC_PATHS, SESSION_COOKIE, TOKEN_PATHS


def _concrete(path: str) -> str:
    """A route path with its parameters filled in (``/intakes/{intake_id:int}`` -> ``/intakes/1``)."""
    return re.sub(r"\{(\w+)(:\w+)?\}", lambda m: "csv" if m.group(1) == "fmt" else "1", path)


def _routes():
    for route in staff_app.create_app().routes:
        assert isinstance(route, Route), f"unexpected route type {route!r}"
        for method in sorted(route.methods - {"HEAD"}):
            yield route, method


ROUTES = list(_routes())
ROUTE_IDS = [f"{m} {r.path}" for r, m in ROUTES]


# --- the route table --------------------------------------------------------------------


@pytest.mark.parametrize("route,method", ROUTES, ids=ROUTE_IDS)
def test_every_route_but_login_requires_login(route, method):
    make_intake("conv-1")
    c = client()
    url = "/staff" + _concrete(route.path)
    response = c.request(method, url, data={"csrf_token": "x"}, follow_redirects=False)
    if route.path in PUBLIC_PATHS:
        assert response.status_code in (200, 400, 403)  # the login page itself (a bad CSRF token is refused)
        return
    if route.path.startswith(TOKEN_PATHS):
        assert response.status_code == 404  # a signed link with a made-up token
        assert "Maria" not in response.text and "conv-1" not in response.text
        return
    if method == "GET":
        assert response.status_code == 303 and response.headers["location"] == "/staff/login"
    else:
        assert response.status_code == 403
    assert "Maria" not in response.text and "conv-1" not in response.text


@pytest.mark.parametrize("route,method", ROUTES, ids=ROUTE_IDS)
def test_every_route_declares_its_permission(route, method):
    if route.path in PUBLIC_PATHS or route.path.startswith(TOKEN_PATHS):
        # Reachable without a login (StaffGuard's lists are the one place that says so): no permission to check.
        assert getattr(route.endpoint, "required_action", None) is None
        return
    action = getattr(route.endpoint, "required_action", None)
    assert action in permissions.ADMIN_ACTIONS, f"{route.path} has no @requires"


ADMIN_ONLY = [(r, m) for r, m in ROUTES if getattr(r.endpoint, "required_action", None) in permissions.ADMIN_ACTIONS - permissions.STAFF_ACTIONS]


@pytest.mark.parametrize("route,method", ADMIN_ONLY, ids=[f"{m} {r.path}" for r, m in ADMIN_ONLY])
def test_staff_role_cannot_use_admin_routes(route, method):
    c, token = logged_in("staff@firm.example", "staff")
    response = c.request(method, "/staff" + _concrete(route.path), data={"csrf_token": token, "days": "1", "confirm": "yes"})
    assert response.status_code == 403


def test_admin_routes_exist_for_users_retention_and_audit():
    paths = {r.path for r, _ in ADMIN_ONLY}
    assert {"/admin/users", "/admin/retention", "/admin/purge", "/admin/audit"} <= paths


@pytest.mark.parametrize("route,method", [(r, m) for r, m in ROUTES if m == "POST"], ids=[i for i in ROUTE_IDS if i.startswith("POST")])
def test_every_form_needs_the_csrf_token(route, method):
    make_intake("conv-1")
    c, token = logged_in("admin@firm.example", "admin")
    url = "/staff" + _concrete(route.path)
    if route.path.startswith(TOKEN_PATHS):
        # The signed token in the path is the authority: a made-up one finds nothing ...
        assert c.post(url, data={}, follow_redirects=False).status_code == 404
        # ... and another origin's form is refused before the token is read.
        assert c.post(url, data={}, headers={"origin": "https://evil.example"}, follow_redirects=False).status_code == 403
        return
    for data in ({}, {"csrf_token": ""}, {"csrf_token": token + "x"}):
        response = c.post(url, data={**data, "body": "note", "status": "reviewed", "days": "30"}, follow_redirects=False)
        assert response.status_code == 403, (url, data)
    # a token from another origin's page does not help either
    response = c.post(url, data={"csrf_token": token}, headers={"origin": "https://evil.example"}, follow_redirects=False)
    assert response.status_code == 403


def test_csrf_token_is_accepted_from_the_same_origin():
    intake = make_intake("conv-1")
    c, token = logged_in()
    response = c.post(
        f"/staff/intakes/{intake['id']}/notes",
        data={"csrf_token": token, "body": "Called, no answer"},
        headers={"origin": "http://testserver"},
    )
    assert response.status_code == 200 and "Called, no answer" in response.text


# --- logging in and out ---------------------------------------------------------------------


def test_login_sets_a_signed_httponly_lax_cookie():
    add_user("a@firm.example")
    c = client()
    page = c.get("/staff/login")
    response = c.post(
        "/staff/login",
        data={"email": "A@Firm.example ", "password": PASSWORD, "csrf_token": csrf_from(page.text)},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/staff/"
    cookie = [h for h in response.headers.get_list("set-cookie") if h.startswith(SESSION_COOKIE + "=")][0]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/staff" in cookie
    assert "Secure" not in cookie  # plain http here
    token = cookie.split(";")[0].split("=", 1)[1]
    assert "." in token  # signed


def test_cookie_is_secure_over_https():
    add_user("a@firm.example")
    c = client("https://testserver")
    page = c.get("/staff/login")
    response = c.post(
        "/staff/login", data={"email": "a@firm.example", "password": PASSWORD, "csrf_token": csrf_from(page.text)}, follow_redirects=False
    )
    cookies = response.headers.get_list("set-cookie")
    assert any(h.startswith(SESSION_COOKIE + "=") and "Secure" in h for h in cookies)


def test_login_page_form_needs_its_csrf_cookie():
    add_user("a@firm.example")
    c = client()
    response = c.post("/staff/login", data={"email": "a@firm.example", "password": PASSWORD, "csrf_token": "guess"})
    assert response.status_code == 403


def test_wrong_password_and_unknown_user_look_the_same():
    add_user("a@firm.example")
    c = client()
    wrong = login(c, "a@firm.example", "wrong password here")
    unknown = login(c, "nobody@firm.example", "wrong password here")
    assert wrong.status_code == unknown.status_code == 400
    assert "Email or password is incorrect." in wrong.text and "Email or password is incorrect." in unknown.text


def test_logout_ends_the_session_on_the_server():
    c, token = logged_in()
    stolen = c.cookies.get(SESSION_COOKIE)
    assert c.post("/staff/logout", data={"csrf_token": token}).url.path == "/staff/login"
    replay = client()
    replay.cookies.set(SESSION_COOKIE, stolen, path="/staff")
    assert replay.get("/staff/", follow_redirects=False).status_code == 303


def test_tampered_cookie_is_refused():
    c, _ = logged_in()
    value = c.cookies.get(SESSION_COOKIE)
    token, signature = value.split(".", 1)
    for forged in (token + "x." + signature, token + "." + signature[::-1], token):
        other = client()
        other.cookies.set(SESSION_COOKIE, forged, path="/staff")
        assert other.get("/staff/", follow_redirects=False).status_code == 303
    other = client()
    other.cookies.set(SESSION_COOKIE, value, path="/staff")
    assert other.get("/staff/", follow_redirects=False).status_code == 200


def test_disabling_a_user_ends_their_sessions():
    c, _ = logged_in("a@firm.example")
    user = accounts.get_user_by_email(intake_db(), "a@firm.example")
    add_user("boss@firm.example", "admin")
    accounts.update_user(intake_db(), user.id, active=False)
    assert c.get("/staff/", follow_redirects=False).status_code == 303
    assert login(client(), "a@firm.example").status_code == 400


def test_sessions_expire_when_idle_and_absolutely():
    db = intake_db()
    user = add_user("a@firm.example")
    token = accounts.create_session(db, user, now=1000.0)
    assert accounts.get_session(db, token, now=1000.0 + accounts.IDLE_TIMEOUT - 5) is not None
    assert accounts.get_session(db, token, now=1000.0 + 2 * accounts.IDLE_TIMEOUT) is None
    token = accounts.create_session(db, user, now=5000.0)
    t = 5000.0
    while t < 5000.0 + accounts.ABSOLUTE_TIMEOUT - 3600:  # kept busy, still ends after the absolute limit
        t += 3600
        assert accounts.get_session(db, token, now=t) is not None
    assert accounts.get_session(db, token, now=5000.0 + accounts.ABSOLUTE_TIMEOUT + 1) is None


def test_the_last_admin_cannot_be_demoted_or_disabled():
    admin = add_user("boss@firm.example", "admin")
    with pytest.raises(accounts.AccountError):
        accounts.update_user(intake_db(), admin.id, role="staff")
    with pytest.raises(accounts.AccountError):
        accounts.update_user(intake_db(), admin.id, active=False)


@pytest.mark.parametrize(
    "email,password,role",
    [("not-an-email", PASSWORD, "staff"), ("a@firm.example", "short", "staff"), ("a@firm.example", PASSWORD, "owner")],
)
def test_bad_accounts_are_refused(email, password, role):
    with pytest.raises(accounts.AccountError):
        accounts.add_user(intake_db(), email, password, role)


def test_passwords_are_stored_as_argon2id_hashes():
    add_user("a@firm.example")
    (stored,) = intake_db().conn.execute("SELECT password_hash FROM staff_users").fetchone()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


# --- throttling ------------------------------------------------------------------------


def test_throttling_after_repeated_failures_for_one_account():
    db = intake_db()
    add_user("a@firm.example")
    now = 10_000.0
    for i in range(accounts.MAX_FAILURES_PER_ACCOUNT):
        client = f"1.2.3.{i}"  # from many addresses: the account's own limit holds
        assert accounts.authenticate(db, "a@firm.example", "nope", client=client, now=now + i).error == "bad_credentials"
    # now even the right password is refused from a browser new to the account, until the window passes
    result = accounts.authenticate(db, "a@firm.example", PASSWORD, client="5.6.7.8", now=now + 10)
    assert result.error == "throttled" and 0 < result.retry_after <= accounts.FAILURE_WINDOW
    later = now + accounts.FAILURE_WINDOW + 1
    assert accounts.authenticate(db, "a@firm.example", PASSWORD, client="5.6.7.8", now=later).user is not None


def test_throttling_per_client_across_accounts():
    db = intake_db()
    add_user("a@firm.example")
    now = 10_000.0
    for i in range(accounts.MAX_FAILURES_PER_CLIENT):
        accounts.authenticate(db, f"guess{i}@firm.example", "nope", client="9.9.9.9", now=now + i)
    assert accounts.authenticate(db, "a@firm.example", PASSWORD, client="9.9.9.9", now=now + 30).error == "throttled"
    assert accounts.authenticate(db, "a@firm.example", PASSWORD, client="1.1.1.1", now=now + 30).user is not None


def test_login_page_reports_throttling_with_429():
    add_user("a@firm.example")
    c = client()
    for _ in range(accounts.MAX_FAILURES_PER_ACCOUNT):
        assert login(c, "a@firm.example", "wrong password here").status_code == 400
    response = login(c, "a@firm.example")
    assert response.status_code == 429 and "Too many failed attempts" in response.text
    assert SESSION_COOKIE not in c.cookies


# --- headers ------------------------------------------------------------------------------


def test_pages_send_a_strict_content_security_policy():
    c, _ = logged_in()
    response = c.get("/staff/")
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp and "'unsafe-inline'" not in csp
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-frame-options"] == "DENY"
    assert "<script" not in response.text


def test_permissions_table():
    assert permissions.allowed("admin", "manage_users")
    assert not permissions.allowed("staff", "manage_users")
    assert permissions.allowed("staff", "export")
    assert not permissions.allowed(None, "view_intakes")
    with pytest.raises(ValueError):
        permissions.allowed("admin", "launch_rockets")
