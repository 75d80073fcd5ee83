"""Health checks for ``/healthz``. The database is the kernel's own check; apps add named checks
through the ``ipnetz_health_checks`` hook (``{"search": engine.health}``), each returning a
JSON-able dict with at least ``state``. The portal imports no app."""

from __future__ import annotations

from django.db import connection

from portal.extensions import collect_mapping


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
    for name, check in collect_mapping("ipnetz_health_checks").items():
        try:
            result[name] = check()
        except Exception as exc:  # a broken check must not break the health endpoint
            result[name] = {"state": "error", "error": exc.__class__.__name__}
    return result["database"]["state"] == "ok", result
