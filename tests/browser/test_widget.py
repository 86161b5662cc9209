"""The chat widget in a real browser (Debian's Chromium), against the real servers.

Once per session: the action server and the Rasa server (scripts/servers.py,
trained model, a temporary data directory with the posted updates imported),
the web app (uvicorn ``web.app:app``) and, between the browser and Rasa, a TCP
proxy the tests can cut to drop the connection. The site's ``RASA_URL`` is
the proxy; the Rasa server accepts the site's origin only (a temporary
``FIRM_PROFILE`` with ``allowed_origins: [site]`` and ``--cors site``).

Every browser request is checked: only 127.0.0.1 is ever contacted (anything
else is aborted and fails the test). A failing step names itself and leaves
``tests/artifacts/FAILED-<test>-<step>.png``; the servers' logs are in
``results/browser/``.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import json
import os
import re
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, List
from urllib.parse import urlsplit

import httpx
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
import servers  # noqa: E402

from playwright.sync_api import Page, expect  # noqa: E402

pytestmark = pytest.mark.browser

NODE_MODULES = ROOT / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
LOGS = ROOT / "results" / "browser"
TURN = 30_000  # ms: one bot turn on a busy 2-core machine, with margin
TODAY = "2026-11-28"

CONSENT = "Hi, I'm Sol"
WHERE = "Where are you right now?"
WHATS_HAPPENING = "What's happening?"
NAME = "What name should our team use"
PHONE = "best phone number"
SUMMARY = "Here's what I have"
SAVED = "I've saved this for our intake team"


# --- a cuttable TCP proxy between the browser and Rasa -------------------------------


class Proxy:
    """Forwards 127.0.0.1:port to the Rasa server; ``cut()`` drops every connection
    and refuses new ones until ``restore()``, like a network that went away."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = servers.free_port()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="proxy", daemon=True)
        self.thread.start()
        self.server = None
        self.transports: set = set()
        self.restore()

    def _call(self, coro):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout=15)

    async def _handle(self, reader, writer) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            writer.transport.abort()
            return
        pair = {writer.transport, up_writer.transport}
        if self.server is None:
            # Accepted just before cut() but connected upstream after it: a cut network
            # would not have carried this connection either.
            for transport in pair:
                transport.abort()
            return
        self.transports |= pair

        async def pump(source, sink) -> None:
            try:
                while True:
                    data = await source.read(65536)
                    if not data:
                        break
                    sink.write(data)
                    await sink.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                sink.transport.abort()

        try:
            await asyncio.gather(pump(reader, up_writer), pump(up_reader, writer))
        finally:
            self.transports -= pair

    async def _start(self) -> None:
        if self.server is None:
            self.server = await asyncio.start_server(self._handle, "127.0.0.1", self.port, reuse_address=True)

    async def _stop(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        for transport in list(self.transports):
            transport.abort()
        self.transports.clear()

    def cut(self) -> None:
        self._call(self._stop())

    def restore(self) -> None:
        self._call(self._start())

    def close(self) -> None:
        self.cut()
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)


# --- the servers -------------------------------------------------------------------------


@dataclass
class Stack:
    site: str  # the web app, e.g. http://127.0.0.1:8123
    rasa: str  # the Rasa server, directly (for checks from Python)
    proxy: Proxy
    data_dir: Path

    def intakes(self) -> List[dict]:
        path = self.data_dir / "intake.db"
        if not path.exists():
            return []
        with contextlib.closing(sqlite3.connect(path)) as conn:
            conn.row_factory = sqlite3.Row
            return [dict(r) for r in conn.execute("SELECT * FROM intakes")]


def _prepare_data(data_dir: Path, site: str) -> Path:
    """A firm profile for this site's origin, and the posted updates imported."""
    profile = yaml.safe_load((ROOT / "firm.yml").read_text(encoding="utf-8"))
    profile["website_origin"] = site
    profile["allowed_origins"] = [site]
    firm_yml = data_dir / "firm.yml"
    firm_yml.write_text(yaml.safe_dump(profile, sort_keys=False, allow_unicode=True), encoding="utf-8")
    try:
        from bot import store, updates

        db = store.connect(data_dir / "intake.db")
        updates.import_source(db, ROOT / "content" / "posts", website_origin=site)
        db.conn.close()
    except ImportError:
        pass  # no posted updates in this checkout: the widget is tested without cards
    return firm_yml


def _warm_up(rasa: str) -> None:
    """One conversation up to the location, so that the first test does not pay for
    loading the NLU pipeline and the place gazetteer (many seconds on a busy machine)."""
    for text in ("/greet", "/affirm", "Chicago, IL", "/start_over"):
        response = httpx.post(f"{rasa}/webhooks/rest/webhook", json={"sender": "warm-up", "message": text}, timeout=300)
        response.raise_for_status()


