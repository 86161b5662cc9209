"""Templates: autoescape everywhere, nothing marked safe, the inline stylesheet unchanged by escaping."""
from __future__ import annotations

import re
from pathlib import Path

import markupsafe

from web.staff import templating

TEMPLATES = sorted(templating.TEMPLATES.glob("*.html"))
WEB_STAFF = Path(templating.__file__).parent


def test_every_template_is_autoescaped():
    env = templating.environment()
    assert env.autoescape is True  # for every template, whatever its name (not just *.html)
    for path in TEMPLATES:
        env.get_template(path.name)  # compiles
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"
    assert env.from_string("{{ x }}").render(x=markupsafe.escape("<b>")) == "&lt;b&gt;"


def test_nothing_is_marked_safe():
    for path in TEMPLATES:
        text = path.read_text()
        assert not re.search(r"\|\s*safe\b", text), path.name
        assert "autoescape false" not in text, path.name
    for path in WEB_STAFF.glob("*.py"):
        text = path.read_text()
        assert "Markup(" not in text and "|safe" not in text, path.name


def test_inline_stylesheet_is_unchanged_by_escaping_and_allowed_by_hash():
    css, source = templating.stylesheet()
    assert str(markupsafe.escape(css)) == css
    assert source.startswith("sha256-")
