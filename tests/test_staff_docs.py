"""web/staff/README.md stays honest: every route and every `intake staff` command is documented."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.staff.cli import cli as staff_group
from web.staff.app import ROUTES

README = (Path(__file__).resolve().parent.parent / "web" / "staff" / "README.md").read_text()


@pytest.mark.parametrize("path", sorted({r.path for r in ROUTES}))
def test_every_route_is_documented(path):
    # /intakes/{intake_id:int} is written /intakes/{id}
    documented = re.sub(r"\{\w+_id(:\w+)?\}", "{id}", path)
    documented = re.sub(r"\{(\w+)(:\w+)?\}", r"{\1}", documented)
    assert f"`/staff{documented}`" in README


@pytest.mark.parametrize("command", sorted(staff_group.commands))
def test_every_staff_command_is_documented(command):
    assert f"`intake staff {command}" in README