@pytest.fixture(scope="session")
def stack(tmp_path_factory) -> Iterator[Stack]:
    model = os.environ.get("WIDGET_TEST_MODEL")  # another model than models/ (optional)
    if not model and not any((ROOT / "models").glob("*.tar.gz")):
        pytest.fail("no trained model in models/: run `make train` (make test-browser does)")
    if not (NODE_MODULES / "socket.io-client").is_dir() or not AXE.exists():
        pytest.fail("node_modules is missing: run `npm ci` (make test-browser does)")
    data_dir = tmp_path_factory.mktemp("widget-var")
    action_port, rasa_port, web_port = servers.free_port(), servers.free_port(), servers.free_port()
    site = f"http://127.0.0.1:{web_port}"
    firm_yml = _prepare_data(data_dir, site)
    env = servers.base_env(data_dir, action_port)
    env.update(FIRM_PROFILE=str(firm_yml), INTAKE_TODAY=TODAY)

    with contextlib.ExitStack() as stack:
        # The action server starts while Rasa loads its model.
        actions = contextlib.ExitStack()
        stack.push(actions)
        failure: list = []

        def start_actions() -> None:
            try:
                actions.enter_context(servers.action_server(env, action_port, LOGS / "actions.log"))
            except Exception as exc:  # reported below, in the main thread
                failure.append(exc)

        thread = threading.Thread(target=start_actions)
        thread.start()
        # Not servers.rasa_server: `rasa run` has no --domain option (the model
        # carries its domain), and --cors takes the rest of the line, so it goes last.
        rasa = stack.enter_context(
            servers.process(
                [
                    str(servers.BIN / "rasa"), "run", "--model", model or "models",
                    "--endpoints", "endpoints.yml", "--credentials", "credentials.yml",
                    "--port", str(rasa_port), "--enable-api", "--cors", site,
                ],
                env,
                LOGS / "rasa.log",
            )
        )
        servers.wait_for(f"http://127.0.0.1:{rasa_port}/status", timeout=300, proc=rasa)
        thread.join()
        if failure:
            raise failure[0]
        proxy = Proxy(rasa_port)
        stack.callback(proxy.close)
        web_env = dict(env, RASA_URL=f"http://127.0.0.1:{proxy.port}")
        web = stack.enter_context(
            servers.process(
                # --ws none: uvicorn 0.54 cannot import the websockets 10 that Rasa pins
                [str(servers.BIN / "uvicorn"), "web.app:app", "--host", "127.0.0.1", "--port", str(web_port), "--ws", "none"],
                web_env,
                LOGS / "web.log",
            )
        )
        servers.wait_for(f"{site}/healthz", timeout=60, proc=web)
        _warm_up(f"http://127.0.0.1:{rasa_port}")
        yield Stack(site=site, rasa=f"http://127.0.0.1:{rasa_port}", proxy=proxy, data_dir=data_dir)


# --- browser helpers ------------------------------------------------------------------------


@dataclass
class Requests:
    """Every URL a browser context asked for; anything not on 127.0.0.1 is aborted."""

    allowed_hosts: tuple = ("127.0.0.1",)
    urls: List[str] = field(default_factory=list)
    blocked: List[str] = field(default_factory=list)
    errors: List[str] = field(default_factory=list)  # console errors (CSP violations among them) and page errors

    def attach(self, context) -> None:
        def route(r):
            if urlsplit(r.request.url).hostname in self.allowed_hosts or r.request.url.startswith("data:"):
                r.continue_()
            else:
                self.blocked.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        context.on("request", lambda request: self.urls.append(request.url))
        # websockets are not "requests": record them from every page of the context
        for page in context.pages:
            page.on("websocket", lambda ws: self.urls.append(ws.url))
        context.on("page", lambda page: page.on("websocket", lambda ws: self.urls.append(ws.url)))
        context.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        context.on("weberror", lambda e: self.errors.append(str(e.error)))

    def assert_local_only(self) -> None:
        assert not self.blocked, f"third-party requests: {self.blocked}"
        outside = [u for u in self.urls if not u.startswith("data:") and urlsplit(u).hostname not in self.allowed_hosts]
        assert not outside, f"requests outside 127.0.0.1: {outside}"

    def assert_no_errors(self) -> None:
        assert not self.errors, f"errors in the browser console: {self.errors}"


class Steps:
    """``with steps("what"):`` -- a failure names the step and keeps a screenshot."""

    def __init__(self, page: Page, artifacts: Path, test_name: str) -> None:
        self.page = page
        self.artifacts = artifacts
        self.test_name = re.sub(r"[^A-Za-z0-9_.-]+", "-", test_name)
        self.count = 0

    @contextlib.contextmanager
    def __call__(self, description: str):
        self.count += 1
        try:
            yield
        except Exception as exc:
            slug = re.sub(r"[^a-z0-9]+", "-", description.lower()).strip("-")[:50]
            shot = self.artifacts / f"FAILED-{self.test_name}-{self.count:02d}-{slug}.png"
            with contextlib.suppress(Exception):
                self.page.screenshot(path=str(shot), full_page=False)
            raise AssertionError(f"step {self.count} ({description}) failed; screenshot: {shot}\n{exc}") from exc


@pytest.fixture
def requests_seen(page) -> Requests:
    seen = Requests()
    seen.attach(page.context)
    return seen


@pytest.fixture
def steps(page, artifacts, request) -> Steps:
    return Steps(page, artifacts, request.node.name)


