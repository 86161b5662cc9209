"""The Makefile's targets: every one is phony or a file, and `make help` lists every phony one."""
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


def _phony():
    line = next(line for line in MAKEFILE.splitlines() if line.startswith(".PHONY:"))
    return set(line.split(":", 1)[1].split())


def _named_targets():
    return {m.group(1) for m in re.finditer(r"^([a-z][a-zA-Z_-]*):(?!=)", MAKEFILE, re.M)}


def test_every_named_target_is_phony_and_every_phony_target_exists():
    assert _named_targets() == _phony()


def test_make_help_lists_every_target_with_what_it_does():
    out = subprocess.run(["make", "--no-print-directory", "help"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    listed = {}
    for line in out.stdout.splitlines():
        m = re.match(r"^make (\S+)\s+(\S.*)$", line)
        if m:
            listed[m.group(1)] = m.group(2)
    assert set(listed) == _phony()
    assert all(len(text) > 8 for text in listed.values())
