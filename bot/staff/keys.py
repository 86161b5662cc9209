"""The staff app's secret key: signs its cookies and keys the hashes of unknown login names."""
from __future__ import annotations

import os
import secrets
from typing import Dict

from bot import settings

ENV_VAR = "STAFF_SECRET_KEY"
FILE_NAME = "staff_secret.key"

_cache: Dict[str, bytes] = {}


def secret_key() -> bytes:
    """``$STAFF_SECRET_KEY``, or a random key kept in ``<data dir>/staff_secret.key`` (mode 0600)."""
    env = os.environ.get(ENV_VAR)
    if env:
        return env.encode("utf-8")
    path = settings.data_dir() / FILE_NAME
    key = str(path)
    if key not in _cache:
        if not path.exists():
            # Written aside, then linked into place: another process starting at
            # the same time sees the whole key or none, and the first one wins.
            aside = path.with_name(f".{FILE_NAME}.{os.getpid()}.{secrets.token_hex(4)}")
            fd = os.open(str(aside), os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            try:
                with os.fdopen(fd, "w") as f:
                    f.write(secrets.token_urlsafe(48))
                try:
                    os.link(aside, path)
                except FileExistsError:
                    pass
            finally:
                aside.unlink(missing_ok=True)
        settings.make_private(path)
        _cache[key] = path.read_text().strip().encode("utf-8")
    return _cache[key]
