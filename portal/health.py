"""Health checks for ``/healthz``. Apps register a named check; the portal imports no app."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection

HealthCheck = Callable[[], dict]
_checks: dict[str, HealthCheck] = {}


def register(name: str, check: HealthCheck) -> None:
    """Register ``check`` (returns a JSON-able dict with at least ``state``) under ``name``."""
    _checks[name] = check


def database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means: not answering
        return {"state": "down", "vendor": connection.vendor, "error": exc.__class__.__name__}
    return {"state": "ok", "vendor": connection.vendor}


def report() -> tuple[bool, dict]:
    """(healthy, report). Healthy while the database answers; other checks may be degraded."""
    result = {"database": database()}
    for name, check in _checks.items():
        try:
            result[name] = check()
        except Exception as exc:  # a broken check must not break the health endpoint
            result[name] = {"state": "error", "error": exc.__class__.__name__}
    return result["database"]["state"] == "ok", result
