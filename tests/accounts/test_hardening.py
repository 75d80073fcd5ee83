"""Hardening: security headers, safe document serving, no SVG, sanitised rich text, no raw HTML."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from wagtail import blocks
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.fields import StreamField

from portal.access import Role

ROOT = Path(__file__).resolve().parents[2]


def directives(header: str) -> dict[str, list[str]]:
    parts = [part.strip().split() for part in header.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


@pytest.mark.django_db
def test_public_pages_send_a_strict_content_security_policy(client):
    response = client.get("/konto/anmelden/")
    csp = directives(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in csp["style-src"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_the_admin_has_its_own_policy(client, make_user):
    from allauth.mfa.totp.internal.auth import TOTP

    editor = make_user(Role.EDITOR)
    TOTP.activate(editor, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    csp = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in csp["script-src"]
    assert csp["frame-ancestors"] == ["'self'"]


def test_production_settings_turn_on_every_transport_and_cookie_protection(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DEBUG": "0",
        "SECRET_KEY": "k7#Q2v!pL9zR4xW1mN8bT6yH3jD5fG0sA-uE_cV^oI&kP@qZ$rX",
        "ALLOWED_HOSTS": "ipnetz.example",
        "BASE_URL": "https://ipnetz.example",
        "IPNETZ_DATA_DIR": str(tmp_path),
    }
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({n: getattr(s, n) for n in ['SECURE_HSTS_SECONDS', "
        "'SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'CSRF_COOKIE_SECURE', "
        "'SECURE_CONTENT_TYPE_NOSNIFF', 'SECURE_REFERRER_POLICY', 'SECURE_SSL_REDIRECT', "
        "'MIDDLEWARE', 'CACHES']}, default=str))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    prod = json.loads(result.stdout)
    assert prod["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert prod["SESSION_COOKIE_SECURE"] and prod["SESSION_COOKIE_HTTPONLY"]
    assert prod["CSRF_COOKIE_SECURE"] and prod["SECURE_SSL_REDIRECT"]
    assert prod["SECURE_CONTENT_TYPE_NOSNIFF"]
    assert prod["SECURE_REFERRER_POLICY"] == "same-origin"
    assert "portal.accounts.middleware.ContentSecurityPolicyMiddleware" in prod["MIDDLEWARE"]
    # Rate limits are only as good as a cache every web process shares.
    assert "LocMemCache" not in prod["CACHES"]["default"]["BACKEND"]


@pytest.mark.django_db
@pytest.mark.parametrize("filename", ["leitfaden.pdf", "liste.txt"])
def test_documents_are_served_as_downloads_that_cannot_run_anything(client, filename):
    from wagtail.documents.models import Document

    document = Document.objects.create(
        title="Leitfaden", file=ContentFile(b"%PDF-1.4 <script>alert(1)</script>", name=filename)
    )
    try:
        response = client.get(document.url)
        assert response.status_code == 200
        assert response["Content-Security-Policy"] == "default-src 'none'"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"].startswith("attachment")
        response.close()
    finally:
        document.file.delete(save=False)


def test_no_script_carrying_uploads_are_accepted():
    from django.conf import settings

    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert not {"svg", "html", "htm", "xhtml", "js", "xml"} & set(settings.WAGTAILDOCS_EXTENSIONS)


@pytest.mark.django_db
def test_rich_text_drops_scripts_event_handlers_and_javascript_links():
    """What an editor's save does: the editor's HTML → Draftail's content state → stored HTML."""
    converter = ContentstateConverter(
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]
    )
    dirty = (
        '<p onclick="alert(1)">Hallo <script>alert(2)</script>'
        '<a href="javascript:alert(3)" onmouseover="alert(4)">Link</a>'
        '<b onerror="alert(5)">fett</b></p>'
    )
    saved = converter.to_database_format(converter.from_database_format(dirty)).lower()
    assert "<script" not in saved
    assert "onclick" not in saved and "onmouseover" not in saved and "onerror" not in saved
    assert "javascript:" not in saved
    assert "Hallo".lower() in saved


@pytest.mark.django_db
def test_a_crafted_javascript_link_in_the_content_state_does_not_survive():
    converter = ContentstateConverter(features=["link"])
    state = {
        "blocks": [
            {
                "key": "a",
                "type": "unstyled",
                "text": "Link",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 0, "length": 4, "key": 0}],
            }
        ],
        "entityMap": {
            "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:alert(1)"}}
        },
    }
    saved = converter.to_database_format(json.dumps(state)).lower()
    assert "javascript:" not in saved


def _stream_blocks(block, seen):
    if id(block) in seen:
        return
    seen.add(id(block))
    yield block
    for child in getattr(block, "child_blocks", {}).values():
        yield from _stream_blocks(child, seen)
    if getattr(block, "child_block", None) is not None:
        yield from _stream_blocks(block.child_block, seen)


def test_no_raw_html_block_is_offered_to_editors():
    offenders = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                for block in _stream_blocks(field.stream_block, set()):
                    if isinstance(block, blocks.RawHTMLBlock):
                        offenders.append(f"{model.__name__}.{field.name}")
    assert offenders == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/admin/password_reset/",
        "/admin/password_reset/done/",
        "/admin/password_reset/confirm/MQ/set-password/",
        "/admin/password_reset/complete/",
    ],
)
def test_wagtails_own_password_reset_is_gone(client, make_user, mailoutbox, url):
    """The admin logs in through allauth (rate limited, outbox); Wagtail's reset form bypassed
    both: eight requests sent eight mails (issue 20, item 2)."""
    user = make_user(Role.EDITOR, email="redaktion@example.org")
    for _attempt in range(3):
        assert client.get(url).status_code == 404
        assert client.post(url, {"email": user.email}).status_code == 404
    assert mailoutbox == []


@pytest.mark.django_db
def test_the_admin_login_goes_through_allauth_and_offers_its_reset(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/")
    login = client.get(response["Location"])
    assert b"/admin/password_reset/" not in login.content
    assert b"/konto/passwort/vergessen/" in login.content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/konto/anmelden/", "/healthz", "/gibt-es-nicht/", "/.well-known/security.txt"]
)
def test_every_response_turns_off_powerful_features_and_cross_site_embedding(client, url):
    """Permissions-Policy and Cross-Origin-Resource-Policy on every response, next to what was
    there before (issue 20, item 11)."""
    response = client.get(url)
    policy = dict(item.strip().split("=", 1) for item in response["Permissions-Policy"].split(","))
    for feature in ("camera", "microphone", "geolocation", "interest-cohort"):
        assert policy[feature] == "()"
    assert response["Cross-Origin-Resource-Policy"] == "same-site"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "Content-Security-Policy" in response
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_security_txt_names_a_contact_per_rfc_9116(client, settings):
    import datetime

    settings.WAGTAILADMIN_BASE_URL = "https://ipnetz.example"
    settings.SECURITY_CONTACT = "mailto:sicherheit@ipnetz.example"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = dict(
        line.split(": ", 1)
        for line in response.content.decode().splitlines()
        if line and not line.startswith("#")
    )
    assert fields["Contact"] == "mailto:sicherheit@ipnetz.example"
    assert fields["Canonical"] == "https://ipnetz.example/.well-known/security.txt"
    assert fields["Preferred-Languages"] == "de, en"
    expires = datetime.datetime.fromisoformat(fields["Expires"])
    now = datetime.datetime.now(datetime.UTC)
    assert now < expires < now + datetime.timedelta(days=365)
