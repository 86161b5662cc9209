"""Where things live and how this deployment runs.

Paths come from environment variables so that tests and deployments can
point elsewhere without code changes. Deployment settings (development or
production, the proxies to trust, the cookie flag) come from the
environment first, then ``firm.yml``, then a default that is safe outside
development.
"""
from __future__ import annotations

import ipaddress
import logging
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional, Tuple, Union
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent

log = logging.getLogger(__name__)

#: Data files that must be readable by this user only (SQLite adds -wal, -shm, -journal).
PRIVATE_FILES = ("intake.db", "tracker.db", "action_server.token", "staff_secret.key")
_SQLITE_SIDECARS = ("-wal", "-shm", "-journal")


def data_dir() -> Path:
    """The data directory (``$INTAKE_DATA_DIR``, ``var/`` by default), created 0700 if missing."""
    path = Path(os.environ.get("INTAKE_DATA_DIR") or PROJECT_ROOT / "var")
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def intake_db_path() -> Path:
    """The intake database (``$INTAKE_DB`` or ``<data dir>/intake.db``)."""
    return Path(os.environ.get("INTAKE_DB") or data_dir() / "intake.db")


def tracker_db_path() -> Path:
    """The embedded tracker store's SQLite file: ``$RASA_TRACKER_DB``, else
    ``<data dir>/tracker.db`` (used by :func:`transcripts_url` when that is unset)."""
    return Path(os.environ.get("RASA_TRACKER_DB") or data_dir() / "tracker.db")


def transcripts_url() -> str:
    """Where Rasa keeps transcripts, as an SQLAlchemy URL: ``$TRANSCRIPTS_URL``
    (e.g. ``postgresql://intake:secret@db.internal/intake``), else the SQLite
    file :func:`tracker_db_path`. The one setting for both sides: Rasa's
    tracker store (``connectors.tracker_store``) and every reader (``bot.transcripts``)."""
    url = (os.environ.get("TRANSCRIPTS_URL") or "").strip()
    return url or f"sqlite:///{tracker_db_path()}"


def firm_profile_path() -> Path:
    """The firm profile (``$FIRM_PROFILE`` or ``firm.yml`` at the project root)."""
    return Path(os.environ.get("FIRM_PROFILE") or PROJECT_ROOT / "firm.yml")


def places_model_path() -> Path:
    """The project's spaCy place pipeline, built by ``make`` (``build/places_nlp``)."""
    return Path(os.environ.get("PLACES_MODEL") or PROJECT_ROOT / "build" / "places_nlp")


def places_db_path() -> Path:
    """The gazetteer as a read-only SQLite file, built by ``make`` (``build/places.db``)."""
    return Path(os.environ.get("PLACES_DB") or PROJECT_ROOT / "build" / "places.db")


# --- private files -----------------------------------------------------------------------


def make_private(path: Union[str, Path]) -> None:
    """Take group and other permissions off ``path`` if it exists (files 0600, folders 0700)."""
    try:
        info = os.lstat(path)
        mode = stat.S_IMODE(info.st_mode)
        if not stat.S_ISLNK(info.st_mode) and mode & 0o077:
            os.chmod(path, mode & 0o700)
    except FileNotFoundError:
        return
    except PermissionError:  # not ours: say so, never fail a start over it
        log.warning("cannot make %s private (not owned by this user)", path)


def create_private(path: Union[str, Path]) -> None:
    """Create an empty file with mode 0600 unless it exists (SQLite fills an empty file)."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600))
    except FileExistsError:
        make_private(path)


def private_database(path: Union[str, Path]) -> None:
    """An SQLite file and its -wal/-shm/-journal files: created 0600 or made so."""
    create_private(path)
    for suffix in _SQLITE_SIDECARS:
        make_private(f"{path}{suffix}")


def protect_data_dir() -> None:
    """The data directory 0700 and its databases and secrets 0600: created so, and
    existing ones corrected (run when a process starts and when a database is opened).

    ``tracker.db`` is created here, empty, when missing, so that Rasa (which
    creates it with the default umask) finds a private file.
    """
    folder = data_dir()
    make_private(folder)
    private_database(folder / "tracker.db")
    for name in PRIVATE_FILES:
        for suffix in ("",) + _SQLITE_SIDECARS:
            make_private(folder / (name + suffix))


# --- deployment ------------------------------------------------------------------------------

ENVIRONMENTS = ("development", "production")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}
_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


@dataclass(frozen=True)
class Deployment:
    """How the web process runs; see :func:`deployment`."""

    environment: str
    #: Always set ``Secure`` on cookies (the site is served over TLS, perhaps by a proxy).
    secure_cookies: bool
    #: Peers whose ``X-Forwarded-For`` / ``X-Forwarded-Proto`` are believed.
    trusted_proxies: Tuple[Union[ipaddress.IPv4Network, ipaddress.IPv6Network], ...]

    @property
    def development(self) -> bool:
        return self.environment == "development"


def _flag(value: Any, name: str) -> Optional[bool]:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"{name}: expected true or false, got {value!r}")


def parse_networks(values: Union[str, Iterable[str], None]) -> Tuple[Any, ...]:
    """``"10.0.0.1, 192.168.0.0/16"`` or a list of them -> IP networks; ValueError names a bad one."""
    if values is None:
        return ()
    items = values.split(",") if isinstance(values, str) else list(values)
    out = []
    for item in (str(i).strip() for i in items):
        if not item:
            continue
        try:
            out.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ValueError(f"trusted_proxies: not an IP address or network: {item!r}") from None
    return tuple(out)


def _loopback_origin(origin: str) -> bool:
    host = (urlsplit(origin or "").hostname or "").lower()
    if host in _LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def deployment(profile: Any) -> Deployment:
    """This deployment's settings, environment first, then the firm profile
    ``profile`` (``bot.firm.deployment()`` passes this deployment's):

    * ``$INTAKE_ENV`` / ``environment``: ``development`` or ``production``.
      Unset: development only while ``website_origin`` is on this machine
      (``http://localhost:8000``, as shipped), production otherwise.
    * ``$STAFF_SECURE_COOKIES`` / ``secure_cookies``: set ``Secure`` on every
      cookie even when the request reached the app over plain HTTP (TLS ended
      at a proxy). Default: on outside development.
    * ``$TRUSTED_PROXIES`` / ``trusted_proxies``: addresses or networks of the
      reverse proxies in front of the web process. Only their forwarded
      headers are believed; default none.
    """
    environment = (os.environ.get("INTAKE_ENV") or getattr(profile, "environment", None) or "").strip().lower()
    if not environment:
        environment = "development" if _loopback_origin(profile.website_origin) else "production"
    if environment not in ENVIRONMENTS:
        raise ValueError(f"INTAKE_ENV / environment must be one of {', '.join(ENVIRONMENTS)}, not {environment!r}")
    secure = _flag(os.environ.get("STAFF_SECURE_COOKIES"), "STAFF_SECURE_COOKIES")
    if secure is None:
        secure = _flag(getattr(profile, "secure_cookies", None), "secure_cookies")
    if secure is None:
        secure = environment != "development"
    proxies = os.environ.get("TRUSTED_PROXIES")
    networks = parse_networks(proxies if proxies is not None else getattr(profile, "trusted_proxies", None))
    return Deployment(environment=environment, secure_cookies=secure, trusted_proxies=networks)
