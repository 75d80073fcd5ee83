"""Organiser tools in the Wagtail admin: capacity at a glance, overbooking, attendee lists,
formula-safe exports, the check-in list and marking, the message to all registrants, and the
editor form of event pages."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.http import QueryDict
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from events.choices import EventKind
from events.models import BERLIN, EventPage, Registration
from events.services import RegistrationData, event_schedule_sync, registration_create
from portal.access import Role
from tests.events.factories import events_index, make_event, occurrence_of

pytestmark = pytest.mark.django_db

HOSTILE = ['=HYPERLINK("http://evil.example","klick")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@pytest.fixture
def organiser(make_user, with_totp):
    return with_totp(make_user(Role.EDITOR, first_name="Erik", last_name="Redlich"))


@pytest.fixture
def meeting_point(make_user):
    """A Meeting Point with three confirmed companies, one waiting and hostile cell values."""
    event = make_event(title="Meeting Point Herford", kind=EventKind.MEETING_POINT, capacity=4)
    occurrence = occurrence_of(event)
    rows = [
        ("Jana Brinkmann", "Tischlerei Brinkmann", "+49 5221 000000", 2),
        (HOSTILE[0], HOSTILE[1], HOSTILE[2], 1),
        ("Aylin Demir", "@Pflegedienst", "=1+2", 1),
        ("Wartende Firma", "Spedition", "05221 12345", 1),
    ]
    for name, organisation, phone, attendees in rows:
        user = make_user(Role.EMPLOYER)
        registration_create(
            occurrence=occurrence,
            user=user,
            data=RegistrationData(
                name=name,
                email=user.email,
                phone=phone,
                organisation=organisation,
                attendees=attendees,
                offers=[{"kind": "job", "count": 2, "field": "-Lager", "german_level": "A2"}],
                comment=HOSTILE[3],
            ),
        )
    return event, occurrence


def test_only_organisers_reach_the_attendee_lists(client, make_user, with_totp, meeting_point):
    _event, occurrence = meeting_point
    url = reverse("events_admin:attendees", args=[occurrence.pk])
    assert client.get(url).status_code == 302  # to the login
    staff = with_totp(make_user(Role.PARTNER_STAFF))
    staff.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client.force_login(staff)
    export = reverse("events_admin:export", args=[occurrence.pk, "csv"])
    for refused in (client.get(url), client.get(export)):
        # Wagtail answers a PermissionDenied in the admin with a redirect to its dashboard.
        assert refused.status_code == 302 and refused["Location"] == "/admin/"


def test_the_date_list_shows_capacity_at_a_glance_and_overbooking(client, organiser, meeting_point):
    event, occurrence = meeting_point
    client.force_login(organiser)
    html = client.get(reverse("events_admin:occurrences")).content.decode()
    assert 'class="capacity-bar"' in html and 'style="width: 100.0%"' in html
    assert "overbooked" not in html.split("<tbody>", 1)[1].split("</tbody>")[0].replace(
        "capacity-bar__over", ""
    )
    event.capacity = 2  # cut below the four confirmed seats
    event.save()
    event_schedule_sync(event=event)
    assert occurrence.registrations.confirmed().count() == 3  # nobody removed
    html = client.get(reverse("events_admin:occurrences")).content.decode()
    assert '<strong class="overbooked">' in html
    assert 'class="capacity-bar__over" style="width: 50.0%"' in html
    page = client.get(reverse("events_admin:attendees", args=[occurrence.pk])).content.decode()
    assert 'role="alert"' in page and "capacity-bar--wide" in page
    filtered = client.get(reverse("events_admin:occurrences"), {"event": event.pk})
    assert filtered.status_code == 200 and "Meeting Point Herford" in filtered.content.decode()
    assert client.get(reverse("events_admin:occurrences"), {"event": "x"}).status_code == 200


def test_the_page_editor_links_to_the_registrations(client, organiser, meeting_point):
    event, _occurrence = meeting_point
    client.force_login(organiser)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).content.decode()
    assert reverse("events_admin:occurrences") + f"?event={event.pk}" in html


def test_csv_export_neutralises_formulas_and_keeps_phone_numbers(client, organiser, meeting_point):
    _event, occurrence = meeting_point
    client.force_login(organiser)
    response = client.get(reverse("events_admin:export", args=[occurrence.pk, "csv"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert {"private", "no-store"} <= {p.strip() for p in response["Cache-Control"].split(",")}
    assert "attachment" in response["Content-Disposition"]
    body = response.content
    assert body.startswith("\ufeff".encode())  # Excel reads the encoding
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    cells = [cell for row in rows[1:] for cell in row]
    for cell in cells:
        if cell and cell[0] in "=+-@\t\r" and cell not in ("+49 5221 000000",):
            pytest.fail(f"formula trigger survived: {cell!r}")
    assert "+49 5221 000000" in cells  # a real phone number stays as it is
    assert '\'=HYPERLINK("http://evil.example","klick")' in cells
    assert "'+1+1" in cells and "'-2+3" in cells and "'=1+2" in cells  # phone column too
    assert "'@Pflegedienst" in cells and "'@SUM(A1)" in cells
    assert [row[0] for row in rows[1:]].count(rows[-1][0]) == 1  # the waiting one last


def test_xlsx_export_stores_no_cell_as_a_formula(client, organiser, meeting_point):
    _event, occurrence = meeting_point
    client.force_login(organiser)
    response = client.get(reverse("events_admin:export", args=[occurrence.pk, "xlsx"]))
    content = response.content
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet
    workbook = load_workbook(io.BytesIO(content))
    values = [cell for row in workbook.active.iter_rows() for cell in row]
    assert not [c for c in values if c.data_type == "f"]
    texts = {c.value for c in values}
    assert HOSTILE[0] in texts and "+49 5221 000000" in texts and "=1+2" in texts
    assert 2 in texts  # attendee counts stay numbers


def test_the_check_in_list_prints_and_marking_present_works(client, organiser, meeting_point):
    _event, occurrence = meeting_point
    client.force_login(organiser)
    printable = client.get(reverse("events_admin:checkin_list", args=[occurrence.pk]))
    html = printable.content.decode()
    assert printable.status_code == 200 and "@media print" in html
    assert html.count("<tr>") == 1 + occurrence.registrations.confirmed().count()
    registration = occurrence.registrations.confirmed().first()
    url = reverse("events_admin:check_in", args=[occurrence.pk, registration.pk])
    assert client.get(url).status_code == 405
    assert client.post(url, {"checked_in": "1"}).status_code == 302
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    client.post(url, {"checked_in": "0"})
    registration.refresh_from_db()
    assert registration.checked_in_at is None
    other = make_event()
    wrong = reverse("events_admin:check_in", args=[occurrence_of(other).pk, registration.pk])
    assert client.post(wrong, {"checked_in": "1"}).status_code == 404


def test_the_message_reaches_every_registrant_with_their_own_manage_link(
    client, organiser, meeting_point, django_capture_on_commit_callbacks
):
    _event, occurrence = meeting_point
    client.force_login(organiser)
    url = reverse("events_admin:message", args=[occurrence.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"subject": "Aufbau ab 15 Uhr", "body": "Bitte früh kommen."})
    assert response.status_code == 302
    active = list(occurrence.registrations.active())
    assert len(mail.outbox) == len(active) == 4  # waiting ones are told too
    links = set()
    for message in mail.outbox:
        assert message.subject == "Aufbau ab 15 Uhr" and "Bitte früh kommen." in message.body
        assert message.reply_to == [organiser.email]
        links.add(next(line for line in message.body.splitlines() if "/anmeldung/" in line))
    assert len(links) == 4
    assert client.post(url, {"subject": "", "body": ""}).status_code == 302
    assert len(mail.outbox) == 4


# --- the editor form ---------------------------------------------------------------------


def _data(**changes) -> QueryDict:
    """The editor's POST data: flat form fields, weekdays as repeated check boxes."""
    weekdays = changes.pop("recurrence_weekdays", ["4"])
    start = changes.pop("start", datetime.datetime(2031, 1, 30, 18, tzinfo=BERLIN))
    data = {
        "title": "Meeting Point Herford",
        "slug": "meeting-point-herford",
        "kind": "meeting_point",
        "teaser": "",
        "description": rich_text(""),
        "start": start.strftime("%Y-%m-%d %H:%M"),
        "end": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
        "recurrence": "monthly",
        "recurrence_week": "-1",
        "recurrence_count": "6",
        "exception_dates": "",
        "overrides": inline_formset([]),
        "mode": "on_site",
        "address": "Hansastraße 33, 32049 Herford",
        "languages": "Deutsch",
        "visibility": "public",
        "capacity": "12",
        "max_attendees": "3",
        "comment_notifications": "",
    }
    data.update(changes)
    query = QueryDict(mutable=True)
    for key, value in nested_form_data(data).items():
        query[key] = value
    query.setlist("recurrence_weekdays", weekdays)
    return query


