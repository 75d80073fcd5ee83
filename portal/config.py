"""Reading the runtime configuration from the environment.

Every setting that differs between the embedded default and production comes from here, so that a
malformed value fails with one clear sentence (``ConfigError``) instead of a traceback deep inside
Django. ``manage.py`` and ``wsgi.py`` catch ``ConfigError`` and print just its message.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


class ConfigError(Exception):
    """A setting in the environment cannot be used; the message says which and why."""


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ConfigError(f"{name}={raw!r} is not a yes/no value (use 1/0, true/false, yes/no).")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number.") from None


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a number.") from None
    if not value > 0:
        raise ConfigError(f"{name}={raw!r} must be more than 0.")
    return value


def data_dir(base_dir: Path) -> Path:
    """The folder for the embedded database, media, generated secret and logs."""
    path = Path(os.environ.get("IPNETZ_DATA_DIR", base_dir / "var")).resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def database(default_sqlite: Path) -> dict:
    """``DATABASE_URL`` as a Django database dict; SQLite in the data folder when unset."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(default_sqlite),
            "OPTIONS": {
                # IMMEDIATE transactions take the write lock at BEGIN, which is what the
                # registration service relies on for seat counting on SQLite.
                "transaction_mode": "IMMEDIATE",
                "timeout": 5,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except Exception as exc:  # dj_database_url raises several kinds of errors
        raise ConfigError(
            f"DATABASE_URL cannot be read ({exc}). "
            "Expected e.g. postgres://user:password@host:5432/ipnetz or sqlite:////path/db.sqlite3."
        ) from None
    if not config.get("ENGINE"):
        raise ConfigError(f"DATABASE_URL names an unknown database scheme: {url.split(':')[0]!r}.")
    if config["ENGINE"].endswith("postgresql") and not config.get("NAME"):
        raise ConfigError("DATABASE_URL has no database name (…/ipnetz at the end).")
    return config


def elasticsearch_url() -> str | None:
    """``ELASTICSEARCH_URL`` checked for shape (reachability is checked at runtime)."""
    url = os.environ.get("ELASTICSEARCH_URL", "").strip()
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ConfigError(
            f"ELASTICSEARCH_URL={url!r} is not an http(s) URL, e.g. http://127.0.0.1:9200."
        )
    try:
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError:
        raise ConfigError(f"ELASTICSEARCH_URL={url!r} has a malformed port.") from None
    return url.rstrip("/")


#: Hosts that only the machine itself can reach: a link to them in a mail or feed is a dead link.
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}  # noqa: S104 - compared, not bound


def base_url(*, required: bool, default: str = "http://127.0.0.1:8000") -> str:
    """``BASE_URL``, the public address absolute links start with when no request gives one.

    In production (``required``) it must be set and must not name this machine: mails, feeds and
    .ics files sent from there would otherwise point readers at ``http://localhost``."""
    url = os.environ.get("BASE_URL", "").strip().rstrip("/")
    if not url:
        if required:
            raise ConfigError(
                "BASE_URL is required in production: the public address of the portal, "
                "e.g. https://ipnetz.kreis-herford.de (links in e-mails and feeds start with it)."
            )
        return default
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ConfigError(f"BASE_URL={url!r} is not an http(s) URL, e.g. https://ipnetz.example.")
    if required and (
        parts.hostname in LOOPBACK_HOSTS
        or parts.hostname.endswith(".localhost")
        or parts.hostname.startswith("127.")
    ):
        raise ConfigError(
            f"BASE_URL={url!r} names this machine; production needs the public address."
        )
    return url


def secret_key(folder: Path, *, required: bool) -> str:
    """``SECRET_KEY`` from the environment; in development generated once into the data folder."""
    key = os.environ.get("SECRET_KEY", "").strip()
    if key:
        if len(key) < 50 or len(set(key)) < 5:
            raise ConfigError("SECRET_KEY must be at least 50 characters of random text.")
        return key
    if required:
        raise ConfigError("SECRET_KEY is required in production (50+ random characters).")
    path = folder / "secret_key.txt"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


def email(url: str | None) -> dict:
    """``EMAIL_URL`` (smtp://user:pass@host:587?tls=1) or SMTP_* variables; console otherwise."""
    url = (url or "").strip()
    host = os.environ.get("SMTP_HOST", "").strip()
    if not url and not host:
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if url:
        parts = urlsplit(url)
        if parts.scheme not in {"smtp", "smtps", "console", "locmem"}:
            raise ConfigError(f"EMAIL_URL scheme {parts.scheme!r} is not smtp, smtps or console.")
        if parts.scheme == "console":
            return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
        if parts.scheme == "locmem":
            return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
        try:
            port = parts.port
        except ValueError:
            raise ConfigError("EMAIL_URL has a malformed port.") from None
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parts.hostname or "",
            "EMAIL_PORT": port or (465 if parts.scheme == "smtps" else 587),
            "EMAIL_HOST_USER": parts.username or "",
            "EMAIL_HOST_PASSWORD": parts.password or "",
            "EMAIL_USE_SSL": parts.scheme == "smtps",
            "EMAIL_USE_TLS": parts.scheme == "smtp" and "tls=0" not in (parts.query or ""),
            "EMAIL_TIMEOUT": 10,
        }
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": host,
        "EMAIL_PORT": env_int("SMTP_PORT", 587),
        "EMAIL_HOST_USER": os.environ.get("SMTP_USER", ""),
        "EMAIL_HOST_PASSWORD": os.environ.get("SMTP_PASSWORD", ""),
        "EMAIL_USE_TLS": env_bool("SMTP_TLS", True),
        "EMAIL_TIMEOUT": 10,
    }
