"""Organiser tools in the Wagtail admin: dates with capacity at a glance, attendee lists,
exports, a printable check-in list, check-in marking and a message to all registrants."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events import exports, services
from events.forms import MessageForm
from events.models import EventPage, Occurrence, Registration
from portal import tables
from portal.access import Role, has_role
from portal.guards import PERSONAL, requires


def is_organiser(user) -> bool:
    """Editors, moderators and administrators (or anyone granted the model permission)."""
    return has_role(user, Role.EDITOR, Role.MODERATOR, Role.ADMINISTRATOR) or user.has_perm(
        "events.view_registration"
    )


#: The organiser's views show registrants' personal data: never stored by a cache.
organiser_required = requires(is_organiser, cache=PERSONAL)


def _occurrence(request, occurrence_id: int) -> Occurrence:
    return get_object_or_404(Occurrence.objects.select_related("event"), pk=occurrence_id)


def capacity_bar(capacity: int | None, confirmed: int, waiting: int) -> dict | None:
    """Widths (per cent) for the capacity bar: seats taken, and the part beyond capacity."""
    if capacity is None:
        return None
    scale = max(capacity, confirmed, 1)
    over = max(0, confirmed - capacity)
    if over:
        label = _(
            "%(confirmed)s of %(capacity)s seats taken – overbooked by %(over)s; "
            "%(waiting)s on the waiting list"
        ) % {"confirmed": confirmed, "capacity": capacity, "over": over, "waiting": waiting}
    else:
        label = _(
            "%(confirmed)s of %(capacity)s seats taken, %(free)s free; "
            "%(waiting)s on the waiting list"
        ) % {
            "confirmed": confirmed,
            "capacity": capacity,
            "free": capacity - confirmed,
            "waiting": waiting,
        }
    return {
        "taken": round(100 * min(confirmed, capacity) / scale, 1),
        "over": round(100 * over / scale, 1),
        "label": label,
    }


@requires(is_organiser)
def occurrence_list(request):
    """Upcoming (and the last fortnight's) dates with seats, waiting list and overbooking."""
    since = timezone.now() - datetime.timedelta(days=14)
    queryset = Occurrence.objects.filter(end__gte=since, detached=False)
    event = None
    event_id = request.GET.get("event", "")
    if event_id.isdigit():
        event = EventPage.objects.filter(pk=int(event_id)).first()
        if event is not None:
            # One event: all its dates, the past ones included.
            queryset = Occurrence.objects.filter(event=event, detached=False)
    occurrences = list(queryset.select_related("event").with_counts().order_by("start")[:200])
    for occurrence in occurrences:
        capacity = occurrence.seat_capacity
        occurrence.overbooked = (
            max(0, occurrence.confirmed_seats - capacity) if capacity is not None else 0
        )
        occurrence.bar = capacity_bar(
            capacity, occurrence.confirmed_seats, occurrence.waiting_count
        )
    return TemplateResponse(
        request,
        "events/admin/occurrence_list.html",
        {"occurrences": occurrences, "event": event},
    )


@organiser_required
def attendees(request, occurrence_id: int):
    occurrence = _occurrence(request, occurrence_id)
    registrations = list(occurrence.registrations.order_by("created_at", "pk"))
    confirmed = sum(r.attendees for r in registrations if r.status == Registration.Status.CONFIRMED)
    capacity = occurrence.seat_capacity
    context = {
        "occurrence": occurrence,
        "event": occurrence.event,
        "confirmed": [r for r in registrations if r.status == Registration.Status.CONFIRMED],
        "waiting": [r for r in registrations if r.status == Registration.Status.WAITING],
        "cancelled": [r for r in registrations if r.status == Registration.Status.CANCELLED],
        "confirmed_seats": confirmed,
        "capacity": capacity,
        "overbooked": max(0, confirmed - capacity) if capacity is not None else 0,
        "bar": capacity_bar(
            capacity,
            confirmed,
            sum(1 for r in registrations if r.status == Registration.Status.WAITING),
        ),
        "message_form": MessageForm(),
    }
    return TemplateResponse(request, "events/admin/attendees.html", context)


@organiser_required
def checkin_list(request, occurrence_id: int):
    """A printable list of confirmed attendees with a box to tick."""
    occurrence = _occurrence(request, occurrence_id)
    return TemplateResponse(
        request,
        "events/admin/checkin_list.html",
        {
            "occurrence": occurrence,
            "event": occurrence.event,
            "registrations": occurrence.registrations.confirmed().order_by("organisation", "name"),
        },
    )


@organiser_required
@require_POST
def check_in(request, occurrence_id: int, registration_id: int):
    occurrence = _occurrence(request, occurrence_id)
    registration = get_object_or_404(Registration, pk=registration_id, occurrence=occurrence)
    services.registration_check_in(
        registration=registration, checked_in=request.POST.get("checked_in") == "1"
    )
    return redirect("events_admin:attendees", occurrence_id=occurrence.pk)


@organiser_required
def export(request, occurrence_id: int, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    occurrence = _occurrence(request, occurrence_id)
    stem = f"teilnehmende-{occurrence.event.slug[:40]}-{occurrence.start:%Y-%m-%d}"
    return tables.response(exports.table(occurrence), format=fmt, filename=stem)


@organiser_required
@require_POST
def message(request, occurrence_id: int):
    occurrence = _occurrence(request, occurrence_id)
    form = MessageForm(request.POST)
    if form.is_valid():
        count = services.registrants_message(
            occurrence=occurrence,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            sender=request.user,
        )
        messages.success(request, _("Message sent to %(count)s registrants.") % {"count": count})
    else:
        messages.error(request, _("Please enter a subject and a message."))
    return redirect("events_admin:attendees", occurrence_id=occurrence.pk)
