"""Visibility in every channel: the search page, detail pages, the company page, the home
teaser, exports and the printable list, the unified search (database engine) — anonymous
visitors see published offers without personal data, partner staff see everything."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from portal.access import Role, Visibility
from search import contract
from search import services as search_services
from tests.offers.factories import CompanyFactory, MeasureFactory, OfferFactory

pytestmark = pytest.mark.django_db

PERSONAL = ["Paula Privat", "paula.privat@firma.example", "555-199", "Erika Personal"]


@pytest.fixture
def offers(places):
    company = CompanyFactory(name="Tischlerei Sichtbar", municipality=places["herford"])
    return {
        "public": OfferFactory(
            company=company, occupation="Tischler/in öffentlich", visibility=Visibility.PUBLIC
        ),
        "partners": OfferFactory(
            company=company, occupation="Schreiner/in intern", visibility=Visibility.PARTNERS
        ),
        "public_measure": MeasureFactory(title="Sprachkurs offen", visibility=Visibility.PUBLIC),
        "partners_measure": MeasureFactory(
            title="Sprachkurs intern", visibility=Visibility.PARTNERS
        ),
        "company": company,
    }


def html(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def test_search_page_for_anonymous_shows_published_offers_without_personal_data(
    client, offers, search_page
):
    page = html(client, "/angebote/")
    assert "Tischler/in öffentlich" in page and "Sprachkurs offen" in page
    assert "Schreiner/in intern" not in page and "Sprachkurs intern" not in page
    for secret in PERSONAL:
        assert secret not in page
    assert reverse("offers:export_csv") not in page


def test_search_page_for_partners_shows_everything_with_contact(
    client, offers, partner, search_page
):
    client.force_login(partner)
    page = html(client, "/angebote/")
    for title in ["Tischler/in öffentlich", "Schreiner/in intern", "Sprachkurs intern"]:
        assert title in page
    assert "Paula Privat" in page
    assert reverse("offers:export_csv") in page
    assert client.get("/angebote/")["Cache-Control"].startswith("private")


@pytest.mark.parametrize("role", [None, Role.EMPLOYER, Role.VOLUNTEER])
def test_detail_pages_hide_partner_offers_and_personal_data(client, offers, make_user, role):
    if role:
        client.force_login(make_user(role))
    page = html(client, offers["public"].get_absolute_url())
    assert "Tischler/in öffentlich" in page
    for secret in PERSONAL:
        assert secret not in page
    assert client.get(offers["partners"].get_absolute_url()).status_code == 404
    assert client.get(offers["partners_measure"].get_absolute_url()).status_code == 404
    company_page = html(client, offers["company"].get_absolute_url())
    assert "Tischler/in öffentlich" in company_page and "Schreiner/in intern" not in company_page
    for secret in PERSONAL:
        assert secret not in company_page


def test_detail_pages_show_partners_the_contact(client, offers, partner):
    client.force_login(partner)
    page = html(client, offers["partners"].get_absolute_url())
    assert "Paula Privat" in page and "paula.privat@firma.example" in page
    assert "Sprachkurs intern" in html(client, offers["partners_measure"].get_absolute_url())


def test_home_teaser_counts_what_the_visitor_may_see(client, offers, partner):
    assert 'id="offers-teaser-title"' in html(client, "/")
    anonymous = client.get("/").context
    client.force_login(partner)
    partners = client.get("/").context
    assert (anonymous["offer_count"], anonymous["measure_count"]) == (1, 1)
    assert (partners["offer_count"], partners["measure_count"]) == (2, 2)


@pytest.mark.parametrize(
    "name", ["offers:export_csv", "offers:export_xlsx", "offers:print_list", "offers:statistics"]
)
def test_partner_tools_refuse_everyone_else(client, offers, make_user, name):
    url = reverse(name)
    assert client.get(url)["Location"].startswith(reverse("account_login"))
    for role in (Role.EMPLOYER, Role.VOLUNTEER):
        client.force_login(make_user(role))
        assert client.get(url).status_code == 403


def test_exports_carry_partner_offers_with_contact(client, offers, partner):
    client.force_login(partner)
    response = client.get(reverse("offers:export_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    occupations = {row[1] for row in rows[1:]}
    assert occupations == {"Tischler/in öffentlich", "Schreiner/in intern"}
    assert "Paula Privat" in rows[1]
    measures = client.get(reverse("offers:export_csv"), {"typ": "massnahmen"})
    text = measures.content.decode("utf-8-sig")
    assert "Sprachkurs intern" in text and "Sprachkurs offen" in text
    workbook = load_workbook(io.BytesIO(client.get(reverse("offers:export_xlsx")).content))
    assert len(workbook.sheetnames) == 2
    assert workbook.worksheets[0].max_row == 3 and workbook.worksheets[1].max_row == 3
    printable = html(client, reverse("offers:print_list"))
    assert "Schreiner/in intern" in printable and "Paula Privat" in printable


def test_exports_neutralise_formulas(client, offers, partner):
    OfferFactory(
        company=offers["company"],
        occupation='=HYPERLINK("http://evil.example")',
        requirements="@SUM(A1)",
        contact_phone="+49 5221 555-1",
    )
    client.force_login(partner)
    text = client.get(reverse("offers:export_csv")).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM(A1)" in text
    assert ";+49 5221 555-1;" in text  # a real phone number stays dialable
    sheet = load_workbook(io.BytesIO(client.get(reverse("offers:export_xlsx")).content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value]
    assert all(cell.data_type == "s" for cell in cells)


def test_unified_search_finds_offers_by_visibility_and_never_personal_data(offers, partner):
    search_services.database_rebuild()
    anonymous = contract.search("Tischler", user=None)
    titles = [hit.title for hit in anonymous.hits]
    assert any("Tischler/in öffentlich" in t for t in titles)
    assert not any("Schreiner" in t for t in titles)
    assert not contract.search("Schreiner", user=None).hits
    assert contract.search("Schreiner", user=partner).hits
    assert not contract.search("Paula Privat", user=partner).hits
    assert {hit.kind for hit in contract.search("Sprachkurs", user=partner).hits} == {"measure"}
    assert not contract.search("intern Sprachkurs", user=None).hits


def test_search_page_of_the_portal_lists_offers(client, offers):
    search_services.database_rebuild()
    page = html(client, reverse("search:search"), q="Tischler")
    assert offers["public"].get_absolute_url() in page
    assert offers["partners"].get_absolute_url() not in page and "Schreiner" not in page