@contextlib.contextmanager
def phone_page(browser, artifacts, name: str, **context_options):
    """A 360 x 740 phone screen (its own context, so its own sessionStorage)."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True, **context_options
    )
    seen = Requests()
    seen.attach(context)
    page = context.new_page()
    try:
        yield page, seen, Steps(page, artifacts, name)
    finally:
        context.close()


def bot_bubbles(page: Page, text: str):
    return page.locator(".iw-from-bot .iw-bubble").filter(has_text=text)


def wait_bot(page: Page, text: str, count: int = 1) -> None:
    expect(bot_bubbles(page, text)).to_have_count(count, timeout=TURN)


def open_chat(page: Page, site: str, path: str = "/") -> None:
    page.goto(site + path)
    page.get_by_role("button", name="Chat with us").click()
    expect(page.get_by_role("dialog", name=re.compile("Rivera"))).to_be_visible()
    wait_bot(page, CONSENT)
    expect(page.locator(".iw-typing")).to_be_hidden(timeout=TURN)  # the turn is over


def say(page: Page, text: str) -> None:
    box = page.get_by_label("Type your message")
    box.fill(text)
    box.press("Enter")
    expect(page.locator(".iw-from-user .iw-bubble").last).to_contain_text(text[:40])


def click_reply(page: Page, title: str) -> None:
    page.locator(".iw-reply:not([disabled])", has_text=title).last.click()


def book_with_buttons(page: Page, max_turns: int = 10) -> None:
    """Answer the booking questions: the first offered button, or typed name and email."""
    typed = {"What name should the booking be under": "Ana Torres", "What email": "ana.torres@example.com"}
    skip = {"Other times", "Pick another time", "Not now", "Change something"}
    click_reply(page, "Yes, book a consultation")
    for _ in range(max_turns):
        expect(page.locator(".iw-typing")).to_be_hidden(timeout=TURN)
        if page.locator(".iw-booking").count():
            return
        offered = [b for b in page.locator(".iw-reply:not([disabled])").all() if b.inner_text() not in skip]
        if offered:
            offered[0].click()
            continue
        question = page.locator(".iw-from-bot .iw-text").last.inner_text()
        answer = next((a for q, a in typed.items() if q in question), None)
        assert answer, f"unexpected booking question: {question!r}"
        say(page, answer)
    raise AssertionError("no booking confirmation after the booking questions")


def session_storage(page: Page) -> dict:
    return json.loads(page.evaluate("sessionStorage.getItem('intake-widget')") or "{}")


def watch_typing(page: Page) -> None:
    """Record whether the typing indicator is shown during the next turn."""
    page.evaluate(
        """() => {
            window.__typingSeen = false;
            const typing = document.querySelector('.iw-typing');
            new MutationObserver(() => { if (!typing.hidden) window.__typingSeen = true; })
                .observe(typing, {attributes: true});
        }"""
    )


def axe_violations(page: Page, serious_only: bool = True) -> list:
    """axe-core (from node_modules, injected before page scripts so CSP does not block it)."""
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                           nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
        }"""
    )
    if serious_only:
        result = [v for v in result if v["impact"] in ("serious", "critical")]
    return result


# --- the tests --------------------------------------------------------------------------------


def test_intake_completed_by_typing(page, stack, steps, requests_seen):
    """Typed answers only, with HTML in them: shown as text, never run; the intake is saved."""
    xss = '<img src=x onerror="window.__xss=1"> <script>window.__xss=2</script>'
    with steps("open the chat and get the consent question"):
        open_chat(page, stack.site)
    with steps("consent by typing"):
        watch_typing(page)
        say(page, "yes")
        wait_bot(page, WHERE)
        assert page.evaluate("window.__typingSeen"), "the typing indicator was never shown"
        expect(page.locator(".iw-typing")).to_be_hidden(timeout=TURN)
    with steps("location"):
        say(page, "Chicago, IL")
        wait_bot(page, WHATS_HAPPENING)
    with steps("situation in the visitor's words"):
        say(page, "citizenship please")  # short: the details question follows (a full sentence is not asked again)
        wait_bot(page, "what would you like help with")
    with steps("details with HTML and a script in them"):
        say(page, "Help with my naturalization " + xss)
        wait_bot(page, NAME)
        user_text = page.locator(".iw-from-user .iw-text").last.text_content()
        assert user_text == "Help with my naturalization " + xss
    with steps("contact name and phone"):
        say(page, "Maria Lopez")
        wait_bot(page, PHONE)
        say(page, "312-555-0199")
        wait_bot(page, SUMMARY)
    with steps("the summary repeats the HTML as text"):
        summary = bot_bubbles(page, SUMMARY).last
        expect(summary).to_contain_text('<img src=x onerror="window.__xss=1">')
        expect(summary).to_contain_text("<script>window.__xss=2</script>")
        assert page.locator("#intake-widget img").count() == 0
        assert page.locator(".iw-log script").count() == 0
        assert page.evaluate("window.__xss") is None
    with steps("confirm by typing; the intake is saved"):
        say(page, "yes")
        wait_bot(page, SAVED)
        session_id = session_storage(page)["sessionId"]
        saved = [i for i in stack.intakes() if i["conversation_id"] == session_id]
        assert len(saved) == 1 and saved[0]["situation"] == "citizenship", saved
        assert "Maria Lopez" in saved[0]["contact"]
    with steps("no third-party requests, no errors in the console"):
        requests_seen.assert_local_only()
        requests_seen.assert_no_errors()


