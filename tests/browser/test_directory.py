"""The directory in a real browser (issue 3): the "Wer ist zuständig?" finder for partner staff
with the vCard download, what an anonymous visitor sees of an organisation, and the index
filters – axe-clean on every page visited.

The demo region is the data: the Ausländerbehörde Kreis Herford splits Duldung cases by surname
(A–K Petra Kamphenkel, L–Z Miriam Lohmeyer, deputy Tobias Nolting – all partners only) for every
municipality except the city of Herford, which has its own office. Form fields are addressed by
their names (the labels are translated), people and places by their German demo data."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from portal.access import Visibility
from portal.demo import DEMO_PASSWORD
from tests.browser.conftest import log_in_with_form

PARTNER_EMAIL = "s.yilmaz@jobcenter-herford.example"  # demo partner staff (Jobcenter)
ABH = "abh-kreis"
FINDER = "/verzeichnis/wer-ist-zustaendig/"
#: Beschäftigungserlaubnis with a Duldung, living in Bünde, surname with M: the L–Z desk.
QUESTION = {
    "topic": "aufenthalt-beschaeftigung",
    "status": "duldung",
    "municipality": "buende",
    "surname": "Meier",
}


@pytest.fixture
def abh_partners_only_people(demo_site):
    """Name, phone and e-mail of every partners-only contact of the Ausländerbehörde."""
    from directory.models import ContactPerson

    people = list(
        ContactPerson.objects.filter(
            organisation__slug=ABH, visibility=Visibility.PARTNERS, is_active=True
        ).values("pk", "family_name", "phone", "email")
    )
    assert len(people) >= 5  # the five named case workers and the partners-only colleague
    return people


def _ask_the_finder(page, *, topic: str, status: str, municipality: str, surname: str = ""):
    """Fill in and send the finder's form; the response of the answer page."""
    page.locator("select[name=thema]").select_option(topic)
    page.locator("select[name=status]").select_option(status)
    page.locator("select[name=gemeinde]").select_option(municipality)
    page.locator("input[name=nachname]").fill(surname)
    with page.expect_navigation() as navigation:
        page.locator("input[name=nachname]").press("Enter")
    return navigation.value


def test_partner_staff_asks_the_finder_and_saves_the_vcard(demo_site, browser_page, axe):
    page = browser_page
    page.goto(f"/konto/anmelden/?next={FINDER}")
    axe(page)
    log_in_with_form(page, email=PARTNER_EMAIL, password=DEMO_PASSWORD)
    page.wait_for_url(re.compile(re.escape(FINDER) + "$"))
    axe(page)

    response = _ask_the_finder(page, **QUESTION)
    # Partners-only data: no shared cache may keep the answer.
    assert "private" in response.headers["cache-control"]
    # The question is in the URL, so the answer can be shared.
    query = parse_qs(urlsplit(page.url).query)
    assert query == {
        "thema": ["aufenthalt-beschaeftigung"],
        "status": ["duldung"],
        "gemeinde": ["buende"],
        "nachname": ["Meier"],
    }
    answers = page.locator(".finder-result .finder-answer")
    expect(answers).to_have_count(1)
    answer = answers.first
    expect(answer.get_by_role("heading", level=3)).to_have_text("Ausländerbehörde Kreis Herford")
    responsible = answer.locator("> p > strong").first
    expect(responsible).to_have_text(re.compile(r"Miriam Lohmeyer"))
    expect(answer).to_contain_text("Sachbearbeitung Duldung L–Z")
    expect(answer.locator("a[href='tel:+495221555-701']")).to_be_visible()
    expect(answer.locator("a[href='mailto:lohmeyer@abh-kreis.example']")).to_be_visible()
    deputy = answer.locator(".deputy")
    expect(deputy).to_contain_text("Tobias Nolting")
    expect(deputy.locator("a[href='mailto:nolting@abh-kreis.example']")).to_be_visible()
    # The A–K colleague is not the answer for "Meier".
    expect(page.locator(".finder-result")).not_to_contain_text("Kamphenkel")
    expect(answer.locator("table.hours")).to_be_visible()
    axe(page)

    with page.expect_download() as download_info:
        answer.locator("a[download]", has_text="Miriam Lohmeyer").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".vcf")
    card = Path(download.path()).read_bytes().decode("utf-8")
    assert card.startswith("BEGIN:VCARD\r\n")
    assert card.rstrip().endswith("END:VCARD")
    assert re.search(r"^FN:.*Miriam Lohmeyer\r$", card, re.MULTILINE), card
    assert "lohmeyer@abh-kreis.example" in card
    assert "Ausländerbehörde Kreis Herford" in card
    assert "Nolting" not in card  # one person's card, not the office's


