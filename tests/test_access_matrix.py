"""The access matrix: one table of URL × role drives one test, and the URL resolver is walked so
that a new URL without a row fails.

Each row names a URL pattern, says how to build a concrete URL from the ``world`` (objects made
once per test), and what each role gets. Outcomes: a status code, ``LOGIN`` (redirect to the login
page), ``MFA`` (redirect to the two-factor set-up) or ``REDIRECT`` (any other redirect).
Roles: anonymous, pending (signed up, role awaiting approval), employer, volunteer, partner
(staff), editor, admin. To add a URL: add one ``Row`` (``default`` covers the roles not listed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.documents.models import Document

from portal.access import Role, Visibility
from portal.accounts import services as account_services
from portal.accounts.models import Membership

ROLES = ("anonymous", "pending", "employer", "volunteer", "partner", "editor", "admin")
LOGIN, MFA, REDIRECT = "login", "mfa", "redirect"
SIGNED_IN = ("pending", "employer", "volunteer", "partner", "editor", "admin")
NOT_PARTNER = ("pending", "employer", "volunteer")


@dataclass(frozen=True)
class Row:
    name: str  # URL name as reverse() knows it (namespace:name)
    url: str | Callable[[SimpleNamespace], str]
    default: object = 200
    roles: dict[str, object] = field(default_factory=dict)
    method: str = "get"

    def expected(self, role: str):
        return self.roles.get(role, self.default)


def only(*roles: str, yes=200, no=LOGIN, anonymous=None) -> dict[str, object]:
    """``yes`` for ``roles``, ``no`` for everyone else (anonymous may differ)."""
    table = {role: (yes if role in roles else no) for role in ROLES}
    if anonymous is not None and "anonymous" not in roles:
        table["anonymous"] = anonymous
    return table


def anonymous_only(*, anonymous=200, others=REDIRECT) -> dict[str, object]:
    return {"anonymous": anonymous, **dict.fromkeys(SIGNED_IN, others)}


PARTNERS = ("partner", "editor", "admin")

ROWS = [
    # --- site shell
    Row("healthz", "/healthz"),
    Row("sitemap", "/sitemap.xml"),
    Row("wagtail_serve", "/", default=200),
    Row("wagtaildocs_serve", lambda w: w.document.url),
    Row("wagtailadmin_login_redirect", "/admin/login/", default=REDIRECT),
    Row(
        "wagtailadmin_home",
        "/admin/",
        roles=only("editor", "admin", no=LOGIN),
    ),
    # --- search
    Row("search:search", "/suche/?q=Jobcenter"),
    Row("search:suggestions", "/suche/vorschlaege?q=Job"),
    # --- directory (partners-only data: exports, phone list, change log; object-level below)
    Row("directory:finder", "/verzeichnis/wer-ist-zustaendig/"),
    Row("directory:organisation", lambda w: f"/verzeichnis/organisation/{w.org.slug}/"),
    Row("directory:organisation_vcard", lambda w: f"/verzeichnis/organisation/{w.org.slug}/vcard/"),
    Row("directory:organisation_by_pk", lambda w: f"/verzeichnis/o/{w.org.pk}/", default=REDIRECT),
    Row(
        "directory:contact_vcard",
        lambda w: f"/verzeichnis/kontakt/{w.partner_contact.pk}/vcard/",
        roles=only(*PARTNERS, no=404),
    ),
    Row(
        "directory:export_csv",
        "/verzeichnis/export/verzeichnis.csv",
        roles=only(*PARTNERS, no=403, anonymous=LOGIN),
    ),
    Row(
        "directory:export_xlsx",
        "/verzeichnis/export/verzeichnis.xlsx",
        roles=only(*PARTNERS, no=403, anonymous=LOGIN),
    ),
    Row(
        "directory:phone_list",
        "/verzeichnis/telefonliste/",
        roles=only(*PARTNERS, no=403, anonymous=LOGIN),
    ),
    Row(
        "directory:changes",
        "/verzeichnis/aenderungen/",
        roles=only(*PARTNERS, no=403, anonymous=LOGIN),
    ),
    Row(
        "directory:changes_feed",
        "/verzeichnis/aenderungen/feed/",
        roles=only(*PARTNERS, no=403, anonymous=404),
    ),
    Row("directory:verify", "/verzeichnis/bestaetigen/manipuliert/", default=400),
    # --- accounts (allauth under German paths)
    Row("account_login", "/konto/anmelden/", roles=anonymous_only()),
    Row("login", "/konto/anmelden/", roles=anonymous_only()),
    Row("account_signup", "/konto/registrieren/", roles=anonymous_only()),
    Row("account_logout", "/konto/abmelden/", roles={"anonymous": REDIRECT}),
    Row("logout", "/konto/abmelden/", roles={"anonymous": REDIRECT}),
    Row("account_inactive", "/konto/inaktiv/"),
    Row("account_reauthenticate", "/konto/bestaetigen/", roles={"anonymous": LOGIN}),
    Row("account_email", "/konto/email/", roles={"anonymous": LOGIN}),
    Row("account_email_verification_sent", "/konto/email/bestaetigung-gesendet/"),
    Row("account_confirm_email", "/konto/email/bestaetigen/manipuliert/", default=404),
    Row("account_change_password", "/konto/passwort/aendern/", roles={"anonymous": LOGIN}),
    Row(
        "account_set_password",
        "/konto/passwort/setzen/",
        default=REDIRECT,
        roles={"anonymous": LOGIN},
    ),
    Row("account_reset_password", "/konto/passwort/vergessen/"),
    Row("account_reset_password_done", "/konto/passwort/vergessen/gesendet/"),
    Row("account_reset_password_from_key", "/konto/passwort/neu/zz-manipuliert/"),
    Row("account_reset_password_from_key_done", "/konto/passwort/neu/fertig/"),
    Row("account_confirm_login_code", "/konto/anmelden/code/", default=REDIRECT),
    Row("mfa_index", "/konto/zwei-faktor/", roles={"anonymous": LOGIN}),
    Row("mfa_authenticate", "/konto/zwei-faktor/code/", default=REDIRECT),
    Row("mfa_reauthenticate", "/konto/zwei-faktor/bestaetigen/", roles={"anonymous": LOGIN}),
    Row("mfa_activate_totp", "/konto/zwei-faktor/app/einrichten/", roles={"anonymous": LOGIN}),
    Row("mfa_deactivate_totp", "/konto/zwei-faktor/app/entfernen/", roles={"anonymous": LOGIN}),
    Row(
        "mfa_view_recovery_codes",
        "/konto/zwei-faktor/wiederherstellungscodes/",
        roles={"anonymous": LOGIN},
    ),
    Row(
        "mfa_generate_recovery_codes",
        "/konto/zwei-faktor/wiederherstellungscodes/neu/",
        roles={"anonymous": LOGIN},
    ),
    Row(
        "mfa_download_recovery_codes",
        "/konto/zwei-faktor/wiederherstellungscodes/download/",
        roles={"anonymous": LOGIN},
    ),
    Row("accounts:overview", "/konto/", roles={"anonymous": LOGIN}),
    Row("accounts:profile", "/konto/profil/", roles={"anonymous": LOGIN}),
    Row("accounts:data_download", "/konto/meine-daten/", roles={"anonymous": LOGIN}),
    Row("accounts:delete", "/konto/loeschen/", roles={"anonymous": LOGIN}),
    Row(
        "accounts:approval",
        lambda w: f"/konto/freigabe/{account_services.approval_token(w.pending_request)}/",
        roles=only("partner", "admin", no=403, anonymous=LOGIN),
    ),
]

#: Wagtail-internal patterns that need no row: page-privacy password forms (no hideable data
#: without the password) and Wagtail's front-end login, which redirects to allauth's.
IGNORED = {
    "wagtaildocs_authenticate_with_password",
    "wagtailcore_authenticate_with_password",
    "wagtailcore_login",
}


def url_names() -> set[str]:
    """Every named URL pattern outside /admin/ (the admin has its own walk in the MFA tests)."""
    names = set()

    def walk(patterns, namespace, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                route = prefix + str(pattern.pattern)
                if route.startswith("admin/"):
                    continue
                ns = namespace + [pattern.namespace] if pattern.namespace else namespace
                walk(pattern.url_patterns, ns, route)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(":".join([*namespace, pattern.name]))

    walk(get_resolver().url_patterns, [], "")
    return names


def test_every_url_has_a_row_in_the_access_matrix():
    missing = url_names() - {row.name for row in ROWS} - IGNORED
    assert sorted(missing) == [], "add a Row for each new URL to tests/test_access_matrix.py"


def test_the_matrix_has_no_rows_for_urls_that_are_gone():
    assert {row.name for row in ROWS} - url_names() == set()


@pytest.fixture
def world(db, make_user):
    from tests.directory.factories import ContactPersonFactory, OrganisationFactory

    def verified(*roles, **fields):
        user = make_user(*roles, **fields)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        return user

    org = OrganisationFactory(slug="jobcenter-matrix", name="Jobcenter Matrix")
    partner = verified(Role.PARTNER_STAFF)
    org.maintainers.add(partner)
    pending = verified()
    Membership.objects.create(user=pending, role=Role.VOLUNTEER)
    editor = verified(Role.EDITOR)
    admin = verified(Role.ADMINISTRATOR, is_superuser=True, is_staff=True)
    for staff in (editor, admin):
        TOTP.activate(staff, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    requester = verified(email="anfrage@gmail.example")
    return SimpleNamespace(
        org=org,
        partner_contact=ContactPersonFactory(organisation=org, visibility=Visibility.PARTNERS),
        document=Document.objects.create(title="Merkblatt", file="documents/merkblatt.pdf"),
        pending_request=Membership.objects.create(
            user=requester, role=Role.PARTNER_STAFF, organisation=org
        ),
        users={
            "anonymous": None,
            "pending": pending,
            "employer": verified(Role.EMPLOYER),
            "volunteer": verified(Role.VOLUNTEER),
            "partner": partner,
            "editor": editor,
            "admin": admin,
        },
    )


def outcome(response):
    if response.status_code in (301, 302):
        location = response["Location"]
        if location.startswith("/konto/anmelden/?next="):
            return LOGIN
        if location.startswith("/konto/zwei-faktor/app/einrichten/"):
            return MFA
        return REDIRECT
    return response.status_code


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.name)
def test_access(client, world, row):
    url = row.url(world) if callable(row.url) else row.url
    got, want = {}, {}
    for role in ROLES:
        client.logout()
        user = world.users[role]
        if user is not None:
            client.force_login(user)
        response = getattr(client, row.method)(url)
        if hasattr(response, "close"):
            response.close()
        got[role], want[role] = outcome(response), row.expected(role)
    assert got == want, f"{url}\n got: {got}\nwant: {want}"
