"""Workflows of the events app: the schedule of dates, registration with waiting lists,
cancellation with promotion, organiser messages, reminders and retention.

Seat counting is only correct under concurrency because every workflow that changes who holds a
seat first locks the occurrence row (``select_for_update`` on PostgreSQL; on SQLite the settings
open every transaction IMMEDIATE, which takes the database write lock at BEGIN) and counts inside
the same transaction. E-mails are queued in the portal's outbox on commit, so a rolled-back
registration sends nothing and a failed delivery is retried (see ``portal.mail``)."""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import logging
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
from events.choices import EventKind
from events.models import Occurrence, Registration
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
            seats = occurrence.seat_capacity - confirmed
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
    capacity = occurrence.seat_capacity
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
