"""The balancer's configuration shipped for docker-compose is the one scripts/scaled.py writes."""
from __future__ import annotations

from pathlib import Path

import scaled

ROOT = Path(__file__).resolve().parents[1]


def test_the_shipped_haproxy_configuration_is_the_generated_one():
    shipped = (ROOT / "deploy" / "haproxy.cfg").read_text()
    generated = scaled.haproxy_config("*:5005", ["rasa1:5005", "rasa2:5005"])
    # Only the header line says which command wrote it.
    assert shipped.splitlines()[1:] == generated.splitlines()[1:], "rerun: scripts/scaled.py haproxy > deploy/haproxy.cfg"