def test_intake_completed_with_buttons(page, stack, steps, requests_seen):
    """Buttons send their payload, show their title, and are disabled once used."""
    with steps("open the chat"):
        open_chat(page, stack.site)
    with steps("consent with the button"):
        consent_buttons = page.locator(".iw-reply")
        expect(consent_buttons).to_have_count(2)
        click_reply(page, "Yes, that's OK")
        wait_bot(page, WHERE)
        expect(page.locator(".iw-from-user .iw-bubble").last).to_contain_text("Yes, that's OK")
        for i in range(2):
            expect(consent_buttons.nth(i)).to_be_disabled()
        expect(page.get_by_label("Type your message")).to_be_focused()
    with steps("location (typed: there is no button for it)"):
        say(page, "Houston, TX")
        wait_bot(page, WHATS_HAPPENING)
    with steps("situation with a button"):
        click_reply(page, "Family or marriage")
        wait_bot(page, "Who is the family member")
    with steps("details, name, phone"):
        say(page, "My husband is a US citizen")
        wait_bot(page, NAME)
        say(page, "Ana Torres")
        wait_bot(page, PHONE)
        say(page, "713 555 0142")
        wait_bot(page, SUMMARY)
    with steps("confirm with the button; the intake is saved"):
        confirm_buttons = page.locator(".iw-reply", has_text=re.compile("Yes, save it|Change something"))
        click_reply(page, "Yes, save it")
        wait_bot(page, SAVED)
        for i in range(2):
            expect(confirm_buttons.nth(i)).to_be_disabled()
        session_id = session_storage(page)["sessionId"]
        saved = [i for i in stack.intakes() if i["conversation_id"] == session_id]
        assert len(saved) == 1 and saved[0]["situation"] == "family", saved
    with steps("book a consultation with the buttons"):
        book_with_buttons(page)
    with steps("the booking confirmation card, with a working .ics link"):
        card = page.locator(".iw-booking")
        expect(card).to_contain_text("Consultation booked")
        expect(card).to_contain_text(re.compile(r"RC-[A-Z0-9]+"))
        ics = card.get_by_role("link", name="Add to my calendar (.ics)")
        href = ics.get_attribute("href")
        assert href.startswith(stack.site + "/bookings/") and href.endswith(".ics"), href
        invite = page.request.get(href)
        assert invite.ok and invite.headers["content-type"].startswith("text/calendar")
        assert "BEGIN:VCALENDAR" in invite.text()
    with steps("no third-party requests, no errors in the console"):
        requests_seen.assert_local_only()
        requests_seen.assert_no_errors()


def test_conversation_survives_reload_and_navigation_then_starts_over(page, stack, steps, requests_seen):
    with steps("start: consent and location"):
        open_chat(page, stack.site)
        click_reply(page, "Yes, that's OK")
        wait_bot(page, WHERE)
        say(page, "Chicago")
        wait_bot(page, WHATS_HAPPENING)
        session_id = session_storage(page)["sessionId"]
        assert session_id
    with steps("the session lives in sessionStorage, nothing in localStorage"):
        assert page.evaluate("localStorage.length") == 0
        assert page.evaluate("document.cookie") == ""
    with steps("reload mid-conversation: same chat, open, same session"):
        page.reload()
        expect(page.get_by_role("dialog", name=re.compile("Rivera"))).to_be_visible()
        wait_bot(page, WHATS_HAPPENING)
        expect(page.locator(".iw-from-user .iw-bubble").filter(has_text="Chicago")).to_have_count(1)
        expect(page.locator(".iw-status")).to_be_empty(timeout=TURN)
        assert session_storage(page)["sessionId"] == session_id
    with steps("continue after the reload: the bot remembers the answers"):
        click_reply(page, "Someone is detained")
        wait_bot(page, "Do you know where the person is being held")
    with steps("update cards are shown as links, with dates"):
        cards = page.locator(".iw-card")
        if (ROOT / "bot" / "updates").is_dir():
            expect(cards.first).to_be_visible(timeout=TURN)
            first = cards.first
            expect(first.locator("a")).to_have_attribute("href", re.compile(r"^https?://"))
            expect(first.locator(".iw-card-date")).to_contain_text("Published")
    with steps("navigate to the updates page: the chat follows"):
        page.get_by_role("link", name="Updates", exact=True).first.click()
        expect(page).to_have_url(stack.site + "/updates")
        expect(page.get_by_role("heading", name="Updates", level=1)).to_be_visible()
        wait_bot(page, "Do you know where the person is being held")
        say(page, "I don't know")
        wait_bot(page, "When were they detained")
        assert session_storage(page)["sessionId"] == session_id
    with steps("start over: confirm, transcript cleared, the bot starts again"):
        page.get_by_role("button", name="Start over", exact=True).click()
        page.get_by_role("button", name="Yes, start over").click()
        expect(page.locator(".iw-from-user")).to_have_count(0)
        wait_bot(page, "let's start over")
        wait_bot(page, CONSENT)
        expect(bot_bubbles(page, "When were they detained")).to_have_count(0)
        expect(page.get_by_label("Type your message")).to_be_focused()
    with steps("no third-party requests, no errors in the console"):
        requests_seen.assert_local_only()
        requests_seen.assert_no_errors()


