"""The access matrix: one table of URL × role drives one test, and the URL resolver is walked so
that a new URL without a row fails.

Each row names a URL pattern, says how to build a concrete URL from the ``world`` (objects made
once per test), and what each role gets. Outcomes: a status code, ``LOGIN`` (redirect to the login
page), ``MFA`` (redirect to the two-factor set-up) or ``REDIRECT`` (any other redirect).
Roles: anonymous, pending (signed up, role awaiting approval), employer, volunteer, partner
(staff), editor, admin. To add a URL: add one ``Row`` (``default`` covers the roles not listed).

The same walk checks Cache-Control (``cache_problem``): where the answer depends on the role (the
row's outcomes differ between roles), every 200 is ``private`` or ``no-store``; and no 200 that a
shared cache may keep contains one of the world's restricted values (``RESTRICTED``).
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
#: Values of the world that only some roles may see (titles and names of restricted objects).
RESTRICTED = (
    "Geheimtermin Partner",
    "Geheimleitfaden Ehrenamt",
    "Geheimverfahren Partner",
    "Geheimkontakt",
    "Geheimstelle Partner",
    "Geheimmassnahme Partner",
)

ROWS = [
    # --- site shell
    Row("healthz", "/healthz"),
    Row("security_txt", "/.well-known/security.txt"),
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
    Row("directory:verify", "/verzeichnis/bestaetigen/manipuliert/", default=404),
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
    # allauth asks for a fresh password (reauthentication) before changing authenticators, so
    # a session from force_login is redirected; pages about codes a user does not have are 404.
    Row(
        "mfa_reauthenticate",
        "/konto/zwei-faktor/bestaetigen/",
        roles={"anonymous": LOGIN, **dict.fromkeys(NOT_PARTNER + ("partner",), REDIRECT)},
    ),
    Row(
        "mfa_activate_totp",
        "/konto/zwei-faktor/app/einrichten/",
        default=REDIRECT,
        roles={"anonymous": LOGIN},
    ),
    Row(
        "mfa_deactivate_totp",
        "/konto/zwei-faktor/app/entfernen/",
        default=404,
        roles={"anonymous": LOGIN, "editor": REDIRECT, "admin": REDIRECT},
    ),
    Row(
        "mfa_view_recovery_codes",
        "/konto/zwei-faktor/wiederherstellungscodes/",
        default=404,
        roles={"anonymous": LOGIN},
    ),
    Row(
        "mfa_generate_recovery_codes",
        "/konto/zwei-faktor/wiederherstellungscodes/neu/",
        default=REDIRECT,
        roles={"anonymous": LOGIN},
    ),
    Row(
        "mfa_download_recovery_codes",
        "/konto/zwei-faktor/wiederherstellungscodes/download/",
        default=404,
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

# --- Wagtail pages and their routes (RoutablePageMixin). Names: "page:<app.Model>" for a page
# type, "route:<module.Class.view>" for a route; "|variant" tells rows of one name apart.
VOLUNTEERS = ("volunteer", *PARTNERS)
HIDDEN = 404  # a page the reader may not see answers like a missing one
ROWS += [
    Row("page:portal.HomePage", "/"),
    Row("page:portal.ContentPage", lambda w: w.content_page.url),
    Row("page:portal.AccessibilityStatementPage", lambda w: w.accessibility_page.url),
    Row("page:directory.DirectoryIndexPage", lambda w: w.directory_index.url),
    Row(
        "route:directory.models.DirectoryIndexPage.index_view",
        lambda w: w.directory_index.url,
    ),
    Row("page:events.EventIndexPage", lambda w: w.events_index.url),
    Row("route:events.models.EventIndexPage.index_view", lambda w: w.events_index.url),
    Row("page:events.EventPage|public", lambda w: w.event.url),
    Row(
        "page:events.EventPage|partners",
        lambda w: w.partner_event.url,
        roles=only(*PARTNERS, no=HIDDEN),
    ),
    Row("page:knowledge.KnowledgeIndexPage", lambda w: w.knowledge_index.url),
    Row("page:knowledge.LegalChangePage", lambda w: w.legal_change.url),
    Row("page:knowledge.ProcedurePage", lambda w: w.procedure.url),
    Row("page:knowledge.FaqPage", lambda w: w.faq.url),
    Row(
        "page:knowledge.GuidancePage|volunteers",
        lambda w: w.volunteer_guidance.url,
        roles=only(*VOLUNTEERS, no=HIDDEN),
    ),
    Row(
        "page:knowledge.ProcedurePage|partners",
        lambda w: w.partner_procedure.url,
        roles=only(*PARTNERS, no=HIDDEN),
    ),
    Row(
        "route:knowledge.models.pages.KnowledgeIndexPage.index_view",
        lambda w: w.knowledge_index.url,
    ),
    Row(
        "route:knowledge.models.pages.KnowledgeIndexPage.glossary_view",
        lambda w: w.knowledge_index.url + "glossar/",
    ),
    Row(
        "route:knowledge.models.pages.KnowledgeIndexPage.feed_view",
        lambda w: w.knowledge_index.url + "feed/",
    ),
    Row(
        "route:knowledge.models.pages.KnowledgeIndexPage.topic_feed_view",
        lambda w: w.knowledge_index.url + f"feed/{w.topic.slug}/",
    ),
    Row(
        "route:knowledge.models.pages.KnowledgeIndexPage.topic_feed_view|unknown-topic",
        lambda w: w.knowledge_index.url + "feed/gibt-es-nicht/",
        default=404,
    ),
    Row(
        "route:knowledge.models.pages.KnowledgeIndexPage.subscriptions_view",
        lambda w: w.knowledge_index.url + "abonnements/",
        roles={"anonymous": LOGIN},
    ),
    Row(
        "route:knowledge.models.pages.KnowledgeIndexPage.unsubscribe_view",
        lambda w: w.knowledge_index.url + "abbestellen/manipuliert/",
        default=404,
    ),
    Row(
        "route:knowledge.models.pages.KnowledgePage.print_view",
        lambda w: w.legal_change.url + "drucken/",
    ),
    Row(
        "route:knowledge.models.pages.KnowledgePage.print_view|partners",
        lambda w: w.partner_procedure.url + "drucken/",
        roles=only(*PARTNERS, no=HIDDEN),
    ),
    Row(
        "route:knowledge.models.pages.KnowledgePage.history_view",
        lambda w: w.legal_change.url + "aenderungen/",
    ),
    Row(
        "route:knowledge.models.pages.KnowledgePage.history_view|volunteers",
        lambda w: w.volunteer_guidance.url + "aenderungen/",
        roles=only(*VOLUNTEERS, no=HIDDEN),
    ),
]


# --- offers (their objects are made on first use: a company without an account with a
# partners-only offer, a partners-only measure, a saved search of the partner). The employer
# service is editors and administrators here: the matrix's partner works at a Jobcenter-like
# "Behörde", not at the Agentur für Arbeit.
def _offers(w) -> SimpleNamespace:
    if not hasattr(w, "offers"):
        from offers.models import SavedSearch
        from tests.offers.factories import CompanyFactory, MeasureFactory, OfferFactory

        company = CompanyFactory(name="Matrix Möbel GmbH")
        w.offers = SimpleNamespace(
            company=company,
            offer=OfferFactory(
                company=company, visibility=Visibility.PARTNERS, occupation=RESTRICTED[4]
            ),
            measure=MeasureFactory(visibility=Visibility.PARTNERS, title=RESTRICTED[5]),
            saved=SavedSearch.objects.create(user=w.users["partner"], name="Matrix", query={}),
        )
    return w.offers


EMPLOYER_SERVICE = ("editor", "admin")
ROWS += [
    # the section page; its route is the search
    Row("page:offers.OffersIndexPage", lambda w: w.offers_index.url),
    Row("route:offers.models.pages.OffersIndexPage.index_view", lambda w: w.offers_index.url),
    Row(
        "offers:offer",
        lambda w: f"/angebote/stelle/{_offers(w).offer.pk}/",
        roles=only(*PARTNERS, no=HIDDEN),
    ),
    Row(
        "offers:measure",
        lambda w: f"/angebote/massnahme/{_offers(w).measure.pk}/",
        roles=only(*PARTNERS, no=HIDDEN),
    ),
    Row("offers:company", lambda w: f"/angebote/firma/{_offers(w).company.slug}/"),
    Row(
        "offers:export_csv",
        "/angebote/export/angebote.csv",
        roles=only(*PARTNERS, no=403, anonymous=LOGIN),
    ),
    Row(
        "offers:export_xlsx",
        "/angebote/export/angebote.xlsx",
        roles=only(*PARTNERS, no=403, anonymous=LOGIN),
    ),
    Row(
        "offers:print_list", "/angebote/druckliste/", roles=only(*PARTNERS, no=403, anonymous=LOGIN)
    ),
    Row(
        "offers:statistics", "/angebote/statistik/", roles=only(*PARTNERS, no=403, anonymous=LOGIN)
    ),
    Row(
        "offers:saved_searches",
        "/angebote/suchauftraege/",
        roles=only(*PARTNERS, no=403, anonymous=LOGIN),
    ),
    Row(
        "offers:saved_search_delete",
        lambda w: f"/angebote/suchauftraege/{_offers(w).saved.pk}/loeschen/",
        method="post",
        roles={
            **only(*PARTNERS, no=403, anonymous=LOGIN),
            "partner": REDIRECT,
            "editor": 404,
            "admin": 404,
        },
    ),
    Row(
        "offers:my_offers",
        "/angebote/meine-angebote/",
        roles=only("employer", "admin", no=403, anonymous=LOGIN),
    ),
    Row(
        "offers:my_company",
        "/angebote/meine-angebote/firmenprofil/",
        roles=only("employer", "admin", no=403, anonymous=LOGIN),
    ),
    Row(
        "offers:my_offer_create",
        "/angebote/meine-angebote/neu/",
        roles=only("employer", "admin", no=403, anonymous=LOGIN),
    ),
    Row(
        "offers:offer_edit",
        lambda w: f"/angebote/stelle/{_offers(w).offer.pk}/bearbeiten/",
        roles=only(*EMPLOYER_SERVICE, no=403, anonymous=LOGIN),
    ),
    Row(
        "offers:offer_renew",
        lambda w: f"/angebote/stelle/{_offers(w).offer.pk}/verlaengern/",
        method="post",
        roles=only(*EMPLOYER_SERVICE, yes=REDIRECT, no=403, anonymous=LOGIN),
    ),
    Row(
        "offers:offer_withdraw",
        lambda w: f"/angebote/stelle/{_offers(w).offer.pk}/zurueckziehen/",
        method="post",
        roles=only(*EMPLOYER_SERVICE, yes=REDIRECT, no=403, anonymous=LOGIN),
    ),
    Row(
        "offers:service",
        "/angebote/arbeitgeberservice/",
        roles=only(*EMPLOYER_SERVICE, no=403, anonymous=LOGIN),
    ),
    Row(
        "offers:service_company_create",
        "/angebote/arbeitgeberservice/neu/",
        roles=only(*EMPLOYER_SERVICE, no=403, anonymous=LOGIN),
    ),
    Row(
        "offers:service_company",
        lambda w: f"/angebote/arbeitgeberservice/{_offers(w).company.pk}/",
        roles=only(*EMPLOYER_SERVICE, no=403, anonymous=LOGIN),
    ),
    Row(
        "offers:service_offer_create",
        lambda w: f"/angebote/arbeitgeberservice/{_offers(w).company.pk}/angebot-neu/",
        roles=only(*EMPLOYER_SERVICE, no=403, anonymous=LOGIN),
    ),
    Row(
        "offers:service_invite",
        lambda w: f"/angebote/arbeitgeberservice/{_offers(w).company.pk}/einladen/",
        method="post",
        roles=only(*EMPLOYER_SERVICE, yes=REDIRECT, no=403, anonymous=LOGIN),
    ),
    Row("offers:takeover", "/angebote/uebernehmen/manipuliert/", default=404),
]


# --- events (made on first use: a Meeting Point date with the employer's registration and the
# partner's personal feed token). Meeting Points are for employers and partner staff; the
# organiser tools in the admin are for editors and administrators (everyone else is sent to
# the login: the admin's own answer to a user without admin access).
def _events(w) -> SimpleNamespace:
    if not hasattr(w, "events"):
        from events.choices import EventKind
        from events.selectors import manage_token
        from events.services import RegistrationData, feed_token_create, registration_create
        from tests.events.factories import make_event, occurrence_of

        occurrence = occurrence_of(make_event(kind=EventKind.MEETING_POINT, capacity=5))
        employer = w.users["employer"]
        registration = registration_create(
            occurrence=occurrence,
            user=employer,
            data=RegistrationData(name="Matrix", email=employer.email),
        )
        w.events = SimpleNamespace(
            occurrence=occurrence,
            registration=registration,
            token=manage_token(registration),
            feed_token=feed_token_create(user=w.users["partner"]),
        )
    return w.events


MEETING_POINT_REGISTRANTS = ("employer", "partner", "admin")
ORGANISERS = ("editor", "admin")
ROWS += [
    Row(
        "events:register",
        lambda w: f"/termine/anmelden/{_events(w).occurrence.pk}/",
        roles=only(*MEETING_POINT_REGISTRANTS, no=403, anonymous=LOGIN),
    ),
    Row(
        "events:register|partners",
        lambda w: f"/termine/anmelden/{w.partner_event.occurrences.get().pk}/",
        roles=only(*PARTNERS, no=HIDDEN, anonymous=LOGIN),
    ),
    Row("events:manage", lambda w: f"/termine/anmeldung/{_events(w).token}/"),
    Row("events:manage|tampered", "/termine/anmeldung/manipuliert/", default=404),
    Row("events:manage_ics", lambda w: f"/termine/anmeldung/{_events(w).token}/termin.ics"),
    Row("events:my_registrations", "/termine/meine-anmeldungen/", roles={"anonymous": LOGIN}),
    Row(
        "events:feed_token",
        "/termine/meine-anmeldungen/kalender/",
        default=405,
        roles={"anonymous": LOGIN},
    ),
    Row(
        "events:feed_token|post",
        "/termine/meine-anmeldungen/kalender/",
        method="post",
        default=REDIRECT,
        roles={"anonymous": LOGIN},
    ),
    Row("events:feed", "/termine/kalender.ics"),
    Row("events:feed|unknown-filter", "/termine/kalender.ics?kind=party", default=400),
    Row("events:personal_feed", lambda w: f"/termine/kalender/{_events(w).feed_token}.ics"),
    Row("events:personal_feed|tampered", "/termine/kalender/1-manipuliert.ics", default=404),
    Row("events:event_ics", lambda w: f"/termine/veranstaltung/{w.event.pk}.ics"),
    Row(
        "events:event_ics|partners",
        lambda w: f"/termine/veranstaltung/{w.partner_event.pk}.ics",
        roles=only(*PARTNERS, no=HIDDEN),
    ),
    Row("events:occurrence_ics", lambda w: f"/termine/termin/{w.event.occurrences.get().pk}.ics"),
    Row(
        "events:occurrence_ics|partners",
        lambda w: f"/termine/termin/{w.partner_event.occurrences.get().pk}.ics",
        roles=only(*PARTNERS, no=HIDDEN),
    ),
    Row(
        "events_admin:occurrences",
        "/admin/event-registrations/",
        roles=only(*ORGANISERS, no=LOGIN),
    ),
    Row(
        "events_admin:attendees",
        lambda w: f"/admin/event-registrations/{_events(w).occurrence.pk}/",
        roles=only(*ORGANISERS, no=LOGIN),
    ),
    Row(
        "events_admin:checkin_list",
        lambda w: f"/admin/event-registrations/{_events(w).occurrence.pk}/checkin/",
        roles=only(*ORGANISERS, no=LOGIN),
    ),
    Row(
        "events_admin:export",
        lambda w: f"/admin/event-registrations/{_events(w).occurrence.pk}/export.csv",
        roles=only(*ORGANISERS, no=LOGIN),
    ),
    Row(
        "events_admin:export|unknown-format",
        lambda w: f"/admin/event-registrations/{_events(w).occurrence.pk}/export.pdf",
        roles=only(*ORGANISERS, yes=404, no=LOGIN),
    ),
    Row(
        "events_admin:check_in",
        lambda w: (
            f"/admin/event-registrations/{_events(w).occurrence.pk}/checkin/"
            f"{_events(w).registration.pk}/"
        ),
        method="post",
        default=LOGIN,
        roles={"editor": REDIRECT, "admin": REDIRECT},
    ),
    Row(
        "events_admin:message",
        lambda w: f"/admin/event-registrations/{_events(w).occurrence.pk}/message/",
        method="post",
        default=LOGIN,
        roles={"editor": REDIRECT, "admin": REDIRECT},
    ),
]

# --- the other apps' staff views in the Wagtail admin (``<app>_admin:<name>``, like events'):
# editors and administrators; everyone else is sent to the login (no admin access).
ADMIN_STAFF = ("editor", "admin")
ROWS += [
    Row(
        "directory_admin:unverified_report",
        "/admin/reports/directory-unverified/",
        roles=only(*ADMIN_STAFF),
    ),
    Row(
        "directory_admin:unverified_report_results",
        "/admin/reports/directory-unverified/results/",
        roles=only(*ADMIN_STAFF),
    ),
    Row("directory_admin:import", "/admin/directory/import/", roles=only(*ADMIN_STAFF)),
    Row(
        "knowledge_admin:overdue_review",
        "/admin/reports/knowledge-review/",
        roles=only(*ADMIN_STAFF),
    ),
    Row(
        "knowledge_admin:overdue_review_results",
        "/admin/reports/knowledge-review/results/",
        roles=only(*ADMIN_STAFF),
    ),
    Row(
        "knowledge_admin:legal_changes_to_confirm",
        "/admin/reports/legal-changes-to-confirm/",
        roles=only(*ADMIN_STAFF),
    ),
    Row(
        "knowledge_admin:legal_changes_to_confirm_results",
        "/admin/reports/legal-changes-to-confirm/results/",
        roles=only(*ADMIN_STAFF),
    ),
    Row(
        "knowledge_admin:mark_reviewed",
        lambda w: f"/admin/knowledge/{w.procedure.pk}/reviewed/",
        roles=only(*ADMIN_STAFF),
    ),
    Row("search_admin:query_report", "/admin/suche/bericht/", roles=only(*ADMIN_STAFF)),
]

#: Wagtail-internal patterns that need no row: page-privacy password forms (no hideable data
#: without the password) and Wagtail's front-end login, which redirects to allauth's.
IGNORED = {
    "wagtaildocs_authenticate_with_password",
    "wagtailcore_authenticate_with_password",
    "wagtailcore_login",
}


def url_names(*, include_admin: bool = False) -> set[str]:
    """Every named URL pattern outside /admin/ (the admin has its own walk in the MFA tests; its
    home page has a row here all the same)."""
    names = set()

    def walk(patterns, namespace, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                route = prefix + str(pattern.pattern)
                if route.startswith("admin/") and not include_admin:
                    continue
                ns = namespace + [pattern.namespace] if pattern.namespace else namespace
                walk(pattern.url_patterns, ns, route)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(":".join([*namespace, pattern.name]))

    walk(get_resolver().url_patterns, [], "")
    return names


def page_names() -> set[str]:
    """A name per servable page type and per route of a routable page type (by the class that
    defines the view, so that the article types share their routes' rows)."""
    from wagtail.contrib.routable_page.models import RoutablePageMixin
    from wagtail.models import Page, get_page_models

    names = set()
    for model in get_page_models():
        if model is Page or not model.is_creatable:
            continue
        names.add(f"page:{model._meta.label}")
        if issubclass(model, RoutablePageMixin):
            for pattern in model.get_subpage_urls():
                view = pattern.callback
                if view.__name__ == "index_route":  # the page itself: its "page:" row
                    continue
                names.add(f"route:{view.__module__}.{view.__qualname__}")
    return names


def row_names() -> set[str]:
    return {row.name.split("|")[0] for row in ROWS}


def test_every_url_has_a_row_in_the_access_matrix():
    missing = (url_names() | page_names()) - row_names() - IGNORED
    assert sorted(missing) == [], "add a Row for each new URL to tests/test_access_matrix.py"


def test_the_matrix_has_no_rows_for_urls_that_are_gone():
    gone = row_names() - url_names(include_admin=True) - page_names()
    assert gone == set()


def _pages(home):
    """One page of every type (and visibility) below the home page, published."""
    from directory.models import DirectoryIndexPage
    from portal.models import AccessibilityStatementPage, ContentPage
    from tests.events.factories import events_index, make_event
    from tests.factories import TopicFactory
    from tests.knowledge.factories import (
        FaqPageFactory,
        GuidancePageFactory,
        KnowledgeIndexPageFactory,
        LegalChangePageFactory,
        ProcedurePageFactory,
    )
    from tests.offers.factories import offers_index

    topic = TopicFactory(slug="aufenthalt")
    knowledge = KnowledgeIndexPageFactory(parent=home)

    def article(factory, **fields):
        page = factory(parent=knowledge, **fields)
        page.topics.set([topic])
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return {
        "topic": topic,
        "content_page": home.add_child(instance=ContentPage(title="Impressum", slug="impressum")),
        "accessibility_page": home.add_child(
            instance=AccessibilityStatementPage(title="Barrierefreiheit", slug="barrierefreiheit")
        ),
        "directory_index": home.add_child(
            instance=DirectoryIndexPage(title="Verzeichnis", slug="verzeichnis")
        ),
        "events_index": events_index(),
        "event": make_event(),
        "partner_event": make_event(visibility=Visibility.PARTNERS, title=RESTRICTED[0]),
        "knowledge_index": knowledge,
        "legal_change": article(LegalChangePageFactory),
        "procedure": article(ProcedurePageFactory),
        "faq": article(FaqPageFactory),
        "volunteer_guidance": article(
            GuidancePageFactory, visibility=Visibility.VOLUNTEERS, title=RESTRICTED[1]
        ),
        "partner_procedure": article(
            ProcedurePageFactory, visibility=Visibility.PARTNERS, title=RESTRICTED[2]
        ),
        "offers_index": offers_index(),
    }


def _document():
    from django.core.files.base import ContentFile

    document = Document(title="Merkblatt")
    document.file.save("merkblatt.pdf", ContentFile(b"%PDF-1.4 demo"), save=False)
    document.save()
    return document


@pytest.fixture
def world(db, make_user, home_page):
    from tests.directory.factories import (
        ContactPersonFactory,
        OrganisationFactory,
        partner_membership,
    )

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
    pages = _pages(home_page)
    return SimpleNamespace(
        **pages,
        org=org,
        partner_contact=ContactPersonFactory(
            organisation=org, visibility=Visibility.PARTNERS, family_name=RESTRICTED[3]
        ),
        document=_document(),
        pending_request=partner_membership(
            user=requester, organisation=org, status=Membership.Status.PENDING
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


def _close(response) -> None:
    """Close a (streaming) response's file like a server would — without the request_finished
    receiver that closes database connections, which would end the test's transaction on
    PostgreSQL (the test client keeps it disconnected only while a request runs)."""
    from django.core.signals import request_finished
    from django.db import close_old_connections

    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def shared_cacheable(response) -> bool:
    """May a shared cache (a proxy, a CDN) keep this response?"""
    directives = {d.strip().split("=")[0] for d in response.get("Cache-Control", "").split(",")}
    return not directives & {"private", "no-store"}


def cache_problem(row: Row, response) -> str | None:
    """What is wrong with a 200's Cache-Control, if anything (see the module's docstring)."""
    if response.status_code != 200 or not shared_cacheable(response):
        return None
    if len({row.expected(role) for role in ROLES}) > 1:
        return f"depends on the role but is shared-cacheable: {response.get('Cache-Control')!r}"
    body = b"" if response.streaming else response.content
    leaked = [value for value in RESTRICTED if value.encode() in body]
    if leaked:
        return f"shared-cacheable ({response.get('Cache-Control')!r}) but contains {leaked}"
    return None


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.name)
def test_access(client, world, row):
    url = row.url(world) if callable(row.url) else row.url
    got, want, caching = {}, {}, {}
    for role in ROLES:
        client.logout()
        user = world.users[role]
        if user is not None:
            client.force_login(user)
        response = getattr(client, row.method)(url)
        if problem := cache_problem(row, response):
            caching[role] = problem
        _close(response)
        got[role], want[role] = outcome(response), row.expected(role)
    assert got == want, f"{url}\n got: {got}\nwant: {want}"
    assert caching == {}, f"{url}: Cache-Control\n{caching}"


#: Data with its own visibility on a public object: who sees it on the object's channels.
INTERNAL_HOTLINE = "+49 5221 99-4242"


@pytest.mark.parametrize(
    "channel",
    [
        lambda w: f"/verzeichnis/organisation/{w.org.slug}/",
        lambda w: f"/verzeichnis/organisation/{w.org.slug}/vcard/",
    ],
    ids=["page", "vcard"],
)
def test_an_internal_hotline_reaches_partners_only(client, world, channel):
    world.org.hotline = INTERNAL_HOTLINE
    world.org.hotline_visibility = Visibility.PARTNERS
    world.org.save()
    seen = {}
    for role in ROLES:
        client.logout()
        if world.users[role] is not None:
            client.force_login(world.users[role])
        response = client.get(channel(world))
        seen[role] = response.status_code == 200 and "4242" in response.content.decode()
    assert seen == {role: role in PARTNERS for role in ROLES}
