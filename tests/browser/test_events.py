"""Events in a real browser: an employer signs up, confirms the e-mail address, registers the
company for a Meeting Point with two offers, gets the confirmation with the date as .ics,
downloads it, cancels through the manage link – and the first company on the waiting list moves
up and is told. The index's filters and the month calendar. Every page visited is axe-clean.

Mail is real: notices go through the portal's outbox, whose task the immediate backend runs after
commit in the live server's thread; they land in ``django.core.mail.outbox``."""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlsplit

from playwright.sync_api import expect

from events.choices import EventKind
from events.models import Registration
from events.selectors import registration_from_token
from events.services import RegistrationData, registration_create
from portal.access import Role
from tests.browser.conftest import mails_to
from tests.events.factories import at, events_index, make_event, occurrence_of
from tests.factories import MunicipalityFactory, TopicFactory

PASSWORD = "ein-langes-Passwort-2026"
EMAIL = "chefin@moebelwerk-else.example"


def _submit(page, form) -> None:
    with page.expect_navigation():
        form.locator("button[type=submit]").first.click()


def _sign_up_and_confirm(page, axe) -> None:
    page.goto("/konto/registrieren/")
    axe(page)
    form = page.locator("form:has(input[name=password1])")
    form.locator("input[name=email]").fill(EMAIL)
    form.locator("input[name=first_name]").fill("Petra")
    form.locator("input[name=last_name]").fill("Wiebe")
    form.locator("input[name=password1]").fill(PASSWORD)
    form.locator("input[name=password2]").fill(PASSWORD)
    form.locator(f"input[name=kind][value='{Role.EMPLOYER.value}']").check()
    _submit(page, form)
    assert urlsplit(page.url).path == "/konto/email/bestaetigung-gesendet/"
    axe(page)
    (confirmation,) = mails_to(EMAIL)
    link = re.search(r"https?://[^/\s]+(/konto/email/bestaetigen/\S+/)", confirmation.body)
    assert link, confirmation.body
    page.goto(link.group(1))
    axe(page)
    _submit(page, page.get_by_role("main").locator("form"))
    axe(page)


def _log_in(page, axe, *, next_url: str) -> None:
    page.goto(f"/konto/anmelden/?next={next_url}")
    axe(page)
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=login]").fill(EMAIL)
    form.locator("input[name=password]").fill(PASSWORD)
    _submit(page, form)
    assert urlsplit(page.url).path == next_url, page.url