def test_anonymous_visitor_sees_the_organisation_but_none_of_its_partners_only_people(
    demo_site, browser_page, axe, abh_partners_only_people
):
    page = browser_page
    response = page.goto(f"/verzeichnis/organisation/{ABH}/")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ausländerbehörde Kreis Herford")
    main = page.get_by_role("main")
    # Organisation, location, opening hours and the public general contact are there …
    expect(main.locator("address").first).to_be_visible()
    expect(main.locator("table.hours").first).to_be_visible()
    expect(main.locator(".contact-grid > *")).to_have_count(1)
    # … none of the partners-only people: names, direct numbers, addresses.
    text = main.inner_text()
    html = main.inner_html()
    for person in abh_partners_only_people:
        assert person["family_name"] not in text
        assert person["email"] not in html
        assert person["phone"].replace(" ", "") not in html.replace(" ", "")
    expect(main.locator(".hidden-person").first).to_be_visible()
    axe(page)

    # The office's vCard carries no partners-only person either.
    with page.expect_download() as download_info:
        main.locator(f"a[href='/verzeichnis/organisation/{ABH}/vcard/']").click()
    card = Path(download_info.value.path()).read_bytes().decode("utf-8")
    assert card.count("BEGIN:VCARD") == 2  # the office and its public contact
    for person in abh_partners_only_people:
        assert person["family_name"] not in card
        # A partners-only person's own vCard does not exist for the public.
        vcard = page.request.get(f"/verzeichnis/kontakt/{person['pk']}/vcard/")
        assert vcard.status == 404

    # The finder names the office and says that a named person is shown to partners.
    page.goto(FINDER)
    axe(page)
    _ask_the_finder(page, **QUESTION)
    answer = page.locator(".finder-result .finder-answer")
    expect(answer).to_have_count(1)
    expect(answer).to_contain_text("Ausländerbehörde Kreis Herford")
    expect(answer.locator(".hidden-person").first).to_be_visible()
    result_text = page.locator(".finder-result").inner_text()
    for person in abh_partners_only_people:
        assert person["family_name"] not in result_text
    axe(page)


def test_directory_index_filters_by_kind_municipality_topic_and_text(demo_site, browser_page, axe):
    page = browser_page
    page.goto("/verzeichnis/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Verzeichnis")
    axe(page)
    cards = page.locator(".directory-list > li")
    total = int(re.search(r"\d+", page.locator("#results-title").inner_text()).group())
    assert total >= 25

    def apply(**values):
        form = page.locator("form:has(select[name=art])")
        for name, value in values.items():
            field = form.locator(f"[name={name}]")
            if name == "q":
                field.fill(value)
            else:
                field.select_option(value)
        with page.expect_navigation():
            form.locator("button[type=submit]").click()
        axe(page)

    apply(art="auslaenderbehoerde")
    expect(cards).to_have_count(2)  # the Kreis's office and the city of Herford's
    expect(cards.first).to_contain_text("Ausländerbehörde")

    apply(art="", gemeinde="buende")
    titles = cards.locator("h3").all_inner_texts()
    assert titles and len(titles) < total
    assert any("Bünde" in title for title in titles), titles

    apply(gemeinde="", thema="sprachfoerderung")
    titles = cards.locator("h3").all_inner_texts()
    assert any("Volkshochschule" in title or "BAMF" in title for title in titles), titles

    apply(thema="", q="Jobcenter")
    titles = cards.locator("h3").all_inner_texts()
    assert titles and all("Jobcenter" in title for title in titles), titles
    # The filter is in the URL, and the form shows what is chosen.
    assert parse_qs(urlsplit(page.url).query)["q"] == ["Jobcenter"]
    expect(page.locator("form:has(select[name=art]) input[name=q]")).to_have_value("Jobcenter")

    # Nothing matches: a helpful answer with a way back, never an empty page.
    apply(q="Zzyzx-gibt-es-nicht")
    expect(cards).to_have_count(0)
    show_all = page.get_by_role("main").locator("a[href='/verzeichnis/']")
    expect(show_all).to_be_visible()
    with page.expect_navigation():
        show_all.click()
    expect(page.locator("#results-title")).to_contain_text(str(total))