def test_keyboard_only(page, stack, steps):
    with steps("Tab reaches the launcher; Enter opens the chat and focuses the input"):
        page.goto(stack.site + "/")
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('iw-launcher')"):
                break
        else:
            raise AssertionError("the chat launcher is not reachable with Tab")
        page.keyboard.press("Enter")
        expect(page.get_by_label("Type your message")).to_be_focused()
        wait_bot(page, CONSENT)
    with steps("Shift+Tab from the input reaches the answer buttons; Enter picks one"):
        # The answer buttons are in the page and the input still has focus.
        expect(page.locator(".iw-reply", has_text="No, thanks")).to_be_enabled()
        expect(page.get_by_label("Type your message")).to_be_focused()
        page.keyboard.press("Shift+Tab")
        expect(page.locator(".iw-reply", has_text="No, thanks")).to_be_focused()
        page.keyboard.press("Shift+Tab")
        expect(page.locator(".iw-reply", has_text="Yes, that's OK")).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.get_by_label("Type your message")).to_be_focused()
        wait_bot(page, WHERE)
    with steps("type and send with Enter"):
        page.keyboard.type("Boston, MA")
        page.keyboard.press("Enter")
        wait_bot(page, WHATS_HAPPENING)
    with steps("pick a situation with the keyboard"):
        page.keyboard.press("Shift+Tab")  # the last of the situation buttons
        expect(page.locator(".iw-reply", has_text="Something else")).to_be_focused()
        page.keyboard.press("Space")
        wait_bot(page, "what would you like help with")
    with steps("Escape closes the chat and returns focus to the launcher"):
        page.get_by_label("Type your message").focus()
        page.keyboard.press("Escape")
        expect(page.get_by_role("dialog", name=re.compile("Rivera"))).to_be_hidden()
        expect(page.locator(".iw-launcher")).to_be_focused()
        expect(page.locator(".iw-launcher")).to_have_attribute("aria-expanded", "false")
    with steps("Enter reopens it with the conversation"):
        page.keyboard.press("Enter")
        expect(page.get_by_label("Type your message")).to_be_focused()
        wait_bot(page, "what would you like help with")
    with steps("start over by keyboard, and cancel"):
        page.get_by_role("button", name="Start over", exact=True).focus()
        page.keyboard.press("Enter")
        expect(page.get_by_role("button", name="Yes, start over")).to_be_focused()
        page.keyboard.press("Escape")
        expect(page.get_by_role("button", name="Start over", exact=True)).to_be_focused()
        expect(page.get_by_role("button", name="Yes, start over")).to_be_hidden()


