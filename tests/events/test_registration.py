"""Registration: seats, waiting list, promotion, refusals, e-mails with .ics, retention."""

import datetime

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from wagtail.models import ModelLogEntry

from events.choices import EventKind
from events.models import Registration
from events.selectors import waiting_position
from events.services import (
    RegistrationData,
    RegistrationError,
    event_schedule_sync,
    registration_cancel,
    registration_create,
    registrations_anonymise,
    reminders_send,
)
from portal.access import Role
from tests.events.factories import at, make_event, occurrence_of

pytestmark = pytest.mark.django_db


def register(occurrence, user, **data):
    data.setdefault("name", user.get_full_name())
    data.setdefault("email", user.email)
    return registration_create(occurrence=occurrence, user=user, data=RegistrationData(**data))


@pytest.fixture
def employers(make_user):
    return [make_user(Role.EMPLOYER) for _ in range(4)]


def test_seats_are_confirmed_while_they_last_then_the_waiting_list_fills_in_order(employers):
    occurrence = occurrence_of(make_event(capacity=2))
    statuses = [register(occurrence, user).status for user in employers]
    assert statuses == ["confirmed", "confirmed", "waiting", "waiting"]
    third, fourth = Registration.objects.waiting()
    assert (waiting_position(third), waiting_position(fourth)) == (1, 2)


def test_a_cancellation_promotes_the_first_waiting_and_tells_them(employers, committed):
    occurrence = occurrence_of(make_event(capacity=1))
    first, second, third = (register(occurrence, user) for user in employers[:3])
    with committed():
        registration_cancel(registration=first)
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == ("confirmed", "waiting")
    assert second.promoted_at is not None
    (cancellation,) = [m for m in mail.outbox if m.to == [first.email]]
    (promotion,) = [m for m in mail.outbox if m.to == [second.email]]
    assert occurrence.event.title in cancellation.subject and not cancellation.attachments
    assert occurrence.event.title in promotion.subject
    assert promotion.attachments[0][0] == "termin.ics"
    assert not [m for m in mail.outbox if m.to == [third.email]]


def test_confirmation_mail_carries_the_date_as_ics_and_the_manage_link(employers, committed):
    occurrence = occurrence_of(make_event(title="Meeting Point Herford", capacity=5))
    with committed():
        register(occurrence, employers[0])
    (message,) = mail.outbox
    filename, content, mimetype = message.attachments[0]
    assert (filename, mimetype) == ("termin.ics", "text/calendar")
    assert "BEGIN:VEVENT" in content and "Meeting Point Herford" in content
    assert "/termine/anmeldung/" in message.body


def test_a_second_registration_of_the_same_person_is_refused(employers):
    occurrence = occurrence_of(make_event())
    register(occurrence, employers[0])
    with pytest.raises(RegistrationError) as refused:
        register(occurrence, employers[0])
    assert refused.value.code == "already_registered" and str(refused.value)


def test_after_cancelling_one_may_register_again(employers):
    occurrence = occurrence_of(make_event())
    registration_cancel(registration=register(occurrence, employers[0]))
    assert register(occurrence, employers[0]).status == "confirmed"


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"registration_opens": at(5)}, "not_open_yet"),
        ({"registration_closes": at(-1)}, "closed"),
        ({"start": at(-3)}, "past"),
        ({"cancelled": True}, "cancelled"),
        ({"capacity": None}, "no_registration"),
    ],
)
def test_registration_outside_its_window_is_refused_clearly(employers, fields, code):
    occurrence = occurrence_of(make_event(**fields))
    with pytest.raises(RegistrationError) as refused:
        register(occurrence, employers[0])
    assert refused.value.code == code and str(refused.value)
    assert not Registration.objects.exists()


def test_each_date_of_a_series_has_its_own_seats(employers):
    event = make_event(
        start=at(3, 18),
        recurrence="weekly",
        recurrence_weekdays=[at(3).isoweekday()],
        recurrence_count=2,
        capacity=1,
    )
    first_date, second_date = event.occurrences.order_by("start")
    assert register(first_date, employers[0]).status == "confirmed"
    assert register(first_date, employers[1]).status == "waiting"
    assert register(second_date, employers[1]).status == "confirmed"