def test_an_employer_signs_up_registers_with_offers_cancels_and_the_next_company_moves_up(
    browser_page, axe, make_user, tmp_path
):
    event = make_event(
        title="Meeting Point Herford – Handwerk",
        kind=EventKind.MEETING_POINT,
        capacity=2,
        max_attendees=2,
        start=at(14, 16),
        end=at(14, 19),
        address="Agentur für Arbeit Herford, Hansastraße 33, 32049 Herford",
    )
    occurrence = occurrence_of(event)
    page = browser_page

    _sign_up_and_confirm(page, axe)
    _log_in(page, axe, next_url=event.url)
    axe(page)

    # The event page: seats left, a register button for this date.
    row = page.locator(f"#date-{occurrence.pk}")
    expect(row).to_contain_text("2")
    with page.expect_navigation():
        row.locator("a.button").click()
    assert urlsplit(page.url).path == f"/termine/anmelden/{occurrence.pk}/"
    axe(page)

    form = page.get_by_role("main").locator("form")
    expect(form.locator("input[name=email]")).to_have_value(EMAIL)  # prefilled
    expect(form.locator("input[name=name]")).to_have_value("Petra Wiebe")
    form.locator("input[name=organisation]").fill("Möbelwerk Else GmbH")
    form.locator("input[name=phone]").fill("+49 5223 555-100")
    form.locator("input[name=attendees]").fill("2")
    form.locator("select[name=offer_0_kind]").select_option("apprenticeship")
    form.locator("input[name=offer_0_count]").fill("2")
    form.locator("input[name=offer_0_field]").fill("Holzmechaniker/in")
    form.locator("select[name=offer_0_german]").select_option("B1")
    form.locator("select[name=offer_1_kind]").select_option("internship")
    form.locator("input[name=offer_1_count]").fill("1")
    form.locator("input[name=offer_1_field]").fill("Lager und Versand")
    form.locator("input[name=needs_table]").check()
    _submit(page, form)
    assert urlsplit(page.url).path.startswith("/termine/anmeldung/")
    manage_url = urlsplit(page.url).path
    expect(page.locator("#registration-status")).to_be_visible()
    axe(page)

    registration = Registration.objects.get(email=EMAIL)
    assert registration.status == "confirmed" and registration.attendees == 2
    assert [o["kind"] for o in registration.offers] == ["apprenticeship", "internship"]
    assert registration.organisation == "Möbelwerk Else GmbH" and registration.needs_table

    # The confirmation mail carries the date as .ics and the manage link.
    (confirmation,) = mails_to(EMAIL, at_least=2)[1:]
    filename, content, mimetype = confirmation.attachments[0]
    assert (filename, mimetype) == ("termin.ics", "text/calendar")
    assert "BEGIN:VEVENT" in content and "Meeting Point Herford" in content
    # (Its token is signed when the mail is written, so its timestamp may differ from the
    # redirect's by a second: both must lead to this registration.)
    mailed = re.search(r"/termine/anmeldung/([^/\s]+)/", confirmation.body)
    assert mailed and registration_from_token(mailed.group(1)) == registration
    assert registration_from_token(manage_url.rstrip("/").rsplit("/", 1)[1]) == registration

    # Download the date from the manage page.
    with page.expect_download() as download_info:
        page.locator(f"a[href='{manage_url}termin.ics']").click()
    path = tmp_path / "termin.ics"
    download_info.value.save_as(path)
    ics = path.read_bytes()
    assert ics.startswith(b"BEGIN:VCALENDAR\r\n") and b"Meeting Point Herford" in ics
    assert b"TZID=Europe/Berlin" in ics

    # The date is full now: the next company goes on the waiting list.
    waiting_user = make_user(Role.EMPLOYER, email="personal@spedition-ravensberg.example")
    waiting = registration_create(
        occurrence=occurrence,
        user=waiting_user,
        data=RegistrationData(
            name="Frank Niemeyer", email=waiting_user.email, organisation="Spedition Ravensberg"
        ),
    )
    assert waiting.status == "waiting"

    page.goto("/termine/meine-anmeldungen/")
    expect(page.get_by_role("main")).to_contain_text("Meeting Point Herford")
    axe(page)

    # Cancel through the manage link, without being logged in.
    page.context.clear_cookies()
    page.goto(manage_url)
    axe(page)
    _submit(page, page.get_by_role("main").locator("form"))
    assert urlsplit(page.url).path == manage_url
    expect(page.get_by_role("main").locator("form")).to_have_count(0)  # nothing left to cancel
    axe(page)

    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert registration.status == "cancelled"
    assert waiting.status == "confirmed" and waiting.promoted_at is not None
    (cancelled_mail,) = mails_to(EMAIL, at_least=3)[2:]
    assert "Meeting Point Herford" in cancelled_mail.subject
    (promotion,) = mails_to(waiting_user.email, at_least=2)[1:]
    assert "Meeting Point Herford" in promotion.subject
    assert promotion.attachments[0][0] == "termin.ics"


