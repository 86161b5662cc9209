"""Finding 9: the rasa-webchat test page, whose third-party client turns a
visitor's Markdown ``[x](javascript:...)`` into a live link, is served in
development only (and its script disarms such links)."""
from __future__ import annotations

from pathlib import Path

from starlette.testclient import TestClient

from bot import settings
from web.app import create_app

STATIC = Path(__file__).resolve().parents[2] / "web" / "static"


def deployment(environment: str) -> settings.Deployment:
    return settings.Deployment(environment, environment == "production", ())


def test_not_served_in_production():
    response = TestClient(create_app(deployment=deployment("production"))).get("/demo/rasa-webchat")
    assert response.status_code == 404
    assert "rasa-webchat" not in response.text and "webchat-test.js" not in response.text


def test_production_is_the_default_away_from_localhost(monkeypatch, tmp_path):
    from bot.firm import firm

    monkeypatch.delenv("INTAKE_ENV", raising=False)
    profile = tmp_path / "firm.yml"
    original = (Path(settings.PROJECT_ROOT) / "firm.yml").read_text(encoding="utf-8")
    profile.write_text(original.replace('website_origin: "http://localhost:8000"', 'website_origin: "https://www.firm.example"'),
                       encoding="utf-8")
    monkeypatch.setenv("FIRM_PROFILE", str(profile))
    firm.cache_clear()
    try:
        assert TestClient(create_app()).get("/demo/rasa-webchat").status_code == 404
    finally:
        firm.cache_clear()


def test_served_in_development_with_links_disarmed():
    response = TestClient(create_app(deployment=deployment("development"))).get("/demo/rasa-webchat")
    assert response.status_code == 200 and "/static/webchat-test.js" in response.text
    script = (STATIC / "webchat-test.js").read_text(encoding="utf-8")
    # Only these protocols keep an href; checked on the protocol the browser parsed.
    assert '{ "http:": true, "https:": true, "mailto:": true, "tel:": true }' in script
    assert 'removeAttribute("href")' in script and "MutationObserver" in script