def _meeting_point_series_with_a_small_date(small_seats: int = 2):
    from events.models import OccurrenceOverride

    event = make_event(
        kind=EventKind.MEETING_POINT,
        max_attendees=1,
        start=at(3, 18),
        recurrence="weekly",
        recurrence_weekdays=[at(3).isoweekday()],
        recurrence_count=2,
        capacity=10,
    )
    event.overrides.add(OccurrenceOverride(original_start=at(3, 18), capacity=small_seats))
    event.save()
    event_schedule_sync(event=event)
    return event


def test_one_date_of_a_series_can_have_fewer_seats(employers):
    event = _meeting_point_series_with_a_small_date(2)
    small, usual = event.occurrences.order_by("start")
    assert (small.seat_capacity, usual.seat_capacity) == (2, 10)
    statuses = [register(small, user).status for user in employers[:3]]
    assert statuses == ["confirmed", "confirmed", "waiting"]
    assert [register(usual, user).status for user in employers[:3]] == ["confirmed"] * 3


def test_raising_one_dates_seats_promotes_its_waiting_list(employers):
    event = _meeting_point_series_with_a_small_date(1)
    small = occurrence_of(event)
    first, second = (register(small, user) for user in employers[:2])
    assert second.status == "waiting"
    override = event.overrides.get()
    override.capacity = 3
    override.save()
    event_schedule_sync(event=event)
    second.refresh_from_db()
    assert second.status == "confirmed"


def test_meeting_point_attendees_count_as_seats_and_are_bounded(employers):
    occurrence = occurrence_of(
        make_event(kind=EventKind.MEETING_POINT, capacity=4, max_attendees=3)
    )
    assert register(occurrence, employers[0], attendees=9).attendees == 3
    assert register(occurrence, employers[1], attendees=2).status == "waiting"
    assert register(occurrence, employers[2], attendees=1).status == "waiting"  # no queue jumping


def test_cutting_capacity_removes_nobody_and_raising_it_promotes(employers):
    event = make_event(capacity=3)
    occurrence = occurrence_of(event)
    for user in employers:
        register(occurrence, user)
    event.capacity = 1
    event.save()
    event_schedule_sync(event=event)
    assert occurrence.registrations.confirmed().count() == 3
    assert occurrence_of(event).seats_left() == -2
    event.capacity = 4
    event.save()
    event_schedule_sync(event=event)
    assert occurrence.registrations.confirmed().count() == 4


def test_moving_or_cancelling_a_date_tells_registrants_with_a_higher_sequence(employers, committed):
    event = make_event(capacity=3)
    register(occurrence_of(event), employers[0])
    event.start, event.end = at(11), at(11, 12)
    event.save()
    with committed():
        event_schedule_sync(event=event)
    (changed,) = mail.outbox
    assert "SEQUENCE:1" in changed.attachments[0][1]
    event.cancelled = True
    event.save()
    with committed():
        event_schedule_sync(event=event)
    cancelled = mail.outbox[-1]
    assert "STATUS:CANCELLED" in cancelled.attachments[0][1]
    assert "SEQUENCE:2" in cancelled.attachments[0][1]


def test_reminders_go_out_once_a_configurable_number_of_days_before(employers, committed):
    occurrence = occurrence_of(make_event(start=at(2)))
    early = register(occurrence, employers[0])
    Registration.objects.filter(pk=early.pk).update(created_at=at(-20))
    register(occurrence, employers[1])  # registered inside the period: just got a mail
    with override_settings(EVENT_REMINDER_DAYS=1):
        assert reminders_send() == 0
    with override_settings(EVENT_REMINDER_DAYS=3), committed():
        assert reminders_send() == 1
        assert reminders_send() == 0
    (reminder,) = mail.outbox
    assert reminder.to == [employers[0].email]
    assert reminder.attachments[0][0] == "termin.ics"


