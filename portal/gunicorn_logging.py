"""gunicorn's logger without secrets: tokens in paths and e-mail addresses are redacted.

Links in the portal's e-mails carry secrets in their path — a registration's manage link, the
personal calendar feed, the directory's verification link, the offers' takeover link, the
membership approval, allauth's e-mail confirmation and password reset — and gunicorn's access log
wrote them in full, so anyone reading the logs could act as the person (issue 20, item 10).
``RedactingLogger`` replaces the token part with ``[redacted]`` in every value of the access log
line (request line, path, query string, referrer, ``Location``, environment) and in the
arguments of gunicorn's own error messages, and replaces e-mail addresses (a search typed into
the URL) with ``[e-mail]``.

Use it with ``gunicorn --logger-class portal.gunicorn_logging.RedactingLogger`` (see
docs/deployment.md). The module imports nothing of Django: gunicorn loads it before the app.
``tests/portal/test_gunicorn_logging.py`` checks every URL pattern with a token or key argument
against these rules, so a new token route cannot slip through.
"""

from __future__ import annotations

import re

from gunicorn.glogging import Logger

REDACTED = "[redacted]"

#: Path prefixes followed by a secret (up to the next ``/``, ``?``, ``.ics`` or the end).
TOKEN_PATHS = (
    "/termine/anmeldung/",  # events: manage a registration (and its termin.ics)
    "/termine/kalender/",  # events: the personal calendar feed <token>.ics
    "/verzeichnis/bestaetigen/",  # directory: "still correct" verification link
    "/angebote/uebernehmen/",  # offers: company takeover invitation
    "/konto/freigabe/",  # accounts: membership approval
    "/konto/email/bestaetigen/",  # allauth: e-mail confirmation key
    "/konto/passwort/neu/",  # allauth: password reset <uidb36>-<key>
    "/admin/password_reset/confirm/",  # Wagtail's own reset, while it exists
)
#: Query parameters whose value is a secret wherever they appear.
SECRET_PARAMETERS = ("token", "key", "secret", "signature", "sig", "code", "password")

_PATH = re.compile(
    "(?P<prefix>" + "|".join(re.escape(p) for p in TOKEN_PATHS) + r")"
    r"(?P<token>(?!fertig/)(?!\.ics)[^/?#\s\"]+?)(?=\.ics(?:[?#\s\"]|$)|[/?#\s\"]|$)"
)
_UIDB64_TOKEN = re.compile(r"(/admin/password_reset/confirm/[^/?#\s\"]+/)[^/?#\s\"]+")
_PARAMETER = re.compile(
    r"(?P<name>(?:^|[?&;])(?:" + "|".join(SECRET_PARAMETERS) + r")=)[^&;#\s\"]*",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)


def redact(text: str) -> str:
    """``text`` with the secrets of token URLs and e-mail addresses replaced."""
    if not text or not isinstance(text, str):
        return text
    text = _PATH.sub(lambda m: m["prefix"] + REDACTED, text)
    text = _UIDB64_TOKEN.sub(lambda m: m[1] + REDACTED, text)
    text = _PARAMETER.sub(lambda m: m["name"] + REDACTED, text)
    return _EMAIL.sub("[e-mail]", text)


class RedactingLogger(Logger):
    """gunicorn's ``Logger`` with ``redact`` applied to the access log and error messages."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for name, value in atoms.items():
            if isinstance(value, str):
                atoms[name] = redact(value)
        return atoms

    def critical(self, msg, *args, **kwargs):
        super().critical(redact(str(msg)), *_redacted(args), **kwargs)

    def error(self, msg, *args, **kwargs):
        super().error(redact(str(msg)), *_redacted(args), **kwargs)

    def warning(self, msg, *args, **kwargs):
        super().warning(redact(str(msg)), *_redacted(args), **kwargs)

    def info(self, msg, *args, **kwargs):
        super().info(redact(str(msg)), *_redacted(args), **kwargs)

    def debug(self, msg, *args, **kwargs):
        super().debug(redact(str(msg)), *_redacted(args), **kwargs)

    def exception(self, msg, *args, **kwargs):
        super().exception(redact(str(msg)), *_redacted(args), **kwargs)

    def log(self, lvl, msg, *args, **kwargs):
        super().log(lvl, redact(str(msg)), *_redacted(args), **kwargs)


def _redacted(args: tuple) -> list:
    return [redact(arg) if isinstance(arg, str) else arg for arg in args]
