"""Offers in a real browser (issue 8): an employer adds two offers and sees them listed; partner
staff search "Ausbildung, Herford, A2, start within 3 months" and find the right offer; a saved
search e-mails a new match – axe-clean on every page visited.

Form fields are addressed by their names (the labels are translated); the data comes from the
offers factories, so that each case has exactly one right answer and its decoys."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from portal.access import Role, Visibility
from tests.offers.factories import (
    CompanyFactory,
    OccupationalFieldFactory,
    OfferFactory,
    days,
    offers_index,
)

SEARCH = "/angebote/"


@pytest.fixture
def region(db):
    """Herford with its neighbour Enger and the far-away Vlotho, an occupational field."""
    from offers.models import MunicipalityNeighbour
    from tests.factories import MunicipalityFactory

    herford = MunicipalityFactory(name="Herford", slug="herford", sort_order=1)
    enger = MunicipalityFactory(name="Enger", slug="enger", sort_order=2)
    vlotho = MunicipalityFactory(name="Vlotho", slug="vlotho", sort_order=3)
    MunicipalityNeighbour.objects.create(municipality=herford, neighbour=enger)
    field = OccupationalFieldFactory(name="Handwerk", slug="handwerk")
    offers_index()  # the section page: the search at SEARCH
    return {"herford": herford, "enger": enger, "vlotho": vlotho, "field": field}


@pytest.fixture
def employer(region, make_user):
    from portal.accounts.models import EmployerProfile

    user = make_user(Role.EMPLOYER, email="chefin@tischlerei-test.example", first_name="Jana")
    EmployerProfile.objects.create(
        user=user, company_name="Tischlerei Test (Demo)", city="Herford", contact_person="Jana T."
    )
    return user


@pytest.fixture
def partner(make_user):
    return make_user(Role.PARTNER_STAFF, email="berater@jobcenter-test.example")


def second_browser(page, live_url):
    """Another visitor's page (own cookies), set up like the ``browser_page`` fixture's."""
    context = page.context.browser.new_context(
        base_url=live_url, locale="de-DE", bypass_csp=True, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    return context.new_page()


def submit(page):
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").last.click()


def add_offer(page, axe, region, *, kind, occupation, places, level, start, publish=False):
    page.goto("/angebote/meine-angebote/neu/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe(page)
    page.locator("select[name=kind]").select_option(kind)
    page.locator("input[name=occupation]").fill(occupation)
    page.locator("select[name=field]").select_option(str(region["field"].pk))
    page.locator("input[name=places]").fill(str(places))
    page.locator("select[name=municipality]").select_option(str(region["herford"].pk))
    page.locator("input[name=start_date]").fill(start.isoformat())
    page.locator("select[name=german_level]").select_option(level)
    page.locator("input[name=contact_person]").fill("Jana Test")
    if publish:
        page.locator("input[name=publish]").check()
    submit(page)
    page.wait_for_url(re.compile(r"/angebote/meine-angebote/$"))


def test_an_employer_adds_two_offers_and_sees_them_listed(
    browser_page, live_url, login_as, axe, region, employer
):
    page = browser_page
    login_as(page, employer)
    page.goto("/angebote/meine-angebote/")
    axe(page)
    # A wrong value first: the form answers with field errors, not with an error page.
    page.goto("/angebote/meine-angebote/neu/")
    page.locator("select[name=kind]").select_option("apprenticeship")
    page.locator("input[name=occupation]").fill("Tischler/in")
    page.locator("select[name=field]").select_option(str(region["field"].pk))
    page.locator("input[name=places]").fill("10000")
    page.locator("select[name=municipality]").select_option(str(region["herford"].pk))
    page.locator("input[name=start_date]").fill("1900-01-01")
    submit(page)
    expect(page.locator(".field--error")).to_have_count(2)
    expect(page.locator("input[name=places]")).to_have_attribute("aria-invalid", "true")
    axe(page)

    add_offer(
        page,
        axe,
        region,
        kind="apprenticeship",
        occupation="Tischler/in",
        places=2,
        level="A2",
        start=days(40),
        publish=True,
    )
    expect(page.get_by_role("main").get_by_role("status")).to_contain_text("Tischler/in")
    axe(page)
    add_offer(
        page,
        axe,
        region,
        kind="internship",
        occupation="Praktikum Möbelbau",
        places=1,
        level="A1",
        start=days(14),
    )
    cards = page.locator(".offer-list .offer-card")
    expect(cards).to_have_count(2)
    expect(page.get_by_role("heading", name="Tischler/in")).to_be_visible()
    expect(page.get_by_role("heading", name="Praktikum Möbelbau")).to_be_visible()
    axe(page)
    # The company profile and the edit form of an offer.
    page.goto("/angebote/meine-angebote/firmenprofil/")
    expect(page.locator("input[name=name]")).to_have_value("Tischlerei Test (Demo)")
    axe(page)
    page.goto("/angebote/meine-angebote/")
    card = page.locator(".offer-card", has_text="Tischler/in")
    card.locator("a[href$='/bearbeiten/']").click()
    expect(page.locator("input[name=occupation]")).to_have_value("Tischler/in")
    axe(page)

    # The published one is on the public site – without the contact person.
    anonymous = second_browser(page, live_url)
    anonymous.goto(SEARCH)
    expect(anonymous.get_by_role("link", name="Tischler/in")).to_be_visible()
    expect(anonymous.get_by_role("link", name="Praktikum Möbelbau")).to_have_count(0)
    anonymous.get_by_role("link", name="Tischler/in").click()
    expect(anonymous.get_by_role("heading", level=1)).to_have_text("Tischler/in")
    expect(anonymous.locator("main")).not_to_contain_text("Jana Test")
    axe(anonymous)
    anonymous.context.close()


@pytest.fixture
def apprenticeships(region):
    """The right answer and five decoys that each miss one of the four conditions."""
    company = CompanyFactory(name="Schreinerei Richtig", municipality=region["herford"])
    other = CompanyFactory(name="Betrieb Daneben", municipality=region["vlotho"])

    def make(occupation, **fields):
        defaults = {
            "company": company,
            "kind": "apprenticeship",
            "occupation": occupation,
            "field": region["field"],
            "municipality": region["herford"],
            "german_level": "A2",
            "start_date": days(45),
            "visibility": Visibility.PARTNERS,
        }
        defaults.update(fields)
        return OfferFactory(**defaults)

    return {
        "right": make("Tischler/in Richtig"),
        "decoys": [
            make("Tischler/in als Job", kind="job"),
            make("Tischler/in in Vlotho", company=other, municipality=region["vlotho"]),
            make("Tischler/in mit B2", german_level="B2"),
            make("Tischler/in ab nächstem Jahr", start_date=days(200)),
            make("Tischler/in abgelaufen", valid_until=days(-2)),
        ],
    }


def search_apprenticeship_herford_a2_three_months(page):
    page.locator("select[name=art]").select_option("apprenticeship")
    page.locator("select[name=gemeinde]").select_option("herford")
    page.locator("select[name=deutsch]").select_option("A2")
    page.locator("input[name=beginn]").fill("13")
    with page.expect_navigation():
        page.locator("form.offers-filter button[type=submit]").click()


def test_partner_staff_search_apprenticeship_herford_a2_within_three_months(
    browser_page, login_as, axe, partner, apprenticeships
):
    page = browser_page
    login_as(page, partner)
    page.goto(SEARCH)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe(page)
    search_apprenticeship_herford_a2_three_months(page)
    # The question is in the URL (empty fields drop out), so it can be shared and saved.
    assert parse_qs(urlsplit(page.url).query) == {
        "art": ["apprenticeship"],
        "gemeinde": ["herford"],
        "deutsch": ["A2"],
        "beginn": ["13"],
    }
    results = page.locator("section[aria-labelledby=offers-title] .offer-card")
    expect(results).to_have_count(1)
    card = results.first
    expect(card.get_by_role("heading", level=3)).to_have_text("Tischler/in Richtig")
    # What matters at a glance: place, start, German level, contact for partners.
    expect(card).to_contain_text("Herford")
    expect(card).to_contain_text(apprenticeships["right"].start_date.strftime("%d.%m.%Y"))
    expect(card).to_contain_text("A2")
    expect(card).to_contain_text("Paula Privat")
    axe(page)

    card.get_by_role("link", name="Tischler/in Richtig").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tischler/in Richtig")
    expect(page.locator("main")).to_contain_text("paula.privat@firma.example")
    axe(page)

    # The printable list for the client carries the same selection.
    page.go_back()
    page.locator(".offers-partner a[href^='/angebote/druckliste/']").click()
    expect(page.locator(".print-table tbody tr")).to_have_count(1)
    expect(page.locator(".print-table")).to_contain_text("Tischler/in Richtig")
    axe(page)


def test_a_saved_search_emails_a_new_match(
    browser_page, live_url, login_as, axe, partner, employer, region, apprenticeships
):
    page = browser_page
    login_as(page, partner)
    page.goto(SEARCH)
    search_apprenticeship_herford_a2_three_months(page)
    save = page.locator("form.offers-save")
    save.locator("input[name=name]").fill("Ausbildung Herford A2")
    with page.expect_navigation():
        save.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/angebote/suchauftraege/$"))
    expect(page.get_by_role("link", name="Ausbildung Herford A2")).to_be_visible()
    axe(page)
    assert mail.outbox == []  # what was already listed is not news

    # An employer adds a new matching offer in its own browser.
    employer_page = second_browser(page, live_url)
    login_as(employer_page, employer)
    add_offer(
        employer_page,
        axe,
        region,
        kind="apprenticeship",
        occupation="Holzmechaniker/in",
        places=1,
        level="A1",
        start=days(30),
    )
    # …and one that does not match (B2).
    add_offer(
        employer_page,
        axe,
        region,
        kind="apprenticeship",
        occupation="Technische/r Produktdesigner/in",
        places=1,
        level="B2",
        start=days(30),
    )
    employer_page.context.close()

    messages = [m for m in mail.outbox if m.to == [partner.email]]
    assert len(messages) == 1
    assert "Holzmechaniker/in" in messages[0].body
    assert "Produktdesigner" not in messages[0].body
    offer_path = re.search(r"/angebote/stelle/\d+/", messages[0].body).group(0)
    page.goto(offer_path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Holzmechaniker/in")
    axe(page)

    # The saved search can be deleted again.
    page.goto("/angebote/suchauftraege/")
    with page.expect_navigation():
        page.locator(".saved-list form button[type=submit]").click()
    expect(page.get_by_role("link", name="Ausbildung Herford A2")).to_have_count(0)
    axe(page)


def test_employer_service_statistics_and_measure_pages_are_axe_clean(
    browser_page, live_url, login_as, axe, region, make_user, apprenticeships
):
    from directory.models import OrganisationKind
    from tests.directory.factories import OrganisationFactory, partner_membership
    from tests.offers.factories import MeasureFactory

    kind, _ = OrganisationKind.objects.get_or_create(
        slug="agentur-fuer-arbeit", defaults={"name": "Agentur für Arbeit"}
    )
    service = make_user(Role.PARTNER_STAFF, email="ags@arbeitsagentur-test.example")
    partner_membership(user=service, organisation=OrganisationFactory(kind=kind))
    measure = MeasureFactory(title="Berufssprachkurs B1 → B2", municipality=region["herford"])
    page = browser_page
    login_as(page, service)
    for path in [
        "/angebote/statistik/",
        measure.get_absolute_url(),
        apprenticeships["right"].company.get_absolute_url(),
    ]:
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        axe(page)
    expect(page.locator("main")).to_contain_text("Tischler/in Richtig")
    # On a phone nothing scrolls sideways (tables scroll inside their own region).
    page.set_viewport_size({"width": 375, "height": 740})
    for path in [SEARCH, "/angebote/statistik/", apprenticeships["right"].get_absolute_url()]:
        page.goto(path)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls {overflow}px sideways at 375px"
        axe(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto("/angebote/arbeitgeberservice/neu/")
    axe(page)
    page.goto("/angebote/arbeitgeberservice/")
    axe(page)
    page.get_by_role("link", name="Schreinerei Richtig").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Schreinerei Richtig")
    axe(page)
    invite = page.locator("form[action$='/einladen/']")
    invite.locator("input[name=email]").fill("chef@schreinerei-richtig.example")
    with page.expect_navigation():
        invite.locator("button[type=submit]").click()
    axe(page)
    (message,) = [m for m in mail.outbox if m.to == ["chef@schreinerei-richtig.example"]]
    link = re.search(r"/angebote/uebernehmen/[^/\s]+/", message.body).group(0)

    # The company opens the link without an account: it is asked to log in or sign up.
    visitor = second_browser(page, live_url)
    visitor.goto(link)
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("Schreinerei Richtig")
    axe(visitor)
    assert visitor.goto(link[:-4] + "xx/").status == 404  # a tampered link
    visitor.context.close()
