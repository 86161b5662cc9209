"""The shared secret between the Rasa server and the action server.

Rasa sends it with every action call (``endpoints.yml``: an ``X-Action-Token``
header from ``$ACTION_SERVER_TOKEN``) and the action server
(``connectors/action_server.py``) refuses any request without it.

It is ``$ACTION_SERVER_TOKEN`` when set, otherwise the token kept in
``<data dir>/action_server.token`` (mode 0600), created on first use.
``python -m bot.action_token`` prints it, for the Makefile to export.

:func:`secret` keeps any other server secret the same way (the chat
channels' session key, ``connectors/channels.py``).
"""
from __future__ import annotations

import os
import secrets
import stat
import sys
from pathlib import Path
from typing import Optional

from bot.settings import PROJECT_ROOT

ENV_VAR = "ACTION_SERVER_TOKEN"
HEADER = "X-Action-Token"
FILE_NAME = "action_server.token"
MIN_LENGTH = 16


class TokenError(RuntimeError):
    """The configured or stored token is unusable (too short, unreadable)."""


def validated(token: str, source: str) -> str:
    """``token`` without surrounding whitespace, or TokenError if it is too weak to use."""
    token = token.strip()
    if len(token) < MIN_LENGTH:
        raise TokenError(f"{source}: the secret must have at least {MIN_LENGTH} characters")
    if not all(33 <= ord(c) <= 126 for c in token):
        raise TokenError(f"{source}: the secret must be printable ASCII without spaces")
    return token


def _data_dir() -> Path:
    # The same rule as bot.settings.data_dir(), without creating the folder
    # (stored_secret creates it private).
    return Path(os.environ.get("INTAKE_DATA_DIR") or PROJECT_ROOT / "var")


def stored_secret(file_name: str, data_dir: Optional[Path] = None) -> str:
    """The secret kept in ``<data dir>/<file_name>``, created (0600) if missing.

    A data directory that does not exist yet is created with mode 0700. Safe
    when several processes start at once: the file appears complete or not at
    all (written aside, then hard-linked into place), and the first one wins.
    """
    folder = Path(data_dir) if data_dir is not None else _data_dir()
    if not folder.exists():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / file_name
    if not path.exists():
        aside = folder / f".{file_name}.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        try:
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_urlsafe(32) + "\n")
            try:
                os.link(aside, path)
            except FileExistsError:
                pass  # another process was first: use its secret
        finally:
            aside.unlink(missing_ok=True)
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    with os.fdopen(fd) as f:
        if stat.S_IMODE(os.fstat(f.fileno()).st_mode) & 0o077:
            os.fchmod(f.fileno(), 0o600)  # never readable by others, even if copied in loosely
        return validated(f.read(), str(path))


def secret(env_var: str, file_name: str) -> str:
    """``$env_var`` if set, else the secret stored in ``<data dir>/<file_name>`` (created on first use)."""
    configured = os.environ.get(env_var, "")
    if configured.strip():
        return validated(configured, f"${env_var}")
    return stored_secret(file_name)


def stored_token(data_dir: Optional[Path] = None) -> str:
    """The action server token kept in ``<data dir>/action_server.token``, created (0600) if missing."""
    return stored_secret(FILE_NAME, data_dir)


def action_server_token() -> str:
    """``$ACTION_SERVER_TOKEN`` if set, else the stored token (created on first use)."""
    return secret(ENV_VAR, FILE_NAME)


def main() -> int:
    try:
        token = action_server_token()
    except (OSError, TokenError) as exc:
        print(f"action server token: {exc}", file=sys.stderr)
        return 1
    print(token)
    return 0


if __name__ == "__main__":
    sys.exit(main())
