"""Search documents of the events app: one document per event page (a series is one document),
dated with its next date. Discovered by the ``search`` app (``search.registry``).

A published event is indexed by the search app's publish handler; unpublishing removes it (the
builder answers None for a page that is not live). A change to a date (cancelled, moved, new
dates of a series) refreshes the document through ``related``.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from events.models import BERLIN, EventPage, Occurrence
from search import registry
from search.pages import flatten, page_builder
from search.registry import DocumentData


def _next_occurrence(event: EventPage) -> Occurrence | None:
    return (
        event.occurrences.filter(detached=False, cancelled=False, end__gte=timezone.now())
        .order_by("start")
        .first()
    )


def _when(event: EventPage, occurrence: Occurrence | None) -> str:
    start = occurrence.start if occurrence else event.start
    local = timezone.localtime(start, BERLIN)
    with translation.override(settings.LANGUAGE_CODE):
        if event.all_day:
            return formats.date_format(local, "l, j. F Y")
        return formats.date_format(local, "l, j. F Y, H:i")


def summary(event: EventPage) -> str:
    """Kind, next date (or the rule), place – e.g. "Meeting Point · Donnerstag, 28. Januar …"."""
    occurrence = _next_occurrence(event)
    with translation.override(settings.LANGUAGE_CODE):
        parts = [str(event.get_kind_display())]
        if event.is_recurring:
            parts.append(str(event.recurrence_text()))
        parts.append(_when(event, occurrence))
        if event.cancelled:
            parts.append(str(_("cancelled")))
    place = event.place
    if place:
        parts.append(place)
    head = " · ".join(parts)
    return f"{head} – {event.teaser}" if event.teaser else head


def extra(event: EventPage, data: DocumentData) -> None:
    """Facets, date and visibility of the event; place, organiser and languages as text."""
    occurrence = _next_occurrence(event)
    data.date = timezone.localtime(occurrence.start if occurrence else event.start, BERLIN).date()
    data.visibility = event.visibility
    data.topics = [t.slug for t in event.topics.all()]
    data.audiences = [a.slug for a in event.audiences.all()]
    municipality = event.place_municipality
    data.municipalities = [municipality.slug] if municipality else []
    text = [
        event.teaser,
        flatten(event),
        event.place,
        event.organiser_label,
        event.languages,
        event.interpretation,
        str(event.get_kind_display()),
    ]
    data.text = " · ".join(t for t in text if t)


builder = page_builder(
    EventPage,
    kind="event",
    label=_("Event"),
    icon="calendar",
    summary=summary,
    extra=extra,
)
# A date that is cancelled, moved or added changes the event's document (its summary and date).
builder.related[Occurrence] = lambda occurrence: [("event", occurrence.event_id)]
registry.register(builder)
