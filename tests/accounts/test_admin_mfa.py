"""The Wagtail admin: allauth's login, and two-factor authentication on every admin URL."""

from __future__ import annotations

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.urls import URLPattern, URLResolver, get_resolver

from portal.access import Role

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
SETUP_PATH = "/konto/zwei-faktor/app/einrichten/"


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def _sample(route: str) -> str:
    """A concrete path for a URL route or regex (converters and groups become sample values)."""
    route = re.sub(r"<int:\w+>", "1", route)
    route = re.sub(r"<[^>]+>", "x", route)
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)
    return route.replace("^", "").replace("$", "").replace("\\", "")


def admin_paths() -> list[str]:
    """Every URL pattern below /admin/, as a sample path."""
    paths = []

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + _sample(str(pattern.pattern))
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                paths.append("/" + route)

    admin = [p for p in get_resolver().url_patterns if str(p.pattern) == "admin/"]
    assert admin, "the Wagtail admin is not mounted at /admin/"
    walk([p for p in admin if isinstance(p, URLResolver)], "")
    return sorted(set(paths))


@pytest.fixture
def editor(make_user):
    return make_user(Role.EDITOR)


def test_the_admin_has_many_urls_and_all_are_walked():
    assert len(admin_paths()) > 100


def test_editor_without_authenticator_is_sent_to_set_one_up_from_every_admin_url(client, editor):
    client.force_login(editor)
    not_redirected = []
    for path in admin_paths():
        response = client.get(path)
        if response.status_code != 302 or not response["Location"].startswith(SETUP_PATH):
            not_redirected.append((path, response.status_code))
    assert not_redirected == []


def test_superuser_without_authenticator_is_sent_to_set_one_up(client, make_user):
    admin = make_user(is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP_PATH)


def test_editor_with_authenticator_reaches_the_admin(client, editor):
    TOTP.activate(editor, SECRET)
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


def test_partner_staff_are_not_asked_for_mfa_and_get_no_admin(client, make_user):
    client.force_login(make_user(Role.PARTNER_STAFF))
    response = client.get("/admin/")
    assert not response.get("Location", "").startswith(SETUP_PATH)
    assert response.status_code in (302, 403)


def test_anonymous_admin_visit_goes_to_allauths_login(client):
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/?next=/admin/pages/")


def test_wagtails_own_login_form_is_replaced(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/anmelden/?next=/admin/"


@pytest.fixture
def editor_with_totp(verified_user):
    user = verified_user(Role.EDITOR, email="redaktion@portal.example")
    TOTP.activate(user, SECRET)
    RecoveryCodes.activate(user)
    return user


def _password_step(client, user):
    response = client.post(
        "/konto/anmelden/",
        {"login": user.email, "password": "correct-horse-battery"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/konto/zwei-faktor/code/"
    assert "_auth_user_id" not in client.session


def test_login_asks_for_the_code_and_accepts_a_valid_one(client, editor_with_totp):
    _password_step(client, editor_with_totp)
    response = client.post("/konto/zwei-faktor/code/", {"code": totp_code(SECRET)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_gives_a_clear_message(client, editor_with_totp):
    _password_step(client, editor_with_totp)
    response = client.post("/konto/zwei-faktor/code/", {"code": "000000"})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert "_auth_user_id" not in client.session


def test_a_recovery_code_works_once(client, editor_with_totp):
    code = RecoveryCodes(
        Authenticator.objects.get(user=editor_with_totp, type=Authenticator.Type.RECOVERY_CODES)
    ).get_unused_codes()[0]
    _password_step(client, editor_with_totp)
    assert client.post("/konto/zwei-faktor/code/", {"code": code}).status_code == 302
    client.logout()
    _password_step(client, editor_with_totp)
    assert client.post("/konto/zwei-faktor/code/", {"code": code}).status_code == 200
