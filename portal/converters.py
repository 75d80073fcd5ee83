"""The kernel's URL path converter for database ids, and the check behind it.

Every URL of the project takes ids as ``<id:…>``, not ``<int:…>``: an id that no database column
can hold (past 2**63 - 1, PostgreSQL's ``bigint`` and SQLite's ``INTEGER``) does not match the
pattern, so the URL answers 404 where it used to reach the database driver and fail with an
overflow (500). ``tests/test_malformed_requests.py`` checks that no project URL uses ``int``.
"""

from __future__ import annotations

from django.urls import register_converter

#: The largest id a database column of the portal can hold (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def database_id(value: object) -> int | None:
    """``value`` (digits, as in a URL or a token) as an id, or None when it cannot be one."""
    text = str(value)
    if not text.isascii() or not text.isdigit() or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if number <= MAX_ID else None


class DatabaseIdConverter:
    """``<id:pk>``: a database id (0 … 2**63 - 1); anything larger does not match."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = database_id(value)
        if number is None:
            raise ValueError(f"{value[:30]!r} is not a database id")
        return number

    def to_url(self, value) -> str:
        return str(int(value))


def register() -> None:
    """Make ``<id:…>`` available to URL patterns (the portal's ``AppConfig.ready``)."""
    from django.urls.converters import get_converters

    if "id" not in get_converters():
        register_converter(DatabaseIdConverter, "id")