def test_accessibility_with_axe_and_desktop_screenshot(browser, stack, artifacts):
    """axe-core on the page with the chat closed, open with buttons, and offline: no serious or critical issue."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(path=str(AXE))
    seen = Requests()
    seen.attach(context)
    page = context.new_page()
    steps = Steps(page, artifacts, "axe-desktop")
    try:
        with steps("structure: labels, live region, dialog name"):
            page.goto(stack.site + "/")
            launcher = page.locator(".iw-launcher")
            expect(launcher).to_have_attribute("aria-expanded", "false")
            assert axe_violations(page) == []
            launcher.click()
            wait_bot(page, CONSENT)
            log = page.locator(".iw-log")
            expect(log).to_have_attribute("role", "log")
            expect(log).to_have_attribute("aria-live", "polite")
            expect(page.get_by_role("textbox", name="Type your message")).to_be_visible()
            expect(page.get_by_role("button", name="Send")).to_be_visible()
            expect(page.get_by_role("button", name="Close chat")).to_be_visible()
            expect(page.locator(".iw-status")).to_have_attribute("role", "status")
        with steps("axe: chat open with answer buttons"):
            violations = axe_violations(page)
            assert violations == [], json.dumps(violations, indent=1)
        with steps("desktop screenshot"):
            page.screenshot(path=str(artifacts / "widget-desktop.png"))
        with steps("axe: the updates page, chat open, offline message shown"):
            page.goto(stack.site + "/updates")
            wait_bot(page, CONSENT)  # restored from sessionStorage, before the socket is up
            # Cut an established connection, not one half-way through its handshake.
            expect(page.locator(".iw-root")).to_have_attribute("data-connection", "online", timeout=TURN)
            stack.proxy.cut()
            expect(page.locator(".iw-status")).to_contain_text("Reconnecting", timeout=TURN)
            violations = axe_violations(page)
            assert violations == [], json.dumps(violations, indent=1)
        seen.assert_local_only()
    finally:
        stack.proxy.restore()
        context.close()


def test_phone_layout_360px(browser, stack, artifacts):
    with phone_page(browser, artifacts, "phone-360") as (page, seen, steps):
        page.context.add_init_script(path=str(AXE))
        with steps("the page fits 360 px, launcher visible"):
            page.goto(stack.site + "/")
            assert page.evaluate("document.documentElement.scrollWidth") <= 360
            launcher = page.locator(".iw-launcher")
            box = launcher.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360
        with steps("open: the chat fills the screen"):
            launcher.click()
            wait_bot(page, CONSENT)
            panel = page.get_by_role("dialog", name=re.compile("Rivera")).bounding_box()
            assert panel == {"x": 0, "y": 0, "width": 360, "height": 740}, panel
            assert page.evaluate("document.documentElement.scrollWidth") <= 360
        with steps("everything in the chat is inside the screen and big enough to tap"):
            for selector in (".iw-input", ".iw-send", ".iw-close", ".iw-restart", ".iw-language", ".iw-reply"):
                for handle in page.locator(selector).all():
                    b = handle.bounding_box()
                    assert b and b["x"] >= 0 and b["x"] + b["width"] <= 360, (selector, b)
                    assert b["height"] >= 44, (selector, b)
            page.screenshot(path=str(artifacts / "widget-phone.png"))
        with steps("a turn works on the phone"):
            click_reply(page, "Yes, that's OK")
            wait_bot(page, WHERE)
        with steps("axe on the phone layout"):
            violations = axe_violations(page)
            assert violations == [], json.dumps(violations, indent=1)
        with steps("close returns to the page"):
            page.get_by_role("button", name="Close chat").click()
            expect(page.locator(".iw-launcher")).to_be_focused()
        seen.assert_local_only()


def test_reconnects_and_sends_what_was_typed_offline(page, stack, steps, requests_seen):
    try:
        with steps("start the conversation"):
            open_chat(page, stack.site)
            expect(page.locator(".iw-root")).to_have_attribute("data-connection", "online", timeout=TURN)
        with steps("the connection drops: a plain message says so"):
            stack.proxy.cut()
            expect(page.locator(".iw-root")).to_have_attribute("data-connection", "offline", timeout=TURN)
            status = page.locator(".iw-status")
            expect(status).to_contain_text("Connection lost", timeout=TURN)
            expect(status).to_contain_text("will be sent")
        with steps("a message typed while offline is kept, marked as not sent"):
            say(page, "yes")
            expect(page.locator(".iw-from-user .iw-pending")).to_have_text("Not sent yet")
            page.wait_for_timeout(1500)  # a reconnection attempt or two fail meanwhile
            expect(bot_bubbles(page, WHERE)).to_have_count(0)
        with steps("it survives a reload while still offline"):
            page.reload()
            expect(page.locator(".iw-from-user .iw-pending")).to_have_text("Not sent yet")
        with steps("the connection comes back: reconnected, the message is sent once"):
            stack.proxy.restore()
            wait_bot(page, WHERE)
            expect(page.locator(".iw-status")).to_be_empty(timeout=TURN)
            expect(page.locator(".iw-pending")).to_have_count(0)
            page.wait_for_timeout(1000)
            expect(bot_bubbles(page, WHERE)).to_have_count(1)
            assert session_storage(page)["outbox"] == []
        with steps("the conversation goes on"):
            say(page, "Chicago, IL")
            wait_bot(page, WHATS_HAPPENING)
        requests_seen.assert_local_only()
    finally:
        stack.proxy.restore()


def test_server_unreachable_when_the_page_opens(page, stack, steps, requests_seen):
    """The chat opened while the assistant is unreachable says so, then starts when it is back."""
    try:
        with steps("the assistant is unreachable: a plain message, not silence"):
            stack.proxy.cut()
            page.goto(stack.site + "/")
            page.get_by_role("button", name="Chat with us").click()
            expect(page.locator(".iw-status")).to_contain_text("Reconnecting", timeout=TURN)
            expect(page.locator(".iw-root")).to_have_attribute("data-connection", "offline")
            expect(bot_bubbles(page, CONSENT)).to_have_count(0)
        with steps("it comes back: the conversation starts by itself"):
            stack.proxy.restore()
            wait_bot(page, CONSENT)
            expect(page.locator(".iw-root")).to_have_attribute("data-connection", "online")
            expect(page.locator(".iw-status")).to_be_empty()
        requests_seen.assert_local_only()
    finally:
        stack.proxy.restore()


def test_rasa_webchat_client_works_against_the_same_server(page, stack, steps, requests_seen):
    """The standard rasa-webchat 1.0.1 from npm (served by the site): a short conversation."""
    with steps("open rasa-webchat"):
        page.goto(stack.site + "/demo/rasa-webchat")
        page.locator(".rw-launcher").click()
        expect(page.locator(".rw-conversation-container")).to_contain_text(CONSENT, timeout=TURN)
    with steps("consent with its quick reply"):
        page.locator(".rw-reply", has_text="Yes, that's OK").click()
        expect(page.locator(".rw-conversation-container")).to_contain_text(WHERE, timeout=TURN)
    with steps("type the location"):
        page.locator(".rw-new-message").fill("Chicago, IL")
        page.locator(".rw-new-message").press("Enter")
        expect(page.locator(".rw-conversation-container")).to_contain_text(WHATS_HAPPENING, timeout=TURN)
    with steps("no third-party requests (the page's font request, if any, was refused)"):
        outside = [u for u in requests_seen.urls if urlsplit(u).hostname not in ("127.0.0.1",) and not u.startswith("data:")]
        assert all("fonts.googleapis.com" in u for u in outside), outside


# --- every kind of bot message, from a stand-in for socket.io ------------------------------------

FAKE_IO = """
(() => {
  const handlers = {};
  const fire = (event, ...args) => (handlers[event] || []).forEach((f) => f(...args));
  window.__sent = [];
  window.__acks = [];
  window.__fake = { fire };
  window.io = () => {
    const socket = {
      connected: true, active: true,
      on(event, f) { (handlers[event] = handlers[event] || []).push(f); },
      emit(event, data, ack) {
        window.__sent.push({ event, data });
        if (event === "session_request") setTimeout(() => fire("session_confirm", data.session_id || "fake-session"));
        else if (ack) window.__acks.push(ack);
      },
      connect() {},
    };
    setTimeout(() => fire("connect"));
    return socket;
  };
})();
"""


def test_every_kind_of_bot_message_renders_and_only_as_text(browser, stack, artifacts):
    """Text, buttons, update cards, a booking confirmation, and hostile content, from a fake server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(FAKE_IO)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    steps = Steps(page, artifacts, "fake-server")
    fire = lambda message: page.evaluate("m => window.__fake.fire('bot_uttered', m)", message)  # noqa: E731
    try:
        with steps("opening sends the initial message on the confirmed session"):
            page.goto(stack.site + "/")
            page.get_by_role("button", name="Chat with us").click()
            expect(page.locator(".iw-typing")).to_be_visible()
            sent = page.evaluate("window.__sent")
            assert sent[0] == {"event": "session_request", "data": {"session_id": None}}
            assert sent[1] == {"event": "user_uttered", "data": {"message": "/greet", "session_id": "fake-session"}}
        with steps("text with buttons; the turn ends with the acknowledgement"):
            fire({"text": "Pick one https://example.org/help.", "quick_replies": [
                {"content_type": "text", "title": "First", "payload": "/first"},
                {"content_type": "text", "title": "<b>Second</b>", "payload": '/inform{"x":"<y>"}'},
            ]})
            page.evaluate("window.__acks.shift()()")
            expect(page.locator(".iw-typing")).to_be_hidden()
            link = page.locator(".iw-from-bot .iw-text a")
            expect(link).to_have_attribute("href", "https://example.org/help")
            expect(link).to_have_attribute("rel", "noopener noreferrer")
            expect(page.locator(".iw-reply").nth(1)).to_have_text("<b>Second</b>")
        with steps("a button sends its payload and shows its title"):
            page.locator(".iw-reply").nth(1).click()
            assert page.evaluate("window.__sent.at(-1).data.message") == '/inform{"x":"<y>"}'
            expect(page.locator(".iw-from-user .iw-text").last).to_have_text("<b>Second</b>")
            expect(page.locator(".iw-reply[disabled]")).to_have_count(2)
            expect(page.locator(".iw-reply.iw-chosen")).to_have_attribute("aria-pressed", "true")
            page.evaluate("window.__acks.shift()()")
        with steps("update cards: title link, date, summary; unsafe links are not links"):
            fire({"custom": {"type": "updates", "items": [
                {"title": "Know your rights at home", "url": "https://firm.example/updates/kyr",
                 "published": "2025-01-28", "date": "January 28, 2025", "summary": "What to do if agents knock."},
                {"title": "<img src=x onerror=window.__xss=1>", "url": "javascript:window.__xss=2",
                 "published": "2025-02-01", "summary": "<script>window.__xss=3</script>"},
            ]}})
            cards = page.locator(".iw-card")
            expect(cards).to_have_count(2)
            expect(cards.nth(0).get_by_role("link")).to_have_attribute("href", "https://firm.example/updates/kyr")
            expect(cards.nth(0)).to_contain_text("Published January 28, 2025")
            expect(cards.nth(0)).to_contain_text("What to do if agents knock.")
            expect(cards.nth(1).locator("a")).to_have_count(0)
            expect(cards.nth(1)).to_contain_text("<img src=x onerror=window.__xss=1>")
            expect(cards.nth(1)).to_contain_text("<script>window.__xss=3</script>")
        with steps("booking confirmation with the .ics link"):
            fire({"custom": {"type": "booking", "reference": "RC-7F3K", "when": "Tuesday, December 1, 2026 at 10:00 AM CST",
                             "attorney": "Ana Rivera", "mode": "video", "ics_url": "https://firm.example/booking/RC-7F3K.ics"}})
            booking = page.locator(".iw-booking")
            expect(booking).to_contain_text("Consultation booked")
            expect(booking).to_contain_text("RC-7F3K")
            expect(booking).to_contain_text("Ana Rivera")
            expect(booking).to_contain_text("Video call")
            expect(booking).to_contain_text("Tuesday, December 1, 2026 at 10:00 AM CST")
            ics = booking.get_by_role("link", name="Add to my calendar (.ics)")
            expect(ics).to_have_attribute("href", "https://firm.example/booking/RC-7F3K.ics")
        with steps("hostile bot text is shown as text"):
            fire({"text": '<img src=x onerror="window.__xss=4"><script>window.__xss=5</script>'})
            expect(page.locator(".iw-from-bot .iw-text").last).to_have_text(
                '<img src=x onerror="window.__xss=4"><script>window.__xss=5</script>')
            assert page.locator("#intake-widget img, #intake-widget script").count() == 0
            assert page.evaluate("window.__xss") is None
        with steps("axe with cards and a booking shown"):
            violations = axe_violations(page)
            assert violations == [], json.dumps(violations, indent=1)
        with steps("a reload shows the same transcript from sessionStorage"):
            before = page.locator(".iw-log").inner_text()
            page.reload()
            expect(page.locator(".iw-booking")).to_be_visible()
            assert page.locator(".iw-log").inner_text() == before
            expect(page.locator(".iw-reply:not([disabled])")).to_have_count(0)
            page.screenshot(path=str(artifacts / "widget-cards.png"))
    finally:
        context.close()