def _form(event_or_none, **changes):
    form_class = EventPage.get_edit_handler().get_form_class()
    return form_class(
        _data(**changes),
        instance=event_or_none or EventPage(),
        parent_page=events_index(),
        for_user=None,
    )


def test_the_editor_form_takes_weekdays_as_boxes_and_dates_one_per_line(db):
    form = _form(None, exception_dates="24.04.2031\n2031-05-29, 24.04.2031")
    assert form.is_valid(), form.errors
    page = form.save(commit=False)
    assert page.recurrence_weekdays == [4]
    assert page.exception_dates == ["2031-04-24", "2031-05-29"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"exception_dates": "Ostern"}, "exception_dates"),
        ({"recurrence_weekdays": ["4", "3"]}, "recurrence_weekdays"),
        ({"start": datetime.datetime(2031, 1, 29, 18, tzinfo=BERLIN)}, "start"),
        ({"capacity": "zwölf"}, "capacity"),
        ({"max_attendees": "-1"}, "max_attendees"),
    ],
)
def test_the_editor_form_refuses_bad_schedules_and_numbers_with_field_errors(db, changes, field):
    form = _form(None, **changes)
    assert not form.is_valid()
    assert field in form.errors


def test_an_override_must_name_a_date_the_rule_produces(db):
    def override(when):
        return {
            "original_start": when.strftime("%Y-%m-%d %H:%M"),
            "cancelled": "on",
            "new_start": "",
            "new_end": "",
            "note": "",
        }

    wrong = _form(None, overrides=inline_formset([override(datetime.datetime(2031, 2, 20, 18))]))
    assert not wrong.is_valid()
    assert "original_start" in wrong.formsets["overrides"].forms[0].errors
    # The right day at another time is taken to mean the rule's date that day.
    day = _form(None, overrides=inline_formset([override(datetime.datetime(2031, 2, 27, 9))]))
    assert day.is_valid(), (day.errors, day.formsets["overrides"].errors)
    assert day.formsets["overrides"].forms[0].instance.original_start == datetime.datetime(
        2031, 2, 27, 18, tzinfo=BERLIN
    )


def test_an_administrator_publishes_an_event_in_the_admin_and_its_dates_appear(
    client, make_user, with_totp
):
    index = events_index()
    client.force_login(with_totp(make_user(Role.ADMINISTRATOR, is_superuser=True, is_staff=True)))
    url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", index.pk])
    data = _data()
    data["action-publish"] = "publish"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = EventPage.objects.get(slug="meeting-point-herford")
    assert event.live and event.occurrences.count() == 6
    assert [o.start.date() for o in event.occurrences.order_by("start")][:2] == [
        datetime.date(2031, 1, 30),
        datetime.date(2031, 2, 27),
    ]
    assert Registration.objects.count() == 0
