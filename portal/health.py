"""Health checks for ``/healthz``. The database is the kernel's own check; apps add named checks
through the ``ipnetz_health_checks`` hook (``{"search": engine.health}``), each returning a
JSON-able dict with at least ``state``. The portal imports no app."""

from __future__ import annotations

from django.db import DatabaseError, connection, transaction
from django.db.models import F

from portal.extensions import collect_mapping


def database_writable() -> tuple[bool, str]:
    """(accepts writes, error class). Writes one row — a content type set to itself — inside a
    savepoint that is rolled back: nothing changes, but the database has to take a write (a
    read-only SQLite file, a read-only PostgreSQL transaction or a full disk refuse it)."""
    from django.contrib.contenttypes.models import ContentType

    try:
        with transaction.atomic():
            first = ContentType.objects.order_by("pk").values_list("pk", flat=True)[:1]
            ContentType.objects.filter(pk__in=list(first)).update(model=F("model"))
            transaction.set_rollback(True)
    except DatabaseError as exc:
        return False, exc.__class__.__name__
    return True, ""


def database() -> dict:
    """``ok`` when the database answers and accepts a write; ``read-only`` or ``down`` with the
    error class and a reason otherwise (the driver's message goes to the log, not out)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means: not answering
        return {
            "state": "down",
            "vendor": connection.vendor,
            "error": exc.__class__.__name__,
            "reason": "the database does not answer",
        }
    writable, error = database_writable()
    if not writable:
        return {
            "state": "read-only",
            "vendor": connection.vendor,
            "error": error,
            "reason": "the database does not accept writes",
        }
    return {"state": "ok", "vendor": connection.vendor}


def report() -> tuple[bool, dict]:
    """(healthy, report). Healthy while the database answers and accepts writes; other checks
    may be degraded."""
    result = {"database": database()}
    for name, check in collect_mapping("ipnetz_health_checks").items():
        try:
            result[name] = check()
        except Exception as exc:  # a broken check must not break the health endpoint
            result[name] = {"state": "error", "error": exc.__class__.__name__}
    return result["database"]["state"] == "ok", result
