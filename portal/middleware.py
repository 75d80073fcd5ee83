"""Kernel middleware: requests no view should ever read are refused before any view runs, and
a database that does not take writes (or does not answer) is a friendly 503, not a 500."""

from __future__ import annotations

import logging
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.db.utils import InterfaceError, InternalError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger("ipnetz.requests")

#: The longest query value (in characters) a view gets to see; the longest the portal's own
#: forms send is a search of 200 characters (``REQUEST_QUERY_VALUE_MAX_LENGTH``).
QUERY_VALUE_MAX_LENGTH = 2_000


def malformed(request) -> str:
    """Why ``request`` cannot be served (a short reason for the log), or "" when it can.

    A NUL byte in the path or a query value (PostgreSQL refuses it in any string: a 500 deep in
    a view), a query value that is not UTF-8 (Django would hand the view replacement
    characters), or one longer than ``REQUEST_QUERY_VALUE_MAX_LENGTH``."""
    if "\x00" in request.path_info:
        return "NUL in the path"
    raw = request.META.get("QUERY_STRING", "")
    if not raw:
        return ""
    limit = getattr(settings, "REQUEST_QUERY_VALUE_MAX_LENGTH", QUERY_VALUE_MAX_LENGTH)
    # WSGI hands the query string over as latin-1 text of the bytes the client sent.
    for field in raw.encode("iso-8859-1", errors="replace").split(b"&"):
        for part in field.split(b"=", 1):
            value = unquote_to_bytes(part.replace(b"+", b" "))
            if b"\x00" in value:
                return "NUL in the query"
            try:
                text = value.decode("utf-8")
            except UnicodeDecodeError:
                return "invalid UTF-8 in the query"
            if len(text) > limit:
                return "over-long query value"
    return ""


class MalformedRequestMiddleware:
    """Answers 400 (plain text) to a request ``malformed`` finds fault with, before any view
    reads it; a view can then trust ``request.GET`` to hold text a database accepts."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reason = malformed(request)
        if reason:
            logger.info("Refused a malformed request (%s).", reason)
            return HttpResponseBadRequest(
                _("The address contains characters or values that the portal does not accept."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


#: SQLSTATE of PostgreSQL's "cannot execute … in a read-only transaction" (a standby, or
#: ``default_transaction_read_only``); psycopg reports it as an InternalError.
_READ_ONLY_SQLSTATE = "25006"
#: Seconds a client is asked to wait before trying again.
RETRY_AFTER_SECONDS = 60


def database_unavailable(exc: BaseException | None) -> bool:
    """True when ``exc`` says the database cannot take the request right now — read-only, full,
    locked, gone — as opposed to a bug in a query (that stays a 500, and is seen as one)."""
    if isinstance(exc, (OperationalError, InterfaceError)):
        return True
    cause = getattr(exc, "__cause__", None)
    return isinstance(exc, InternalError) and getattr(cause, "sqlstate", "") == _READ_ONLY_SQLSTATE


def unavailable_response() -> HttpResponse:
    """The portal's own 503 page (German and English, as the 500 page). It needs no database:
    a database that fails to write may fail to read as well."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseUnavailableMiddleware:
    """Turns an unavailable database (``database_unavailable``) raised by any view into the
    friendly 503 — one place for every page that must write (search statistics, login,
    registration, forms), instead of a 500 per view. Errors outside views reach the same page
    through ``portal.views.server_error`` (``handler500``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not database_unavailable(exception):
            return None
        logger.error(
            "The database refused %s %s (%s: %s); answered 503.",
            request.method,
            request.path,
            exception.__class__.__name__,
            exception,
        )
        return unavailable_response()
