"""Run the test stories (tests/test_stories/) against the trained model.

`rasa test` replays each story's events and checks every predicted intent
and action (`--fail-on-prediction-errors`); it does not run custom actions,
so stories write out the slot events that rules depend on. The actions
themselves are tested in tests/test_actions_*.py and, end to end against the
real servers, in tests/integration/. Reports go to results/test_stories/.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import servers  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default="models", help="model file or folder (default: models/)")
    parser.add_argument("--stories", default="tests/test_stories")
    args = parser.parse_args()
    env = servers.base_env(Path(tempfile.mkdtemp(prefix="intake-stories-")), servers.free_port())
    command = [
        str(servers.BIN / "rasa"), "test", "core",
        "--model", args.model,
        "--stories", args.stories,
        "--endpoints", "endpoints.yml",
        "--out", "results/test_stories",
        "--fail-on-prediction-errors",
    ]
    result = subprocess.run(command, cwd=servers.ROOT, env=env)
    print(f"test stories: {'passed' if result.returncode == 0 else 'FAILED'} (reports in results/test_stories/)")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
