"""Run the test stories (tests/test_stories/) against the trained model and a live action server.

Fails on any prediction error (intent or action). Reports go to results/test_stories/.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import servers  # noqa: E402


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default="models", help="model file or folder (default: models/)")
    parser.add_argument("--stories", default="tests/test_stories")
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="intake-stories-"))
    port = servers.free_port()
    env = servers.base_env(data_dir, port)
    # Booking stories name concrete slots: pin the clock to Monday 2026-11-30, 9:00 Chicago.
    env.update(INTAKE_NOW="2026-11-30T15:00:00+00:00", INTAKE_TODAY="2026-11-30")
    with servers.action_server(env, port, servers.ROOT / "results" / "test_stories" / "actions.log"):
        command = [
            str(servers.BIN / "rasa"), "test", "core",
            "--model", args.model,
            "--stories", args.stories,
            "--endpoints", "endpoints.yml",
            "--out", "results/test_stories",
            "--fail-on-prediction-errors",
        ]
        result = subprocess.run(command, cwd=servers.ROOT, env=env)
    failed = servers.ROOT / "results" / "test_stories" / "failed_test_stories.yml"
    if result.returncode != 0 and failed.exists():
        print(failed.read_text()[:20000])
    print(f"test stories: {'passed' if result.returncode == 0 else 'FAILED'} (reports in results/test_stories/)")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