def test_the_index_filters_and_the_month_calendar(browser_page, axe):
    herford = MunicipalityFactory(name="Herford", slug="herford")
    buende = MunicipalityFactory(name="Bünde", slug="buende")
    topic = TopicFactory(name="Ausbildung", slug="ausbildung")
    in_five = at(5, 10)
    next_month = (in_five.replace(day=1) + datetime.timedelta(days=40)).replace(day=3, hour=14)
    make_event(
        title="Meeting Point Herford",
        kind=EventKind.MEETING_POINT,
        municipality=herford,
        start=in_five,
        topics=[topic],
    )
    make_event(title="Schulung Duldung", kind=EventKind.TRAINING, municipality=buende, start=at(6))
    make_event(title="Infoabend im nächsten Monat", start=next_month, municipality=herford)
    make_event(title="Rückblick", start=at(-10))
    page = browser_page

    page.goto(events_index().url)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("link[rel=alternate][type='text/calendar']")).to_have_count(1)
    main = page.get_by_role("main")
    for title in ("Meeting Point Herford", "Schulung Duldung", "Infoabend im nächsten Monat"):
        expect(main.get_by_role("link", name=title)).to_be_visible()
    expect(main.get_by_role("link", name="Rückblick")).to_have_count(0)
    axe(page)

    filters = page.locator("form.event-filters")
    filters.locator("select[name=kind]").select_option("meeting_point")
    filters.locator("select[name=municipality]").select_option("herford")
    _submit(page, filters)
    expect(main.get_by_role("link", name="Meeting Point Herford")).to_be_visible()
    expect(main.get_by_role("link", name="Schulung Duldung")).to_have_count(0)
    # The subscribe link carries the same filters.
    webcal = page.locator("a[href^='webcal://']").get_attribute("href")
    assert "kind=meeting_point" in webcal and "municipality=herford" in webcal
    axe(page)

    filters = page.locator("form.event-filters")
    filters.locator("select[name=kind]").select_option("")
    filters.locator("select[name=topic]").select_option("ausbildung")
    filters.locator("select[name=municipality]").select_option("")
    _submit(page, filters)
    expect(main.get_by_role("link", name="Meeting Point Herford")).to_be_visible()
    expect(main.get_by_role("link", name="Infoabend im nächsten Monat")).to_have_count(0)

    # The month calendar: a real grid, Monday first, the event in its day's cell.
    page.goto(f"{events_index().url}?view=calendar&month={in_five:%Y-%m}")
    grid = page.locator("table.month-calendar")
    expect(grid).to_be_visible()
    expect(grid.locator("thead th")).to_have_count(7)
    weeks = grid.locator("tbody tr")
    assert 4 <= weeks.count() <= 6
    for week in range(weeks.count()):
        expect(weeks.nth(week).locator("td")).to_have_count(7)
    cell = grid.locator("td", has=page.get_by_role("link", name=re.compile("Meeting Point")))
    expect(cell).to_have_count(1)
    expect(cell.locator(".day-number")).to_contain_text(f"{in_five.day}.")
    box = grid.bounding_box()
    first, last = (
        grid.locator("tbody tr").first.locator("td").first,
        grid.locator("tbody tr").first.locator("td").last,
    )
    assert first.bounding_box()["y"] == last.bounding_box()["y"]  # a row, not a list
    assert box["width"] > 600
    axe(page)

    # Next month: the other event.
    with page.expect_navigation():
        page.locator(".month-nav a").last.click()
    expect(page.locator("table.month-calendar")).to_contain_text("Infoabend im nächsten Monat")
    axe(page)

    page.goto(f"{events_index().url}?view=archive")
    expect(page.get_by_role("main").get_by_role("link", name="Rückblick")).to_be_visible()
    axe(page)

    # An unknown filter value is a notice, not an error page.
    page.goto(f"{events_index().url}?kind=party&month=2027-13")
    expect(page.get_by_role("main").locator("[role=alert]")).to_be_visible()
    axe(page)


def test_every_demo_event_page_is_axe_clean_for_visitors_and_partner_staff(
    demo_site, browser_page, axe, login_as
):
    from django.contrib.auth import get_user_model

    from events.models import EventPage

    page = browser_page
    public = list(EventPage.objects.live().filter(visibility="public"))
    assert len(public) >= 10
    for event in public:
        assert page.goto(event.url).status == 200, event.url
        axe(page)
    login_as(page, get_user_model().objects.get(email="s.yilmaz@jobcenter-herford.example"))
    for event in EventPage.objects.live().exclude(visibility="public"):
        assert page.goto(event.url).status == 200, event.url
        axe(page)
    training = EventPage.objects.get(slug="schulung-beschaeftigungsduldung-ausbildungsduldung")
    page.goto(training.url)
    expect(page.get_by_role("main")).to_contain_text("Warteliste")  # she waits, first in line
    page.goto("/termine/meine-anmeldungen/")
    expect(page.get_by_role("main").get_by_role("table")).to_be_visible()
    axe(page)
