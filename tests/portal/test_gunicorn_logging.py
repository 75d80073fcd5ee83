"""gunicorn's access log wrote registration and calendar tokens in full (issue 20, item 10):
``portal.gunicorn_logging.RedactingLogger`` redacts them — checked for every URL pattern that
takes a token or key, so a new token route without a rule fails here."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from gunicorn.config import Config
from gunicorn.glogging import Logger

from portal.gunicorn_logging import RedactingLogger, redact

SECRET = "Zm9vYmFy-SECRET_tok:1v2w3x:4y5z"
SECRET_ARGUMENTS = {"token", "key", "secret"}


def _patterns(resolver: URLResolver, namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}{entry.namespace}:"
            yield from _patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            arguments = set(entry.pattern.regex.groupindex)
            if arguments & SECRET_ARGUMENTS:
                yield namespace + entry.name, frozenset(arguments)


TOKEN_ROUTES = sorted(set(_patterns(get_resolver())), key=lambda item: item[0])


def test_the_token_routes_are_found():
    names = {name for name, _arguments in TOKEN_ROUTES}
    assert {
        "events:manage",
        "events:manage_ics",
        "events:personal_feed",
        "directory:verify",
        "offers:takeover",
        "accounts:approval",
        "account_confirm_email",
        "account_reset_password_from_key",
    } <= names


@pytest.mark.parametrize(
    ("name", "arguments"), TOKEN_ROUTES, ids=[name for name, _a in TOKEN_ROUTES]
)
def test_every_token_in_a_path_is_redacted(name, arguments):
    kwargs = dict.fromkeys(arguments & SECRET_ARGUMENTS, SECRET)
    kwargs.update(dict.fromkeys(arguments - SECRET_ARGUMENTS, "2"))
    path = reverse(name, kwargs=kwargs)
    logged = redact(f"GET {path}?ref=mail HTTP/1.1")
    assert "SECRET" not in logged and "[redacted]" in logged, logged
    assert logged.endswith("?ref=mail HTTP/1.1")


@pytest.mark.parametrize(
    "path",
    [
        "/termine/kalender.ics?topic=arbeit",
        "/verzeichnis/organisation/auslaenderbehoerde-kreis-herford/",
        "/konto/passwort/neu/fertig/",
        "/termine/meine-anmeldungen/kalender/",
    ],
)
def test_other_paths_stay_as_they_are(path):
    assert redact(path) == path


def test_secret_parameters_and_e_mail_addresses_are_redacted():
    assert redact("/x/?token=abc&page=2") == "/x/?token=[redacted]&page=2"
    assert redact("/suche/?q=anna.schmidt%40example.org") == "/suche/?q=[e-mail]"
    assert redact("/suche/?q=anna@example.org+ABH") == "/suche/?q=[e-mail]+ABH"


def test_the_logger_writes_redacted_access_and_error_lines(caplog):
    logger = RedactingLogger(Config())
    path = reverse("events:manage", kwargs={"token": SECRET})
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": f"https://ipnetz.example{path}",
    }
    response = SimpleNamespace(status="200 OK", sent=12, headers=[("Location", path)])
    request = SimpleNamespace(headers=[("REFERER", f"https://ipnetz.example{path}")])
    took = datetime.timedelta(seconds=0.2)
    assert SECRET in Logger(Config()).atoms(response, request, environ, took)["r"]  # the finding
    atoms = logger.atoms(response, request, environ, took)
    assert not [value for value in atoms.values() if isinstance(value, str) and "SECRET" in value]
    assert atoms["r"] == "GET /termine/anmeldung/[redacted]/ HTTP/1.1"
    logger.error_log.addHandler(caplog.handler)  # gunicorn's loggers do not propagate
    try:
        logger.error("Error handling request %s", path)
    finally:
        logger.error_log.removeHandler(caplog.handler)
    assert "SECRET" not in caplog.text and "[redacted]" in caplog.text
