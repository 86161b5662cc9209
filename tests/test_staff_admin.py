"""Admins manage users in the app; every change ends the user's sessions and is audited."""
from __future__ import annotations

from bot.staff import accounts, audit
from staff_support import PASSWORD, client, intake_db, logged_in, login


def test_admin_adds_a_user_who_can_then_log_in():
    admin, token = logged_in("boss@firm.example", "admin")
    page = admin.post("/staff/admin/users", data={"csrf_token": token, "email": "new@firm.example", "role": "staff", "password": PASSWORD})
    assert page.status_code == 200 and "User added." in page.text and "new@firm.example" in page.text
    assert login(client(), "new@firm.example").status_code == 200
    (entry,) = audit.entries(intake_db(), action="add_user")[0]
    assert entry["actor"] == "boss@firm.example" and entry["detail"] == {"role": "staff"}


def test_admin_form_errors_are_shown():
    admin, token = logged_in("boss@firm.example", "admin")
    page = admin.post("/staff/admin/users", data={"csrf_token": token, "email": "new@firm.example", "role": "staff", "password": "short"})
    assert page.status_code == 400 and "at least 12 characters" in page.text
    me = accounts.get_user_by_email(intake_db(), "boss@firm.example")
    page = admin.post(f"/staff/admin/users/{me.id}", data={"csrf_token": token, "role": "staff", "active": "yes"})
    assert page.status_code == 400 and "last active admin" in page.text


def test_admin_changes_role_disables_and_resets_password():
    admin, token = logged_in("boss@firm.example", "admin")
    sam, _ = logged_in("sam@firm.example", "staff")
    user = accounts.get_user_by_email(intake_db(), "sam@firm.example")
    page = admin.post(f"/staff/admin/users/{user.id}", data={"csrf_token": token, "role": "admin", "active": "yes"})
    assert "User updated." in page.text and accounts.get_user(intake_db(), user.id).is_admin
    assert sam.get("/staff/", follow_redirects=False).status_code == 303  # the role change ended the session
    admin.post(f"/staff/admin/users/{user.id}", data={"csrf_token": token, "role": "staff", "active": "no"})
    assert login(client(), "sam@firm.example").status_code == 400
    admin.post(f"/staff/admin/users/{user.id}", data={"csrf_token": token, "role": "staff", "active": "yes", "password": "a brand new password"})
    assert login(client(), "sam@firm.example", "a brand new password").status_code == 200
    details = [e["detail"] for e in audit.entries(intake_db(), action="change_user")[0]]
    assert {"role": "staff", "active": True, "password": "reset"} in details
    assert "a brand new password" not in repr(details)
