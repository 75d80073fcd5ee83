"""Small helpers shared by the offers views."""

from __future__ import annotations


def query_without(request, *names: str) -> str:
    """The request's query string without ``names`` (for pagination and export links)."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()
