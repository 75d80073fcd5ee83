"""The offers' section page: tree rules, editor form, rendering, the navigation that finds it
through the page tree, and the migration that gives an installation in use its /angebote/."""

import importlib

import pytest
from django.apps import apps
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data

from offers.models import OffersIndexPage
from portal.models import ContentPage, HomePage
from tests.offers.factories import offers_index

pytestmark = pytest.mark.django_db

migration = importlib.import_module("offers.migrations.0004_offers_index_page")


class TestPageType(WagtailPageTestCase):
    def setUp(self):
        from allauth.mfa.totp.internal.auth import TOTP

        self.home = Site.objects.get(is_default_site=True).root_page.specific
        # the admin asks every administrator for a second factor (portal.accounts.middleware)
        self.editor = self.login()
        TOTP.activate(self.editor, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")

    def test_one_section_page_below_the_home_page_and_nothing_below_it(self):
        self.assertAllowedParentPageTypes(OffersIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(OffersIndexPage, set())
        self.assertCanCreateAt(HomePage, OffersIndexPage)
        self.assertCanCreate(
            self.home,
            OffersIndexPage,
            nested_form_data({"title": "Stellen und Kurse", "slug": "angebote"}),
        )
        self.home.refresh_from_db()
        assert not OffersIndexPage.can_create_at(self.home)  # one per home page

    def test_the_page_renders_the_search(self):
        page = offers_index()
        self.assertPageIsRenderable(page)
        self.assertPageIsRoutable(page)
        self.assertPageIsPreviewable(page, user=self.editor)


def _nav(client, url: str) -> str:
    return client.get(url).text.split('class="main-nav"')[1].split("</nav>")[0]


def test_the_navigation_finds_the_section_through_the_page_tree(client, home_page, partner):
    assert "/angebote/" not in _nav(client, "/")  # no section page, no link
    page = offers_index()
    page.show_in_menus = True
    page.save_revision().publish()
    assert '<a href="/angebote/">Stellen und Kurse</a>' in _nav(client, "/")
    assert '<a href="/angebote/" aria-current="page">' in _nav(client, "/angebote/")
    # a Django view mounted below the section (offers.urls) is in the section too
    client.force_login(partner)
    assert '<a href="/angebote/" aria-current="page">' in _nav(client, "/angebote/statistik/")


def _run_migration():
    migration.create_offers_index(apps, None)


def test_the_migration_gives_an_installation_in_use_its_section_page(home_page):
    home_page.add_child(instance=ContentPage(title="Impressum", slug="impressum"))
    _run_migration()
    _run_migration()  # idempotent
    (page,) = OffersIndexPage.objects.all()
    assert page.url == "/angebote/"
    assert page.get_parent().pk == home_page.pk
    assert page.live and page.show_in_menus
    assert Page.find_problems() == ([], [], [], [], [])  # the tree the migration left is valid
    home_page.refresh_from_db()
    assert home_page.numchild == 2


def test_the_migration_leaves_a_fresh_database_to_load_demo(home_page):
    _run_migration()
    assert not OffersIndexPage.objects.exists()


def test_the_migration_leaves_an_existing_page_at_the_slug_alone(home_page):
    home_page.add_child(instance=ContentPage(title="Angebote", slug="angebote"))
    _run_migration()
    assert not OffersIndexPage.objects.exists()
