"""Finding 8: the Rasa server the widget connects to and what the CSP allows
come from configuration (``RASA_URL``, ``firm.yml`` ``website_origin``),
never from the request's ``Host`` header."""
from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from web.app import create_app


def server_url(html: str) -> str:
    return re.search(r'widget\.js"[^>]*data-server-url="([^"]*)"', html, re.S).group(1)


@pytest.mark.parametrize("rasa_env, expected", [(None, "http://localhost:5005"), ("https://chat.firm.example", "https://chat.firm.example")])
@pytest.mark.parametrize("host", ["evil.example", "evil.example:5005", "[::1]:80", "localhost.evil.example"])
def test_host_header_chooses_neither_the_widgets_server_nor_the_csp(monkeypatch, rasa_env, expected, host):
    if rasa_env:
        monkeypatch.setenv("RASA_URL", rasa_env)
    else:
        monkeypatch.delenv("RASA_URL", raising=False)
    c = TestClient(create_app())
    honest = c.get("/")
    forged = c.get("/", headers={"Host": host, "X-Forwarded-Host": host})
    assert server_url(forged.text) == server_url(honest.text) == expected
    csp = forged.headers["content-security-policy"]
    assert csp == honest.headers["content-security-policy"]
    assert "evil" not in csp and "evil" not in forged.text and "::1" not in csp
    assert csp_connect(csp) == {"'self'", expected, expected.replace("http", "ws", 1)}


def csp_connect(csp: str) -> set:
    return set(re.search(r"connect-src ([^;]*)", csp).group(1).split())