def test_personal_data_is_anonymised_after_the_retention_period_keeping_counts(employers):
    occurrence = occurrence_of(make_event(kind=EventKind.MEETING_POINT))
    register(
        occurrence,
        employers[0],
        phone="+49 5221 123456",
        organisation="Tischlerei Beispiel GmbH",
        offers=[{"kind": "internship", "count": 2, "field": "Holz", "german_level": "A2"}],
    )
    later = occurrence.end + datetime.timedelta(days=181)
    with override_settings(EVENT_REGISTRATION_RETENTION_DAYS=180):
        assert registrations_anonymise(now=occurrence.end + datetime.timedelta(days=179)) == 0
        assert registrations_anonymise(now=later) == 1
    registration = Registration.objects.get()
    assert (registration.user, registration.name, registration.email, registration.phone) == (
        None,
        "",
        "",
        "",
    )
    assert registration.status == "confirmed" and registration.offers == [
        {"kind": "internship", "count": 2}
    ]
    assert timezone.now() < later


def test_account_deletion_cancels_future_registrations_moves_others_up_and_erases_data(employers):
    from portal import personal_data

    occurrence = occurrence_of(make_event(capacity=1))
    leaving, waiting = register(occurrence, employers[0]), register(occurrence, employers[1])
    past = occurrence_of(make_event(start=at(-30)))
    Registration.objects.create(
        occurrence=past, user=employers[0], status="confirmed", name="Alt", email="alt@x.example"
    )
    exported = personal_data.export_all(employers[0])["event_registrations"]
    assert {row["status"] for row in exported} == {"confirmed"} and len(exported) == 2
    personal_data.erase_all(employers[0])
    leaving.refresh_from_db()
    waiting.refresh_from_db()
    assert leaving.status == "cancelled" and waiting.status == "confirmed"
    assert not Registration.objects.filter(user=employers[0]).exists()
    assert not Registration.objects.filter(email=employers[0].email).exists()
    assert Registration.objects.filter(occurrence=past, anonymised_at__isnull=False).exists()


# ---- the audit trail ------------------------------------------------------------------------


def _entries(registration):
    return list(
        ModelLogEntry.objects.for_instance(registration)
        .order_by("timestamp", "pk")
        .values_list("action", "user", "data__status")
    )


def test_register_cancel_and_move_up_are_logged_with_their_actor(employers):
    occurrence = occurrence_of(make_event(capacity=1))
    first, second = (register(occurrence, user) for user in employers[:2])
    registration_cancel(registration=first)
    assert _entries(first) == [
        ("events.register", employers[0].pk, "confirmed"),
        ("events.cancel", employers[0].pk, "cancelled"),
    ]
    # Moving up is the system's doing, caused by the cancellation.
    assert _entries(second) == [
        ("events.register", employers[1].pk, "waiting"),
        ("events.promote", None, "confirmed"),
    ]
    waiting = ModelLogEntry.objects.for_instance(second).first()
    assert waiting.message in ("Von der Warteliste nachgerückt", "Moved up from the waiting list")


def test_the_log_names_the_date_never_the_registrant(employers):
    occurrence = occurrence_of(make_event(title="Meeting Point Herford", capacity=5))
    registration = register(
        occurrence, employers[0], name="Erika Beispiel", phone="+49 5221 999", comment="Geheim"
    )
    [entry] = ModelLogEntry.objects.for_instance(registration)
    assert entry.label == str(occurrence) and "Meeting Point Herford" in entry.label
    logged = f"{entry.label} {entry.data}"
    for personal in ("Erika", "Beispiel", "999", "Geheim", employers[0].email):
        assert personal not in logged


def test_anonymising_a_registration_drops_its_actor_from_the_log(employers):
    occurrence = occurrence_of(make_event())
    registration = register(occurrence, employers[0])
    with override_settings(EVENT_REGISTRATION_RETENTION_DAYS=180):
        registrations_anonymise(now=occurrence.end + datetime.timedelta(days=181))
    assert _entries(registration) == [("events.register", None, "confirmed")]
