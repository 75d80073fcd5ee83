"""The dates of an event: occurrences synced from the page's schedule, the feeds' stored state,
and open-ended series extended as time moves on."""

from __future__ import annotations

import hashlib

from django.db import (
    transaction,
)
from django.utils import timezone

from events.models import (
    BERLIN,
    EventCalendarState,
    EventPage,
    Occurrence,
)
from events.services.registrations import _notify, _promote_waiting


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
                (
                    o.original_start.isoformat(),
                    o.cancelled,
                    str(o.new_start),
                    str(o.new_end),
                    o.capacity,
                )
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
        capacity = override.capacity if override else None
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
                capacity=capacity,
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
            if occurrence.capacity != capacity:
                occurrence.capacity = capacity
                occurrence.save(update_fields=["capacity"])
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
