"""The audit log (who viewed, changed, exported or purged what) and what reaches the logs."""
from __future__ import annotations

import logging

from click.testing import CliRunner

from bot import transcripts
from bot.staff import audit, retention
from bot.staff.cli import cli as staff_group
from staff_support import PASSWORD, intake_conversation, intake_db, logged_in, make_intake, save_conversation
from web.staff.app import _RedactStaffQueries

SECRET_NAME = "Xiomara Quetzal-Ybarra"


def _everything(c, token, intake_id):
    c.get("/staff/", params={"q": SECRET_NAME})
    c.get(f"/staff/intakes/{intake_id}")
    c.post(f"/staff/intakes/{intake_id}/notes", data={"csrf_token": token, "body": f"spoke to {SECRET_NAME}"})
    c.post(f"/staff/intakes/{intake_id}/status", data={"csrf_token": token, "status": "contacted"})
    c.post(f"/staff/intakes/{intake_id}/assign", data={"csrf_token": token, "attorney_id": "dcole"})
    c.get("/staff/export/jsonl", params={"q": SECRET_NAME})
    c.get("/staff/dashboard")


def test_views_changes_exports_and_purges_are_recorded():
    save_conversation("conv-1", intake_conversation(name=SECRET_NAME))
    intake = make_intake("conv-1", contact={"name": SECRET_NAME, "phone": "+13125550199"})
    c, token = logged_in("boss@firm.example", "admin")
    _everything(c, token, intake["id"])
    c.post("/staff/admin/purge", data={"csrf_token": token, "confirm": "yes"})
    entries, _ = audit.entries(intake_db())
    actions = [e["action"] for e in reversed(entries)]
    for expected in ("login", "view_intake", "add_note", "change_status", "assign", "export", "purge"):
        assert expected in actions
    assert all(e["actor"] == "boss@firm.example" for e in entries)
    # the log names intakes by id, never by what visitors said
    dump = repr(entries)
    assert SECRET_NAME not in dump and "5550199" not in dump


def test_admins_read_the_audit_log_and_staff_cannot():
    intake = make_intake("conv-1")
    admin, _ = logged_in("boss@firm.example", "admin")
    staff, _ = logged_in("sam@firm.example", "staff")
    staff.get(f"/staff/intakes/{intake['id']}")
    page = admin.get("/staff/admin/audit")
    assert page.status_code == 200
    assert "sam@firm.example" in page.text and f"intake:{intake['id']}" in page.text and "Viewed intake" in page.text
    assert admin.get("/staff/admin/audit", params={"action": "login"}).status_code == 200
    assert staff.get("/staff/admin/audit").status_code == 403


def test_audit_log_pages_by_keyset():
    db = intake_db()
    for i in range(130):
        audit.record(db, "cli:test", "view_intake", f"intake:{i}")
    first, more = audit.entries(db)
    second, end = audit.entries(db, before=more)
    assert len(first) == 100 and len(second) == 30 and end is None
    assert first[0]["target"] == "intake:129" and second[-1]["target"] == "intake:0"


def test_no_visitor_details_in_application_logs(caplog):
    caplog.set_level(logging.DEBUG)
    save_conversation("conv-1", intake_conversation(name=SECRET_NAME, visitor_text=f"my husband {SECRET_NAME}"))
    intake = make_intake("conv-1", contact={"name": SECRET_NAME, "phone": "+13125550199"}, situation_text=f"my husband {SECRET_NAME}")
    caplog.clear()
    c, token = logged_in("boss@firm.example", "admin")
    _everything(c, token, intake["id"])
    c.post("/staff/admin/purge", data={"csrf_token": token, "confirm": "yes"})
    retention.purge(intake_db(), transcripts.store(), 1, "cli:test")
    # (httpx's own records are the test client's, not the app's)
    app_records = [r for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))]
    assert app_records, "expected the app to log something (its purge line)"
    text = "\n".join(r.getMessage() for r in app_records)
    assert SECRET_NAME not in text and "Xiomara" not in text and "5550199" not in text


def test_uvicorn_access_log_hides_staff_query_strings():
    record = logging.LogRecord("uvicorn.access", logging.INFO, "", 0, '%s - "%s %s HTTP/%s" %d', ("127.0.0.1:5", "GET", f"/staff/?q={SECRET_NAME}", "1.1", 200), None)
    assert _RedactStaffQueries().filter(record)
    assert SECRET_NAME not in record.getMessage() and "/staff/?…" in record.getMessage()
    other = logging.LogRecord("uvicorn.access", logging.INFO, "", 0, '%s - "%s %s HTTP/%s" %d', ("127.0.0.1:5", "GET", "/chat?x=1", "1.1", 200), None)
    _RedactStaffQueries().filter(other)
    assert "/chat?x=1" in other.getMessage()


def test_cli_changes_are_audited_as_the_system_user():
    runner = CliRunner()
    result = runner.invoke(staff_group, ["add-user", "new@firm.example", "--role", "staff", "--password-stdin"], input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    (entry,) = audit.entries(intake_db(), action="add_user")[0]
    assert entry["actor"].startswith("cli")
    result = runner.invoke(staff_group, ["audit", "--limit", "5"])
    assert "add_user" in result.output
