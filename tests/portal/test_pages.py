"""The page tree, the legal pages, navigation, language switch, sitemap."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from directory.models import DirectoryIndexPage
from events.models import EventIndexPage
from knowledge.models import KnowledgeIndexPage
from portal.models import AccessibilityStatementPage, ContentPage, HomePage

pytestmark = pytest.mark.django_db


class TestTreeRules(WagtailPageTestCase):
    def test_home_page_sits_below_the_root_only(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)

    def test_section_pages_sit_below_the_home_page(self):
        for section in (DirectoryIndexPage, KnowledgeIndexPage, EventIndexPage):
            self.assertCanCreateAt(HomePage, section)
            self.assertCanNotCreateAt(Page, section)

    def test_content_and_accessibility_pages_can_be_created_below_home(self):
        self.assertCanCreateAt(HomePage, ContentPage)
        self.assertCanCreateAt(HomePage, AccessibilityStatementPage)


def test_demo_tree_has_sections_with_german_slugs_and_legal_pages(demo_site):
    paths = set(Page.objects.live().values_list("url_path", flat=True))
    for slug in (
        "verzeichnis",
        "wissen",
        "veranstaltungen",
        "impressum",
        "datenschutz",
        "barrierefreiheit",
        "leichte-sprache",
    ):
        assert f"/home/{slug}/" in paths


def test_every_page_of_the_demo_renders(demo_site, client, partner_user):
    """Public pages render for everyone; restricted ones for partner staff (404 for others)."""
    for page in Page.objects.live().filter(depth__gte=2).specific():
        visibility = getattr(page, "visibility", "public")
        client.logout()
        if visibility != "public":
            assert client.get(page.url).status_code == 404, page.url
            client.force_login(partner_user)
        response = client.get(page.url)
        assert response.status_code == 200, page.url


def test_header_has_navigation_search_box_language_switch_and_footer(demo_site, client):
    html = client.get("/").content.decode()
    assert 'href="#main"' in html  # skip link
    assert 'action="/suche/"' in html and 'role="search"' in html
    for href in (
        "/verzeichnis/",
        "/wissen/",
        "/veranstaltungen/",
        "/impressum/",
        "/datenschutz/",
        "/barrierefreiheit/",
        "/leichte-sprache/",
    ):
        assert f'href="{href}"' in html
    assert 'href="/en/"' in html
    assert '<main id="main"' in html and "<footer" in html and "<header" in html


def test_german_is_the_default_and_english_the_second_language(demo_site, client):
    german = client.get("/")
    assert german["Content-Language"] == "de"
    assert '<html lang="de">' in german.content.decode()
    english = client.get("/en/")
    assert english.status_code == 200
    html = english.content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html
    assert 'href="/en/verzeichnis/"' in html  # navigation stays in English


def test_accessibility_feedback_form_is_prefilled_with_the_page(demo_site, client):
    response = client.get("/barrierefreiheit/", {"seite": "/wissen/"})
    assert 'value="/wissen/"' in response.content.decode()


def test_accessibility_feedback_is_stored_and_mailed(
    demo_site, client, mailoutbox, django_capture_on_commit_callbacks
):
    page = AccessibilityStatementPage.objects.get()
    form = {
        "seite": "/verzeichnis/",
        "beschreibung_der_barriere": "Der Kontrast der Filter ist zu schwach.",
        "name": "",
        "e_mail_fur_ruckfragen": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.url, form)
    assert response.status_code == 200
    assert page.get_submission_class().objects.filter(page=page).count() == 1
    assert len(mailoutbox) == 1
    assert "Kontrast" in mailoutbox[0].body


def test_accessibility_feedback_without_description_shows_a_field_error(demo_site, client):
    page = AccessibilityStatementPage.objects.get()
    response = client.post(page.url, {"seite": "/"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error"' in html
    assert page.get_submission_class().objects.count() == 0


def test_sitemap_lists_public_pages(demo_site, client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    for slug in ("verzeichnis", "wissen", "impressum", "barrierefreiheit"):
        assert f"/{slug}/</loc>" in body


def test_the_sitemap_names_public_organisations_but_no_restricted_page(demo_site, client):
    from directory.models import Organisation
    from events.models import EventPage
    from knowledge.models import KnowledgePage

    body = client.get("/sitemap.xml").content.decode()
    organisation = Organisation.objects.active().first()
    assert f"{organisation.get_absolute_url()}</loc>" in body
    assert "/verzeichnis/wer-ist-zustaendig/</loc>" in body
    restricted = [
        *KnowledgePage.objects.live().exclude(visibility="public"),
        *EventPage.objects.live().exclude(visibility="public"),
    ]
    assert restricted, "the demo has restricted pages"
    for page in restricted:
        assert f"{page.url}</loc>" not in body, page.url


def test_the_home_page_shows_the_newest_legal_changes_the_reader_may_see(
    demo_site, client, partner_user
):
    from knowledge.models import LegalChangePage

    newest = LegalChangePage.objects.live().filter(visibility="public")
    newest = newest.order_by("-effective_date").first()
    html = client.get("/").content.decode()
    assert 'id="knowledge-teaser-title"' in html and newest.title in html
    hidden = LegalChangePage.objects.live().exclude(visibility="public").first()
    if hidden is not None:
        assert hidden.title not in html


def test_unknown_page_is_a_friendly_404(demo_site, client):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_search_page_survives_hostile_input(demo_site, client):
    for params in (
        {"q": "x" * 2_000},
        {"q": "title:x AND ("},
        {"q": "\x1f\x7f"},
    ):
        assert client.get("/suche/", params).status_code == 200
    # NUL bytes and over-long values never reach a view (portal.middleware).
    for params in ({"q": "x" * 10_000}, {"q": "\x00\x1f"}):
        assert client.get("/suche/", params).status_code == 400
    for page in ("-1", "abc"):
        response = client.get("/suche/", {"q": "Impressum", "page": page})
        assert response.status_code == 400
        assert "Seitenzahl" in response.content.decode()  # a message, not a bare error


def test_no_external_assets_on_any_page(demo_site, client):
    for page in Page.objects.live().filter(depth__gte=2).specific():
        html = client.get(page.url).content.decode()
        for attr in ('src="http', "src='http", 'href="//', "@import url(http"):
            assert attr not in html, page.url
        assert "stylesheet" not in html or 'href="/static/' in html
