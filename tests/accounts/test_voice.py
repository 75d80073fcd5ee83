"""The account pages and mails speak as the portal does: German, "Sie", and with the portal's
name. allauth's own German says "du", and its mails greet from an empty site name ("Hallo von !")
unless the portal fills it in; every mail and every account page is rendered here to check."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path
from unittest import mock

import allauth
import pytest
from allauth.account.adapter import get_adapter
from allauth.core import context as allauth_context
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from portal.access import Role
from portal.accounts import urls as account_urls

pytestmark = pytest.mark.django_db

#: "du" and its forms as whole words; "Sie" is the portal's voice.
INFORMAL = re.compile(
    r"\b(du|dein|deine|deinen|deinem|deiner|deines|dir|dich|euch|euer|eure)\b", re.IGNORECASE
)
#: What an empty site or user name leaves behind.
EMPTY_NAME = re.compile(r"von\s*!|\s{2}nutzt|\[\]|für\s*!|Benutzer\s+hat", re.IGNORECASE)

ALLAUTH_TEMPLATES = Path(allauth.__file__).parent / "templates"
MAIL_PREFIXES = sorted(
    str(path.relative_to(ALLAUTH_TEMPLATES)).removesuffix("_message.txt")
    for folder in ("account/email", "mfa/email")
    for path in (ALLAUTH_TEMPLATES / folder).glob("*_message.txt")
    if path.with_name(path.name.replace("_message.txt", "_subject.txt")).exists()
)
#: Mails for features the portal leaves off (passkeys/WebAuthn).
UNUSED_MAILS = {"mfa/email/webauthn_added", "mfa/email/webauthn_removed"}


def problems(text: str) -> list[str]:
    return [
        match.group(0) for pattern in (INFORMAL, EMPTY_NAME) for match in pattern.finditer(text)
    ]


def visible_text(page: str) -> str:
    """The words a reader sees: no markup, scripts, styles or attribute values."""
    page = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", page)
    page = re.sub(r"(?s)<[^>]+>", " ", page)
    return html_lib.unescape(page)


@pytest.fixture
def user(make_user):
    return make_user(
        Role.PARTNER_STAFF,
        email="lena.sommer@jobcenter.example",
        username="lena",
        first_name="Lena",
        last_name="Sommer",
    )


@pytest.mark.parametrize("prefix", [p for p in MAIL_PREFIXES if p not in UNUSED_MAILS])
def test_every_allauth_mail_speaks_in_the_portals_voice(prefix, user):
    request = RequestFactory().get("/konto/", HTTP_HOST="portal.example")
    request.user = user
    context = {
        "user": user,
        "email": user.email,
        "activate_url": "https://portal.example/konto/email/bestaetigen/abc/",
        "password_reset_url": "https://portal.example/konto/passwort/neu/x-y/",
        "signup_url": "https://portal.example/konto/registrieren/",
        "code": "QX7-PL2",
        "from_email": "alt@jobcenter.example",
        "to_email": user.email,
        "deleted_email": "alt@jobcenter.example",
        "ip": "192.0.2.1",
        "user_agent": "Firefox",
        "timestamp": "1. Dezember 2026, 10:00",
    }
    sent = []
    with (
        translation.override("de"),
        allauth_context.request_context(request),
        mock.patch("portal.accounts.adapter.queue_email", side_effect=lambda **m: sent.append(m)),
    ):
        get_adapter(request).send_mail(prefix, user.email, context)
    (message,) = sent
    text = f"{message['subject']}\n{message['body']}"
    assert problems(text) == [], text
    assert "Integration Point" in text or "ipnetz" in text, text


def _account_urls() -> list[str]:
    """Every account page below /konto/ that takes no key from a mail: allauth's and the
    portal's own."""
    names = [
        *(pattern.name for pattern in account_urls.allauth_patterns),
        *(f"accounts:{pattern.name}" for pattern in account_urls.portal_patterns),
    ]
    urls = []
    for name in names:
        try:
            urls.append(reverse(name))
        except NoReverseMatch:  # needs a key or token from a mail
            continue
    return sorted(set(urls))


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_every_account_page_speaks_in_the_portals_voice(client, user, signed_in, with_totp):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    if signed_in:
        client.force_login(user)
    checked, found = [], {}
    for url in _account_urls():
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="de")
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        checked.append(url)
        if wrong := problems(visible_text(response.content.decode())):
            found[url] = wrong
    assert found == {}
    assert len(checked) >= (10 if signed_in else 5), checked


def test_the_login_message_names_the_person_not_the_internal_user_name(client, user):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    user.set_password("ein-langes-Passwort-42")
    user.save()
    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": "ein-langes-Passwort-42"},
        follow=True,
    )
    messages = " ".join(str(m) for m in response.context["messages"])
    assert "lena " not in messages + " " and "Lena Sommer" in messages, messages