# --- the Rasa server accepts the site's origin only --------------------------------------------


def test_socketio_refuses_other_origins_and_accepts_the_site(stack):
    import socketio

    async def try_origin(origin: str):
        client = socketio.AsyncClient(reconnection=False)
        confirmed = asyncio.get_running_loop().create_future()
        client.on("session_confirm", lambda sid: confirmed.done() or confirmed.set_result(sid))
        try:
            await client.connect(stack.rasa, headers={"Origin": origin}, transports=["polling"], wait_timeout=10)
        except socketio.exceptions.ConnectionError as exc:
            return f"refused: {exc}"
        try:
            await client.emit("session_request", {"session_id": None})
            return await asyncio.wait_for(confirmed, 10)
        finally:
            await client.disconnect()

    async def both():
        return await try_origin("http://evil.example"), await try_origin(stack.site)

    # In a thread of its own: Playwright's sync API keeps an event loop running in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        evil, site = pool.submit(asyncio.run, both()).result(timeout=60)
    assert evil.startswith("refused"), evil
    assert re.fullmatch(r"[0-9a-f]{32}", site), site


def test_rest_refuses_other_origins_and_sends_cors_headers_to_the_site(stack):
    url = f"{stack.rasa}/webhooks/rest/webhook"
    body = {"sender": "origin-check", "message": "hello"}
    refused = httpx.post(url, json=body, headers={"Origin": "http://evil.example"}, timeout=60)
    assert refused.status_code == 403
    assert "access-control-allow-origin" not in refused.headers
    allowed = httpx.post(url, json=body, headers={"Origin": stack.site}, timeout=60)
    assert allowed.status_code == 200 and allowed.json()
    assert allowed.headers.get("access-control-allow-origin") == stack.site
    preflight = httpx.options(
        url, headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"}, timeout=10
    )
    assert preflight.headers.get("access-control-allow-origin") != "http://evil.example"


