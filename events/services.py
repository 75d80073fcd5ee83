"""Workflows of the events app: the schedule of dates, registration with waiting lists,
cancellation with promotion, organiser messages, reminders and retention.

Seat counting is only correct under concurrency because every workflow that changes who holds a
seat first locks the occurrence row (``select_for_update`` on PostgreSQL; on SQLite the settings
open every transaction IMMEDIATE, which takes the database write lock at BEGIN) and counts inside
the same transaction. E-mails are queued in the portal's outbox on commit, so a rolled-back
registration sends nothing and a failed delivery is retried (see ``portal.mail``).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import hashlib
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import (
    DatabaseError,
    IntegrityError,
    OperationalError,
    connection,
    models,
    transaction,
)
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from events import signals
from events.models import (
    BERLIN,
    EventCalendarState,
    EventKind,
    EventPage,
    FeedToken,
    Occurrence,
    Registration,
)
from events.selectors import registration_window_error
from portal import audit

logger = logging.getLogger("ipnetz.events")

#: Test-only switch: the negative control of the concurrency test turns the row lock off to
#: prove that its harness can see a race at all. Never change it outside tests.
LOCK_OCCURRENCE = True

#: Test-only hook called between counting seats and writing the registration; the concurrency
#: tests widen the race window with it. A no-op in production.
race_window: Callable[[], None] = lambda: None  # noqa: E731

#: How long a registration waits for the lock before it gives up with "please try again".
LOCK_TIMEOUT_SECONDS = 3


class RegistrationError(Exception):
    """A registration or cancellation that is refused; ``str(exc)`` is for the user, ``code``
    says why for programs (``already_registered``, ``past``, ``busy`` …)."""

    def __init__(self, message: str, *, code: str = "refused"):
        super().__init__(message)
        self.code = code


class RegistrationBusy(RegistrationError):
    """The lock could not be taken in time: the user should simply try again."""

    def __init__(self, message: str, *, code: str = "busy"):
        super().__init__(message, code=code)


@dataclass
class RegistrationData:
    """What a registrant enters (validated by the form)."""

    name: str = ""
    email: str = ""
    phone: str = ""
    organisation: str = ""
    attendees: int = 1
    offers: list[dict] = field(default_factory=list)
    needs_interpreter: bool = False
    needs_table: bool = False
    comment: str = ""


# --- schedule ----------------------------------------------------------------------------------


def _fingerprint(event: EventPage) -> str:
    """Everything a calendar client shows: a change of any of it raises SEQUENCE."""
    parts = [
        event.title,
        event.start.isoformat(),
        event.end.isoformat(),
        str(event.all_day),
        str(event.rrule_parts()),
        str(sorted(event.exception_dates or [])),
        event.place,
        event.online_url,
        event.teaser,
        event.description,
        str(event.live),
        str(event.cancelled),
        repr(
            sorted(
                (o.original_start.isoformat(), o.cancelled, str(o.new_start), str(o.new_end))
                for o in event.overrides.all()
            )
        ),
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def calendar_state(event: EventPage) -> EventCalendarState:
    state, _created = EventCalendarState.objects.get_or_create(event=event)
    return state


@transaction.atomic
def event_schedule_sync(*, event: EventPage, notify: bool = True) -> list[Occurrence]:
    """Bring the event's occurrences in line with its schedule after an edit or publish.

    Dates the rule produces get an occurrence; overrides cancel or move them; dates the rule no
    longer produces are detached (hidden, registrations kept). When something calendar clients
    show changed, SEQUENCE rises and registrants of affected dates are told. Raised capacity
    moves waiting registrations up.
    """
    event = EventPage.objects.select_for_update().get(pk=event.pk).specific
    state = calendar_state(event)
    fingerprint = _fingerprint(event)
    changed = bool(state.fingerprint) and state.fingerprint != fingerprint
    touched = state.fingerprint != fingerprint
    if state.fingerprint != fingerprint:
        if changed:
            state.sequence += 1
        state.fingerprint = fingerprint
        state.changed_at = timezone.now()
        state.save()

    overrides = {o.original_start: o for o in event.overrides.all()}
    # Locked like a registration locks them, so that promotions here cannot race one.
    existing = {o.original_start: o for o in event.occurrences.select_for_update()}
    # A new time of day (or a moved single event) keeps the date's registrations: match an
    # occurrence by its local day when its exact start is gone.
    by_day = {timezone.localtime(o.original_start, BERLIN).date(): o for o in existing.values()}
    starts = event.scheduled_starts()
    if not event.is_recurring and len(existing) == 1:
        by_day = {timezone.localtime(starts[0], BERLIN).date(): next(iter(existing.values()))}
    wanted = set()
    result = []
    for start in starts:
        override = overrides.get(start)
        new_start = (override.new_start if override else None) or start
        new_end = (override.new_end if override else None) or new_start + event.duration
        cancelled = bool(override and override.cancelled) or event.cancelled or not event.live
        occurrence = existing.get(start)
        rekeyed = False
        if occurrence is None:
            occurrence = by_day.get(timezone.localtime(start, BERLIN).date())
            if occurrence is not None and occurrence.original_start not in wanted:
                existing.pop(occurrence.original_start, None)
                occurrence.original_start = start
                existing[start] = occurrence
                rekeyed = True
            else:
                occurrence = None
        wanted.add(start)
        if occurrence is None:
            touched = True
            occurrence = Occurrence.objects.create(
                event=event,
                original_start=start,
                start=new_start,
                end=new_end,
                cancelled=cancelled,
                sequence=state.sequence,
            )
        else:
            moved = occurrence.start != new_start or occurrence.end != new_end
            newly_cancelled = cancelled and not occurrence.cancelled
            if (
                moved
                or rekeyed
                or newly_cancelled
                or occurrence.detached
                or occurrence.cancelled != cancelled
            ):
                touched = True
                occurrence.start, occurrence.end = new_start, new_end
                occurrence.cancelled = cancelled
                occurrence.detached = False
                occurrence.sequence = state.sequence
                occurrence.save()
                if notify and (moved or newly_cancelled) and occurrence.end > timezone.now():
                    kind = "cancelled" if newly_cancelled else "changed"
                    for reg in occurrence.registrations.active():
                        _notify(reg, kind)
            elif changed:
                occurrence.sequence = state.sequence
                occurrence.save(update_fields=["sequence"])
        result.append(occurrence)
    for start, occurrence in existing.items():
        if start not in wanted and not occurrence.detached:
            touched = True
            occurrence.detached = True
            occurrence.cancelled = True
            occurrence.sequence = state.sequence
            occurrence.save()
            if notify and occurrence.end > timezone.now():
                for reg in occurrence.registrations.active():
                    _notify(reg, "cancelled")
    for occurrence in result:
        if not occurrence.cancelled:
            _promote_waiting(occurrence)
    if touched:
        transaction.on_commit(feeds_changed)
    return result


def feeds_changed() -> None:
    """Invalidate every cached feed: the next request rebuilds it."""
    from events import ical

    ical.bump_feed_version()


# --- registration --------------------------------------------------------------------------


def _busy() -> RegistrationBusy:
    return RegistrationBusy(
        _("Many people are registering right now. Please try again in a moment.")
    )


class _locked_transaction(transaction.Atomic):  # noqa: N801 - used like transaction.atomic
    """``transaction.atomic()`` whose BEGIN may wait for the database lock.

    On SQLite the settings make every transaction IMMEDIATE: BEGIN itself waits for the write
    lock (up to the connection's ``timeout``) and fails with OperationalError when it does not
    get it. That failure means "busy", not "broken", so it becomes RegistrationBusy.
    """

    def __init__(self):
        super().__init__(using=None, savepoint=True, durable=False)

    def __enter__(self):
        try:
            return super().__enter__()
        except OperationalError as exc:
            raise _busy() from exc

    def __exit__(self, exc_type, exc_value, traceback):
        # A lock error inside the block (or at COMMIT) is "busy" as well; rolled back first.
        try:
            result = super().__exit__(exc_type, exc_value, traceback)
        except OperationalError as exc:
            raise _busy() from exc
        if exc_type is not None and issubclass(exc_type, OperationalError):
            raise _busy() from exc_value
        return result


def _signal_on_commit(signal, registration: Registration, **extra) -> None:
    """Send ``signal`` once the surrounding transaction has committed (see events.signals)."""
    pk = registration.pk

    def send():
        fresh = Registration.objects.select_related("occurrence__event").filter(pk=pk).first()
        if fresh is not None:
            signal.send(sender=Registration, registration=fresh, **extra)

    transaction.on_commit(send)


def _lock(occurrence: Occurrence) -> Occurrence:
    """Lock the occurrence row for this transaction, or raise RegistrationBusy in time."""
    try:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL lock_timeout = '{int(LOCK_TIMEOUT_SECONDS * 1000)}ms'")
        queryset = Occurrence.objects.select_related("event")
        if LOCK_OCCURRENCE:
            queryset = queryset.select_for_update(of=("self",))
        return queryset.get(pk=occurrence.pk)
    except DatabaseError as exc:  # lock_timeout on PostgreSQL, "database is locked" on SQLite
        raise _busy() from exc


def _log(registration: Registration, action: str, *, user=None) -> None:
    """Audit entry for a registration: it names the date, never the registrant (the actor is
    the account, dropped again when the registration is anonymised)."""
    audit.log(
        registration,
        action,
        user=user,
        title=str(registration.occurrence),
        data={
            "occurrence": registration.occurrence_id,
            "status": str(registration.status),
            "attendees": registration.attendees,
        },
    )


def _confirmed_seats(occurrence: Occurrence) -> int:
    total = occurrence.registrations.confirmed().aggregate(n=models.Sum("attendees"))["n"]
    return total or 0


def registration_create(
    *,
    occurrence: Occurrence,
    user,
    data: RegistrationData,
    now: datetime.datetime | None = None,
) -> Registration:
    """Register ``user`` for one date: confirmed while seats remain, else on the waiting list.

    Refuses (``RegistrationError``) a second registration of the same user, a cancelled or past
    date, and a date outside its registration window. The confirmation (with the .ics) or the
    waiting-list notice is e-mailed after commit.
    """
    now = now or timezone.now()
    try:
        with _locked_transaction():
            occurrence = _lock(occurrence)
            error = registration_window_error(occurrence, now)
            if error:
                raise RegistrationError(error, code=error.code)
            if occurrence.registrations.active().filter(user=user).exists():
                raise RegistrationError(
                    _("You are already registered for this date."), code="already_registered"
                )
            attendees = max(1, int(data.attendees or 1))
            if occurrence.event.kind != EventKind.MEETING_POINT:
                attendees = 1
            attendees = min(attendees, occurrence.event.max_attendees or 1)
            confirmed = _confirmed_seats(occurrence)
            race_window()
            seats = occurrence.event.capacity - confirmed
            status = (
                Registration.Status.CONFIRMED
                if seats >= attendees and not occurrence.registrations.waiting().exists()
                else Registration.Status.WAITING
            )
            registration = Registration.objects.create(
                occurrence=occurrence,
                user=user,
                status=status,
                created_at=now,
                name=data.name[:200],
                email=data.email,
                phone=data.phone[:40],
                organisation=data.organisation[:200],
                attendees=attendees,
                offers=data.offers,
                needs_interpreter=data.needs_interpreter,
                needs_table=data.needs_table,
                comment=data.comment[:1000],
            )
            _log(registration, "events.register", user=user)
            _notify(
                registration, "confirmed" if status == Registration.Status.CONFIRMED else "waiting"
            )
    except IntegrityError as exc:
        # The partial unique constraint caught a double submit that raced past the check.
        raise RegistrationError(
            _("You are already registered for this date."), code="already_registered"
        ) from exc
    logger.info("registration %s for occurrence %s: %s", registration.pk, occurrence.pk, status)
    _signal_on_commit(signals.registration_created, registration, status=str(status))
    return registration


def registration_cancel(*, registration: Registration, now=None) -> Registration:
    """Cancel a registration and, in the same transaction, move the first waiting ones up."""
    now = now or timezone.now()
    with _locked_transaction():
        occurrence = _lock(registration.occurrence)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return registration
        if occurrence.end < now:
            raise RegistrationError(
                _("This date is over; it can no longer be cancelled."), code="past"
            )
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        _log(registration, "events.cancel", user=registration.user)
        _notify(registration, "cancellation")
        _signal_on_commit(signals.registration_cancelled, registration)
        _promote_waiting(occurrence, now=now)
    logger.info("registration %s cancelled", registration.pk)
    return registration


def _promote_waiting(occurrence: Occurrence, *, now=None) -> list[Registration]:
    """Move waiting registrations up, first come first served, while their party fits.

    Callers hold the occurrence lock.
    """
    capacity = occurrence.event.capacity
    if capacity is None or occurrence.cancelled or occurrence.start <= (now or timezone.now()):
        return []
    seats = capacity - _confirmed_seats(occurrence)
    promoted = []
    for waiting in occurrence.registrations.waiting():
        if waiting.attendees > seats:
            break  # keep the order fair: nobody jumps the queue with a smaller party
        waiting.status = Registration.Status.CONFIRMED
        waiting.promoted_at = timezone.now()  # when it happened, under the lock
        waiting.save(update_fields=["status", "promoted_at"])
        _log(waiting, "events.promote")
        seats -= waiting.attendees
        promoted.append(waiting)
        _notify(waiting, "promoted")
        _signal_on_commit(signals.registration_promoted, waiting)
    return promoted


def registration_check_in(*, registration: Registration, checked_in: bool = True) -> None:
    """Mark a registrant as present (or undo it)."""
    Registration.objects.filter(pk=registration.pk).update(
        checked_in_at=timezone.now() if checked_in else None
    )


# --- e-mail --------------------------------------------------------------------------------


_quiet = contextvars.ContextVar("events_notifications_suppressed", default=False)


@contextlib.contextmanager
def notifications_suppressed():
    """No registrant notices inside this block (the demo loader and bulk imports set dates and
    registrations as data; nobody is to be mailed about them)."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def _notify(registration: Registration, kind: str) -> None:
    """Queue one notice to the registrant (after commit, through the outbox)."""
    if not registration.email or _quiet.get():
        return
    transaction.on_commit(lambda: _send_notice(registration.pk, kind))


def _send_notice(registration_id: int, kind: str) -> None:
    from events import notices

    registration = (
        Registration.objects.select_related("occurrence__event").filter(pk=registration_id).first()
    )
    if registration is None or registration.anonymised_at:
        return
    with override(settings.LANGUAGE_CODE):
        notices.send(registration, kind)


def registrants_message(*, occurrence: Occurrence, subject: str, body: str, sender) -> int:
    """Send the organiser's message to every active registrant of a date (confirmed and
    waiting), each with their own manage link. Returns the number of messages queued."""
    from events import notices

    registrations = list(
        occurrence.registrations.active().exclude(email="").select_related("occurrence__event")
    )
    seen: set[str] = set()
    with transaction.atomic():
        for registration in registrations:
            if registration.email.lower() in seen:
                continue
            seen.add(registration.email.lower())
            notices.send_message(registration, subject=subject, body=body, sender=sender)
    logger.info("message to %s registrants of occurrence %s", len(seen), occurrence.pk)
    return len(seen)


def reminders_send(*, now=None) -> int:
    """E-mail a reminder to confirmed registrants ``EVENT_REMINDER_DAYS`` before their date.

    Each date is claimed once (``reminder_sent_at``), so overlapping runs send nothing twice.
    Who registered or moved up inside the reminder period has just had a mail with the date
    and gets no reminder on top.
    """
    now = now or timezone.now()
    period = datetime.timedelta(days=getattr(settings, "EVENT_REMINDER_DAYS", 2))
    due = Occurrence.objects.filter(
        start__gt=now,
        start__lte=now + period,
        cancelled=False,
        detached=False,
        event__live=True,
        reminder_sent_at__isnull=True,
    )
    sent = 0
    for occurrence in due:
        with transaction.atomic():
            claimed = Occurrence.objects.filter(
                pk=occurrence.pk, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if not claimed:
                continue
            window_start = occurrence.start - period
            registrations = occurrence.registrations.confirmed().filter(created_at__lt=window_start)
            for reg in registrations:
                if reg.promoted_at and reg.promoted_at >= window_start:
                    continue
                _notify(reg, "reminder")
                sent += 1
    logger.info("reminders queued: %s", sent)
    return sent


def schedules_extend() -> int:
    """Create the dates that open-ended series reach as time goes by (run daily).

    A rule without an end is expanded ``RECURRENCE_HORIZON`` ahead when it is published; this
    keeps the horizon moving so that "every last Thursday" never runs dry. Returns the number
    of events looked at.
    """
    events = (
        EventPage.objects.live()
        .exclude(recurrence="")
        .filter(recurrence_count__isnull=True, recurrence_until__isnull=True)
    )
    count = 0
    for event in events:
        event_schedule_sync(event=event)
        count += 1
    return count


# --- retention -----------------------------------------------------------------------------


def registrations_anonymise(*, now=None) -> int:
    """Erase the personal data of registrations EVENT_REGISTRATION_RETENTION_DAYS after the date.

    Status, attendee count and offer counts stay, so that statistics remain possible.
    """
    now = now or timezone.now()
    days = getattr(settings, "EVENT_REGISTRATION_RETENTION_DAYS", 180)
    cutoff = now - datetime.timedelta(days=days)
    occurrences = Occurrence.objects.filter(end__lt=cutoff, anonymised_at__isnull=True)
    count = 0
    for occurrence in occurrences:
        with transaction.atomic():
            for reg in occurrence.registrations.filter(anonymised_at__isnull=True):
                _anonymise(reg, now)
                count += 1
            occurrence.anonymised_at = now
            occurrence.save(update_fields=["anonymised_at"])
    return count


def _anonymise(registration: Registration, now) -> None:
    registration.user = None
    registration.name = ""
    registration.email = ""
    registration.phone = ""
    registration.organisation = ""
    registration.comment = ""
    registration.offers = [
        {"kind": o.get("kind", ""), "count": o.get("count", 0)} for o in registration.offers
    ]
    registration.anonymised_at = now
    registration.save()
    audit.forget_actor(registration)


def personal_data_export(user) -> list[dict]:
    """The user's registrations as plain data (for the portal's data export)."""
    return [
        {
            "event": reg.occurrence.event.title,
            "date": reg.occurrence.start.isoformat(),
            "status": reg.status,
            "name": reg.name,
            "email": reg.email,
            "phone": reg.phone,
            "organisation": reg.organisation,
            "attendees": reg.attendees,
            "offers": reg.offers,
            "registered_at": reg.created_at.isoformat(),
        }
        for reg in Registration.objects.filter(user=user).select_related("occurrence__event")
    ]


def personal_data_erase(user) -> int:
    """Cancel the user's future registrations (moving others up) and erase all their data."""
    count = 0
    for reg in Registration.objects.filter(user=user).select_related("occurrence__event"):
        if reg.status != Registration.Status.CANCELLED and reg.occurrence.end > timezone.now():
            registration_cancel(registration=reg)
            reg.refresh_from_db()
        _anonymise(reg, timezone.now())
        count += 1
    FeedToken.objects.filter(user=user).delete()
    return count


# --- personal feed -------------------------------------------------------------------------


def feed_token_create(*, user) -> str:
    """Issue a new personal feed token (256 bits), revoking the previous one. Returns it once."""
    secret = secrets.token_urlsafe(32)
    FeedToken.objects.update_or_create(
        user=user, defaults={"secret_hash": FeedToken.hash(secret), "created_at": timezone.now()}
    )
    return f"{user.pk}-{secret}"


def feed_token_revoke(*, user) -> None:
    FeedToken.objects.filter(user=user).delete()
