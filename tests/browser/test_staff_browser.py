"""The staff app in a real browser (Debian's Chromium through Playwright).

The app runs as it does in production (``uvicorn web.app:app``, mounted at
``/staff``) in a subprocess, on a free port, over a temporary data directory
holding intakes and a Rasa tracker store written by Rasa's own SQLTrackerStore.
"""
from __future__ import annotations

import csv
import io
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from staff_support import PASSWORD, add_user, intake_conversation, make_intake, save_conversation

ROOT = Path(__file__).resolve().parents[2]
XSS = "<script>alert(1)</script>"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(data_dir):
    # --ws none: uvicorn's websocket support needs a newer `websockets` than Rasa 3.6 pins,
    # and the staff app has no websockets.
    port = _free_port()
    env = {**os.environ, "INTAKE_DATA_DIR": str(data_dir), "STAFF_SECRET_KEY": "browser-test-secret", "PYTHONPATH": str(ROOT)}
    data_dir.mkdir(parents=True, exist_ok=True)
    log_path = data_dir.parent / "uvicorn.log"
    log = open(log_path, "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "web.app:app", "--host", "127.0.0.1", "--port", str(port), "--ws", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            if httpx.get(base + "/staff/login", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.time() > deadline:
            proc.kill()
            pytest.fail("the web app did not start: " + log_path.read_text()[-2000:])
        time.sleep(0.2)
    yield base
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()
    # nothing a visitor typed reaches the server's log, not even searches for it
    text = log_path.read_text()
    assert "Broadview" not in text and "Lopez" not in text and "alert(1)" not in text


@pytest.fixture
def intakes():
    start = time.time() - 3600  # an hour ago: this week's funnel on the dashboard
    save_conversation("urgent-1", intake_conversation("ICE took my husband at the Broadview gas station", name="Maria Lopez", start_over=True), start=start)
    urgent = make_intake(
        "urgent-1", situation="detention", urgent=True, urgency_reasons=["detained_now"], callback_requested=True,
        situation_text="ICE took my husband at the Broadview gas station", details={"detained_where": "Broadview"},
        contact={"name": "Maria Lopez", "phone": "+13125550148"},
    )
    save_conversation("calm-1", intake_conversation("we married in June", name="Chen Wei"), start=start)
    make_intake("calm-1", situation="family", contact={"name": "Chen Wei"})
    save_conversation("xss-1", intake_conversation(XSS, name=XSS), start=start)
    xss = make_intake("xss-1", situation="other", situation_text=XSS, contact={"name": XSS})
    add_user("sam@firm.example", "staff")
    return urgent, xss


def _login(page, base):
    page.goto(base + "/staff/")
    assert page.url.endswith("/staff/login")
    page.fill("#email", "sam@firm.example")
    page.fill("#password", PASSWORD)
    page.click("button:has-text('Log in')")
    page.wait_for_url(base + "/staff/")


def test_review_an_urgent_intake_end_to_end(server, intakes, page, artifacts):
    urgent, _ = intakes
    _login(page, server)
    assert page.locator("h2#queue-title").inner_text().startswith("Callback requests waiting")
    page.screenshot(path=str(artifacts / "staff-inbox.png"), full_page=True)

    # find it by a word the visitor used
    page.fill("input[name=q]", "Broadview")
    page.click("button:has-text('Apply')")
    rows = page.locator("#intakes tbody tr")
    assert rows.count() == 1
    assert rows.first.locator(".badge.urgent").is_visible()
    assert rows.first.locator("mark").first.inner_text().lower() == "broadview"
    rows.first.locator("a").first.click()
    page.wait_for_url(f"{server}/staff/intakes/{urgent['id']}")

    # the transcript: visitor and assistant messages, buttons clicked, the start-over marker
    transcript = page.locator("#transcript")
    assert transcript.locator("li.visitor", has_text="ICE took my husband at the Broadview gas station").count() == 1
    assert transcript.locator("li.visitor", has_text="Someone is detained").count() == 1
    assert transcript.locator("li.marker", has_text="Visitor started over").count() == 1
    assert transcript.locator("li.bot .buttons span", has_text="Change something").count() >= 1
    assert "Someone is detained now" in page.locator("dl.summary").first.inner_text()
    page.screenshot(path=str(artifacts / "staff-intake.png"), full_page=True)

    # a note, then a new status
    page.fill("#note-body", "Called back, left a voicemail.")
    page.click("button:has-text('Add note')")
    assert page.locator(".flash").inner_text() == "Note added."
    assert page.locator("#activity", has_text="Called back, left a voicemail.").count() == 1
    page.select_option("#status", "contacted")
    page.click("button:has-text('Save status')")
    assert page.locator(".flash").inner_text() == "Status changed."
    assert page.locator("h1 .badge.status").inner_text() == "Contacted"

    # export the urgent ones as CSV
    page.goto(server + "/staff/?urgent=yes")
    with page.expect_download() as info:
        page.click("a:has-text('CSV')")
    download = info.value
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert [r["conversation_id"] for r in rows] == ["urgent-1"]
    assert rows[0]["status"] == "contacted" and rows[0]["urgent"] == "true"
    assert download.suggested_filename.startswith("intakes-") and download.suggested_filename.endswith(".csv")


def test_visitor_script_shows_as_text(server, intakes, page, artifacts):
    _, xss = intakes
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _login(page, server)
    page.goto(f"{server}/staff/intakes/{xss['id']}")
    assert page.locator("#transcript li.visitor", has_text=XSS).count() == 2  # what happened, and the name
    assert page.get_by_text(XSS, exact=True).first.is_visible()
    assert page.locator("script").count() == 0
    page.screenshot(path=str(artifacts / "staff-xss-as-text.png"), full_page=True)
    page.goto(server + "/staff/")
    assert page.locator("#intakes", has_text=XSS).count() == 1
    page.goto(server + "/staff/?" + "q=script+alert")
    assert page.locator("#intakes mark", has_text="script").count() >= 1
    assert page.locator("script").count() == 0
    page.wait_for_timeout(300)
    assert dialogs == []


def test_dashboard_draws_the_funnel(server, intakes, page, artifacts):
    _login(page, server)
    page.click("a:has-text('Dashboard')")
    assert page.locator("svg.chart").count() == 6  # funnel, situation, state, and the three alert charts
    assert page.locator("#alert-times-table tbody tr").count() == 12
    rows = page.locator("#funnel-table tbody tr")
    assert rows.count() == 12
    started = [int(rows.nth(i).locator("td").nth(1).inner_text()) for i in range(rows.count())]
    assert sum(started) == 3  # the three conversations, started an hour ago
    page.screenshot(path=str(artifacts / "staff-dashboard.png"), full_page=True)