def test_widget_on_a_page_of_another_origin_gets_no_answers(browser, stack, artifacts):
    """The same site reached as http://localhost:<port> is another origin: the bot does not answer it."""
    context = browser.new_context()
    seen = Requests(allowed_hosts=("127.0.0.1", "localhost"))
    seen.attach(context)
    page = context.new_page()
    steps = Steps(page, artifacts, "foreign-origin")
    try:
        with steps("open the chat from the other origin"):
            page.goto(stack.site.replace("127.0.0.1", "localhost") + "/")
            page.get_by_role("button", name="Chat with us").click()
            expect(page.locator(".iw-status")).not_to_be_empty(timeout=TURN)
            page.wait_for_timeout(2000)
            expect(page.locator(".iw-from-bot")).to_have_count(0)
        seen.assert_local_only()
    finally:
        context.close()


#: The Spanish conversation's questions (fragments) and what the visitor answers.
SPANISH_ANSWERS = {
    "¿Dónde se encuentra usted ahora?": "Chicago, IL",
    "¿Qué está pasando?": "se llevaron a mi esposo, lo tiene ICE desde ayer",
    "¿Sabe dónde tienen detenida": "no sé",
    "¿Cuándo lo detuvieron?": "ayer",
    "¿Tiene el número A": "no lo tengo",
    "¿Qué nombre debe usar": "Rosa Díaz",
    "¿A qué número de teléfono": "312-555-0199",
    "¿A qué correo electrónico": "rosa.diaz@example.com",
}
#: Buttons the Spanish visitor clicks, by their Spanish titles.
SPANISH_BUTTONS = ("Sí, está bien", "Sí, guárdelo", "Sí, reservar una consulta", " con ", "Llamada telefónica", "Sí, reservarla")


def _reply_language(text: str) -> str:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
    identifier.set_languages(["en", "es"])
    return identifier.classify(re.sub(r"https?://\S+|\S+@\S+|[\d+()\-./:#]+", " ", text))[0]


def test_spanish_conversation_through_to_a_booking_at_360px_and_desktop(page, stack, steps, artifacts, requests_seen):
    """The switch turns the widget and the conversation Spanish; every reply after it is in Spanish."""
    with steps("open the chat: English first, with the switch to Spanish"):
        open_chat(page, stack.site)
        expect(page.locator(".iw-root")).to_have_attribute("lang", "en")
    with steps("the switch: the widget's words and lang at once, the assistant goes on in Spanish"):
        page.get_by_role("button", name="Continuar en español").click()
        expect(page.locator(".iw-root")).to_have_attribute("lang", "es")
        assert page.evaluate("document.documentElement.lang") == "es"
        expect(page.get_by_label("Escriba su mensaje")).to_be_visible()
        expect(page.locator(".iw-send")).to_have_text("Enviar")
        wait_bot(page, "seguimos en español")
        wait_bot(page, "Hola, soy Sol")
        expect(page.locator(".iw-typing")).to_be_hidden(timeout=TURN)
        switched_at = page.locator(".iw-from-bot").count() - 2
    with steps("the intake and the booking in Spanish, by buttons and typing"):
        for _ in range(25):
            expect(page.locator(".iw-typing")).to_be_hidden(timeout=TURN)
            if page.locator(".iw-booking").count():
                break
            buttons = page.locator(".iw-reply:not([disabled])")
            titles = [b.inner_text() for b in buttons.all()]
            wanted = next((t for t in titles for w in SPANISH_BUTTONS if w in t), None)
            if wanted:
                click_reply(page, wanted)
                continue
            question = page.locator(".iw-from-bot .iw-text").last.inner_text()
            answer = next((a for q, a in SPANISH_ANSWERS.items() if q in question), None)
            assert answer, f"unexpected question: {question!r} (buttons {titles})"
            box = page.get_by_label("Escriba su mensaje")
            box.fill(answer)
            box.press("Enter")
        card = page.locator(".iw-booking")
        expect(card).to_contain_text("Consulta reservada")
        expect(card).to_contain_text("Ana Rivera")  # the attorney who speaks Spanish
        expect(card).to_contain_text("Llamada telefónica")
        expect(card).to_contain_text("hora del Centro")
        expect(page.locator(".iw-ics")).to_have_text("Agregar a mi calendario (.ics)")
    with steps("every reply after the switch is in Spanish (language identifier)"):
        bubbles = page.locator(".iw-from-bot").all()[switched_at:]
        replies = [t for b in bubbles for t in b.locator(".iw-text").all_inner_texts() if len(t.split()) >= 4]
        english = [t for t in replies if _reply_language(t) != "es"]
        assert len(replies) >= 10 and english == [], english
    with steps("the intake is saved in Spanish; the booking is in Spanish"):
        session_id = session_storage(page)["sessionId"]
        (saved,) = [i for i in stack.intakes() if i["conversation_id"] == session_id]
        assert saved["language"] == "es" and saved["situation"] == "detention", saved
    with steps("screenshots: desktop, then 360 px"):
        page.screenshot(path=str(artifacts / "widget-spanish-desktop.png"))
        page.set_viewport_size({"width": 360, "height": 740})
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        for selector in (".iw-language", ".iw-restart", ".iw-close", ".iw-send"):
            b = page.locator(selector).bounding_box()
            assert b and b["x"] >= 0 and b["x"] + b["width"] <= 360, (selector, b)
        page.screenshot(path=str(artifacts / "widget-spanish-phone.png"))
    requests_seen.assert_local_only()
