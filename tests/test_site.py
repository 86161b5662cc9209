"""The demo site (web/site.py), in process: pages, the widget tag, headers, posted updates.

The widget itself is tested in a real browser in tests/browser/test_widget.py.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from web import site

ROOT = Path(__file__).resolve().parent.parent
RASA = "http://127.0.0.1:5005"


@pytest.fixture
def client(data_dir):
    """The whole web process (its middleware adds the security headers), site at /."""
    from web.app import create_app

    return TestClient(create_app(RASA))



def widget_tags(html: str) -> list:
    return re.findall(r"<script[^>]*widget/widget\.js[^>]*>", html)


@pytest.mark.parametrize("path", ["/", "/updates"])
def test_every_page_has_the_widget_as_one_configured_tag(client, path):
    response = client.get(path)
    assert response.status_code == 200
    tags = widget_tags(response.text)
    assert len(tags) == 1
    tag = tags[0]
    assert f'data-server-url="{RASA}"' in tag
    assert 'data-firm-name="Rivera &amp; Cole Immigration Law"' in tag
    assert 'data-assistant-name="Sol"' in tag
    assert 'data-primary-color="#1d4e89"' in tag and 'data-primary-text-color="#ffffff"' in tag
    assert 'data-initial-message="/greet"' in tag
    # nothing else is loaded by the page: the widget brings its own dependencies
    assert len(re.findall(r"<script", response.text)) == 1


def test_pages_allow_only_this_site_and_the_rasa_server(client):
    headers = client.get("/").headers
    csp = headers["content-security-policy"]
    assert "script-src 'self';" in csp and "style-src 'self';" in csp
    assert f"connect-src 'self' {RASA} ws://127.0.0.1:5005;" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"


def test_rasa_url_comes_from_the_environment_or_the_website_origin(data_dir, monkeypatch, firm_profile):
    from web.app import create_app

    monkeypatch.setenv("RASA_URL", "https://bot.example.org/")
    tag = widget_tags(TestClient(create_app()).get("/").text)[0]
    assert 'data-server-url="https://bot.example.org"' in tag
    monkeypatch.delenv("RASA_URL")
    firm_profile(website_origin="https://www.firm.example")
    response = TestClient(create_app(), base_url="http://localhost:8000").get("/")
    assert 'data-server-url="https://www.firm.example:5005"' in widget_tags(response.text)[0]
    assert "wss://www.firm.example:5005" in response.headers["content-security-policy"]


def test_updates_page_without_posts_says_so(client):
    response = client.get("/updates")
    assert response.status_code == 200
    assert "No updates have been posted yet." in response.text


def _import_posts(data_dir: Path, names: list, origin: str) -> None:
    updates = pytest.importorskip("bot.updates")
    from bot import store

    folder = data_dir.parent / "posts"
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text((ROOT / "content" / "posts" / name).read_text(encoding="utf-8"), encoding="utf-8")
    db = store.connect()
    updates.import_source(db, folder, website_origin=origin)
    db.conn.close()


POSTS = ["2025-03-04-find-someone-in-ice-custody.md", "2024-06-12-illinois-trust-act-explained.md"]


def test_updates_page_lists_posts_newest_first_with_local_links(client, data_dir):
    from bot.firm import firm

    _import_posts(data_dir, POSTS, firm().website_origin)
    html = client.get("/updates").text
    first = html.index("How to find someone in ICE custody")
    second = html.index("Illinois TRUST Act")
    assert first < second
    assert 'href="/updates/find-someone-in-ice-custody"' in html
    assert '<time datetime="2025-03-04">' in html
    home = client.get("/").text
    assert "How to find someone in ICE custody" in home


def test_a_post_has_its_own_page(client, data_dir):
    from bot.firm import firm

    _import_posts(data_dir, POSTS[:1], firm().website_origin)
    response = client.get("/updates/find-someone-in-ice-custody")
    assert response.status_code == 200
    assert "<h1>How to find someone in ICE custody" in response.text
    assert "Search by A-number" in response.text
    assert client.get("/updates/no-such-post").status_code == 404
    assert client.get("/updates/..%2Ffirm.yml").status_code == 404


def test_an_unreadable_database_means_no_posts_not_an_error(client, data_dir):
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "intake.db").write_bytes(b"this is not a database" * 100)
    response = client.get("/updates")
    assert response.status_code == 200
    assert "No updates have been posted yet." in response.text


def test_posted_text_is_escaped(client, data_dir):
    updates = pytest.importorskip("bot.updates")
    from bot import store
    from bot.updates import library

    db = store.connect()
    updates.ensure_schema(db)
    library.upsert_post(
        db,
        {
            "url": "http://localhost:8000/updates/x",
            "title": "<script>alert(1)</script>",
            "published": "2025-01-01",
            "summary": "<img src=x onerror=alert(1)>",
            "body": "b",
            "categories": ["other"],
            "jurisdictions": ["US"],
            "categories_source": "front matter",
            "jurisdictions_source": "front matter",
            "content_hash": "h",
            "source": "test",
        },
    )
    db.conn.close()
    html = client.get("/updates").text
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html


def test_widget_colours_come_from_firm_yml_and_must_meet_aa_contrast(firm_profile):
    firm_profile(widget={"primary_color": "#5a1e6e", "primary_text_color": "#ffffff", "initial_message": "hello"})
    settings = site.widget_settings()
    assert (settings.primary_color, settings.primary_text_color, settings.initial_message) == ("#5a1e6e", "#ffffff", "hello")
    firm_profile(widget={"primary_color": "#ffcc00", "primary_text_color": "#ffffff"})  # 1.6:1
    assert site.widget_settings().primary_color == site.DEFAULT_PRIMARY
    firm_profile(widget={"primary_color": "red; background: url(x)", "primary_text_color": "#fff"})
    assert site.widget_settings().primary_color == site.DEFAULT_PRIMARY


@pytest.mark.parametrize(
    "a, b, ratio",
    [("#000000", "#ffffff", 21.0), ("#ffffff", "#ffffff", 1.0), ("#595959", "#ffffff", 7.0), ("#767676", "#fff", 4.54)],
)
def test_contrast_ratio(a, b, ratio):
    assert site.contrast_ratio(a, b) == pytest.approx(ratio, abs=0.01)


def test_widget_stylesheet_colour_pairs_meet_aa():
    """The fixed colour pairs in widget.css (text on its background), checked like axe would."""
    pairs = [
        ("#1a1a1a", "#eef1f5"),  # bot bubble
        ("#1d4e89", "#eef1f5"),  # links in a bot bubble
        ("#4d4d4d", "#ffffff"),  # muted text (card dates, typing)
        ("#4d4d4d", "#eef1f5"),
        ("#5c3300", "#fff4e5"),  # offline status
        ("#8a0016", "#fdecee"),  # error status
        ("#6b6b6b", "#ffffff"),  # placeholder
        ("#1a1a1a", "#fff8e6"),  # start-over confirmation
    ]
    css = (ROOT / "web" / "static" / "widget" / "widget.css").read_text()
    for fg, bg in pairs:
        assert fg in css and bg in css
        assert site.contrast_ratio(fg, bg) >= 4.5, (fg, bg)


def test_vendor_code_is_served_from_node_modules(client):
    if not (site.NODE_MODULES / "socket.io-client").is_dir():
        pytest.skip("node_modules not installed (npm ci)")
    response = client.get("/vendor/socket.io-client/socket.io.min.js")
    assert response.status_code == 200
    assert "javascript" in response.headers["content-type"]
    assert client.get("/vendor/socket.io-client/../../package.json").status_code == 404


def test_missing_vendor_code_names_the_fix(tmp_path, monkeypatch, data_dir):
    monkeypatch.setitem(site.VENDOR, "socket.io-client", site.NODE_MODULES / "no-such-package")
    response = TestClient(site.create_app(RASA)).get("/vendor/socket.io-client/socket.io.min.js")
    assert response.status_code == 404
    assert "npm ci" in response.text


def test_browser_code_pins_exact_versions_and_loads_nothing_from_a_cdn():
    package = json.loads((ROOT / "package.json").read_text())
    deps = {**package.get("dependencies", {}), **package.get("devDependencies", {})}
    assert re.fullmatch(r"4\.\d+\.\d+", deps["socket.io-client"])
    assert deps["rasa-webchat"] == "1.0.1"
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", v) for v in deps.values()), deps
    lock = json.loads((ROOT / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/socket.io-client"]["version"] == deps["socket.io-client"]
    for path in list((ROOT / "web" / "static").rglob("*")) + list((ROOT / "web" / "templates").rglob("*")):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            for url in re.findall(r"https?://[^\s\"'<>)]+", text):
                # examples in comments, and the SVG namespace (a name, never fetched)
                assert re.match(r"https?://(firm\.example|bot\.firm\.example|www\.w3\.org/2000/svg$)", url), f"{path}: {url}"


def test_widget_never_renders_messages_as_html():
    js = (ROOT / "web" / "static" / "widget" / "widget.js").read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in js, sink
    assert "localStorage" not in js.replace("never localStorage", "")
