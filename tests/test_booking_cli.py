"""`intake bookings list` and `intake bookings slots` (the firm profile's attorneys)."""
import re
from datetime import datetime

import pytest
from click.testing import CliRunner

from bot.booking import store as booking_store
from bot.booking.service import find_slots
from bot.cli import main

NOW = "2026-11-29T09:00:00-06:00"  # a Sunday


@pytest.fixture
def db_path(tmp_path):
    return str(tmp_path / "intake.db")


def invoke(db_path, *args):
    result = CliRunner().invoke(main, ["--db", db_path, "bookings", *args])
    assert result.exit_code == 0, result.output
    return result


def test_slots(db_path):
    result = invoke(db_path, "slots", "--situation", "detention", "--language", "es", "--urgent", "--now", NOW, "--limit", "3")
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 3
    label, attorney, key = lines[0].split("\t")
    assert label.endswith("CST") and re.fullmatch(r"[\w.-]+@\d{8}T\d{4}Z", key)
    # the same as the API gives
    offer = find_slots(
        booking_store.connect(db_path), situation="detention", language="es", urgent=True, limit=3,
        visitor_tz="America/Chicago", now=datetime.fromisoformat(NOW),
    )
    assert [line.split("\t")[0] for line in lines] == offer.labels


def test_slots_in_another_zone(db_path):
    result = invoke(db_path, "slots", "--situation", "family", "--tz", "America/New_York", "--now", NOW)
    assert all(line.split("\t")[0].endswith("EST") for line in result.stdout.strip().splitlines())


def test_slots_refuses_a_bad_now(db_path):
    result = CliRunner().invoke(main, ["--db", db_path, "bookings", "slots", "--situation", "family", "--now", "tomorrow"])
    assert result.exit_code != 0 and "--now" in result.output


def test_list(db_path):
    db = booking_store.connect(db_path)
    now = datetime.fromisoformat(NOW)
    offer = find_slots(db, situation="family", visitor_tz="America/Chicago", now=now)
    visitor = booking_store.Visitor("Rosa Díaz", "rosa@example.com", "312-555-0199", "America/Chicago")
    booking = booking_store.book(db, offer.slots[0], visitor, "phone", now=now)
    db.close()
    result = invoke(db_path, "list")
    (line,) = result.stdout.strip().splitlines()
    assert line.startswith(booking.reference) and line.endswith("phone\tconfirmed")
    assert "rosa@example.com" not in result.output and "Rosa" not in result.output
    assert invoke(db_path, "list", "--status", "cancelled").stdout == ""
