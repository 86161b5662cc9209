"""The project's text files hold no control characters.

A backspace typed where ``\\b`` was meant (in a plain string, or pasted into a raw one) makes a
pattern that never matches, silently: ``flow._KEEPS_DATA`` had one for a whole session.
"""
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXT = (".py", ".yml", ".yaml", ".md", ".js", ".html", ".css", ".txt", ".toml", ".cfg", ".ini", ".sh")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def test_no_tracked_text_file_holds_a_control_character():
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    found = []
    for name in files:
        if name.endswith(TEXT) and (ROOT / name).is_file():
            for number, line in enumerate((ROOT / name).read_text(encoding="utf-8", errors="replace").splitlines(), 1):
                if CONTROL.search(line):
                    found.append(f"{name}:{number}")
    assert found == []
