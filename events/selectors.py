"""Reads of the events app: listings with filters, the month calendar, feeds, tokens.

Every listing narrows events with ``portal.access.visible_to`` and runs a fixed number of
queries whatever the number of events (select_related plus annotated seat counts).
"""

from __future__ import annotations

import calendar
import datetime
import hmac
from dataclasses import dataclass, field

from django.core import signing
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, F, Max, OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from events.choices import EventKind
from events.models import BERLIN, EventPage, FeedToken, Occurrence, Registration
from portal.access import Role, has_role, visible_to
from portal.converters import database_id
from portal.links import absolute_url
from portal.models import Audience, Municipality, Topic

MANAGE_SALT = "events.registration.manage"
#: Past dates stay in the public feeds this long (so recent changes still reach clients).
FEED_PAST_DAYS = 30
PAGE_SIZE = 20
#: Months outside these years are refused (and cannot overflow the date arithmetic).
MONTH_RANGE = (2000, 2100)


@dataclass
class Filters:
    kind: str = ""
    month: datetime.date | None = None
    municipality: Municipality | None = None
    audience: Audience | None = None
    topic: Topic | None = None
    errors: list[str] = field(default_factory=list)

    def as_query(self) -> dict:
        query = {}
        if self.kind:
            query["kind"] = self.kind
        if self.month:
            query["month"] = self.month.strftime("%Y-%m")
        for name in ("municipality", "audience", "topic"):
            term = getattr(self, name)
            if term:
                query[name] = term.slug
        return query


def parse_filters(params, *, allow_month: bool = True) -> Filters:
    """Read filters from query parameters. Unknown values are reported, never a 500."""
    filters = Filters()
    kind = params.get("kind", "")
    if kind:
        if kind in EventKind.values:
            filters.kind = kind
        else:
            filters.errors.append(_("Unknown kind of event: %(value)s") % {"value": kind[:40]})
    month = params.get("month", "")
    if month and allow_month:
        try:
            filters.month = datetime.datetime.strptime(month, "%Y-%m").date()
        except ValueError:
            filters.month = None
        if filters.month is None or not MONTH_RANGE[0] <= filters.month.year <= MONTH_RANGE[1]:
            filters.month = None
            filters.errors.append(_("Unknown month: %(value)s") % {"value": month[:40]})
    for name, model in (("municipality", Municipality), ("audience", Audience), ("topic", Topic)):
        slug = params.get(name, "")
        if not slug:
            continue
        term = model.objects.filter(slug=slug[:80]).first()
        if term is None:
            filters.errors.append(_("Unknown filter value: %(value)s") % {"value": slug[:40]})
        setattr(filters, name, term)
    return filters


def visible_dates(user, *, filters: Filters | None = None, index=None):
    """Dates (not detached) of live events ``user`` may see below ``index``, filtered."""
    queryset = visible_to(
        user,
        Occurrence.objects.filter(detached=False, event__live=True),
        field="event__visibility",
    )
    if index is not None:
        queryset = queryset.filter(event__path__startswith=index.path)
    if filters:
        if filters.kind:
            queryset = queryset.filter(event__kind=filters.kind)
        if filters.municipality:
            queryset = queryset.filter(_in_municipality(filters.municipality))
        if filters.audience:
            queryset = queryset.filter(event__audiences=filters.audience)
        if filters.topic:
            queryset = queryset.filter(event__topics=filters.topic)
    return queryset


def with_listing_data(queryset):
    """Events, places and seat counts loaded with the dates (a fixed number of queries)."""
    return queryset.select_related(
        "event",
        "event__calendar_state",
        "event__location__organisation",
        "event__location__municipality",
        "event__municipality",
        "event__organiser",
    ).with_counts()


def one_per_event(dates, *, order: str):
    """The first of ``dates`` (in ``order``) of every event, with ``series_dates``: how many of
    ``dates`` the event has. A weekly series is one entry in a list, not fifty."""
    same_event = dates.filter(event=OuterRef("event"))
    first = same_event.order_by(order, "pk").values("pk")[:1]
    count = same_event.order_by().values("event").annotate(n=Count("pk")).values("n")
    return (
        with_listing_data(dates.filter(pk=Subquery(first)))
        .annotate(series_dates=Subquery(count))
        .order_by(order, "pk")
    )


def _in_municipality(municipality):
    return Q(event__municipality=municipality) | Q(event__location__municipality=municipality)


def _month_bounds(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    start = datetime.datetime(month.year, month.month, 1, tzinfo=BERLIN)
    days = calendar.monthrange(month.year, month.month)[1]
    return start, start + datetime.timedelta(days=days)


#: The ways the events index shows its dates.
INDEX_VIEWS = ("list", "calendar", "archive")


def index_context(*, index, user, filters: Filters, view: str = "list", page_number=1) -> dict:
    """Context of the events index below ``index`` as ``user`` sees it: upcoming dates as a
    list or a month calendar, or the archive, narrowed by ``filters``."""
    now = timezone.now()
    dates = visible_dates(user, filters=filters, index=index)
    feed_query = {k: v for k, v in filters.as_query().items() if k != "month"}
    context: dict = {
        "filters": filters,
        "view": view,
        "now": now,
        "filter_query": urlencode(feed_query),
        "weekday_names": [(WEEKDAYS_ABBR[i], WEEKDAYS[i]) for i in range(7)],
    }
    if view == "calendar":
        month = filters.month or timezone.localtime(now, BERLIN).date().replace(day=1)
        start, end = _month_bounds(month)
        in_month = dates.filter(start__lt=end, end__gte=start).order_by("start")
        context.update(month_grid(month, list(with_listing_data(in_month))))
        return context
    if view == "archive":
        queryset = one_per_event(dates.filter(end__lt=now), order="-start")
    else:
        dates = dates.filter(end__gte=now)
        if filters.month:
            start, end = _month_bounds(filters.month)
            dates = dates.filter(start__lt=end, end__gte=start)
        queryset = one_per_event(dates, order="start")
    page = Paginator(queryset, PAGE_SIZE).get_page(page_number)
    context.update({"occurrences": page.object_list, "page_obj": page})
    context.update(filter_choices())
    return context


def filter_choices() -> dict:
    return {
        "kinds": EventKind.choices,
        "municipalities": list(Municipality.objects.active()),
        "audiences": list(Audience.objects.active()),
        "topics": list(Topic.objects.active()),
    }


def month_grid(month: datetime.date, occurrences: list[Occurrence]) -> dict:
    """Weeks (Monday first) of ``month`` with the dates that fall on each day."""
    by_day: dict[datetime.date, list[Occurrence]] = {}
    for occurrence in occurrences:
        day = timezone.localtime(occurrence.start, BERLIN).date()
        by_day.setdefault(day, []).append(occurrence)
    weeks = []
    today = timezone.localdate(timezone=BERLIN)
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month):
        weeks.append(
            [
                {
                    "date": day,
                    "in_month": day.month == month.month,
                    "today": day == today,
                    "items": by_day.get(day, []),
                }
                for day in week
            ]
        )
    previous = (month - datetime.timedelta(days=1)).replace(day=1)
    following = (month + datetime.timedelta(days=32)).replace(day=1)
    context = {
        "month": month,
        "weeks": weeks,
        "previous_month": previous,
        "next_month": following,
    }
    context.update(filter_choices())
    return context


def event_occurrences(event: EventPage, *, now=None) -> list[Occurrence]:
    """Upcoming dates of one event with seat counts (one query)."""
    now = now or timezone.now()
    return list(
        event.occurrences.filter(detached=False, end__gte=now)
        .select_related("event")
        .with_counts()
        .order_by("start")[:24]
    )


def user_registrations(user, *, occurrences=None):
    """The user's active registrations, for the dates given or all of them."""
    if not user.is_authenticated:
        return Registration.objects.none()
    queryset = Registration.objects.active().filter(user=user)
    if occurrences is not None:
        queryset = queryset.filter(occurrence__in=occurrences)
    return queryset.select_related("occurrence__event")


def feed_occurrences(user, *, filters: Filters | None = None, now=None, root=None):
    """The dates of ``feed_dates`` with everything iCalendar output reads loaded."""
    return for_calendar(feed_dates(user, filters=filters, now=now, root=root))


def feed_dates(user, *, filters: Filters | None = None, now=None, root=None):
    """Dates for a public feed: upcoming ones and those of the last FEED_PAST_DAYS days.

    Cancelled dates stay until their end with STATUS:CANCELLED, also those of an event that was
    unpublished (which counts as cancelled), so that subscribed calendars show the
    cancellation instead of the date silently vanishing. ``root`` (a site's root page) keeps a
    region's feed to its own site.
    """
    now = now or timezone.now()
    since = now - datetime.timedelta(days=FEED_PAST_DAYS)
    window = Q(event__live=True, end__gte=since) | Q(cancelled=True, end__gte=now)
    queryset = visible_to(
        user,
        Occurrence.objects.filter(window, detached=False, event__calendar_state__isnull=False),
        field="event__visibility",
    )
    if root is not None:
        queryset = queryset.filter(event__path__startswith=root.path)
    if filters:
        if filters.kind:
            queryset = queryset.filter(event__kind=filters.kind)
        if filters.municipality:
            queryset = queryset.filter(_in_municipality(filters.municipality))
        if filters.audience:
            queryset = queryset.filter(event__audiences=filters.audience)
        if filters.topic:
            queryset = queryset.filter(event__topics=filters.topic)
    # A series is one VEVENT with its RRULE: one of its dates stands for it (the exceptions
    # come with for_calendar), so a weekly series loads one row, not fifty.
    first_of_event = (
        Occurrence.objects.filter(window, event=OuterRef("event"), detached=False)
        .order_by("start", "pk")
        .values("pk")[:1]
    )
    return queryset.filter(Q(event__recurrence="") | Q(pk=Subquery(first_of_event)))


def for_calendar(queryset):
    """Occurrences with everything iCalendar output reads, in a fixed number of queries."""
    # Cancelled, moved, or given another end than the series' duration.
    exceptions = Occurrence.objects.filter(
        Q(cancelled=True)
        | ~Q(start=F("original_start"))
        | ~Q(end=F("start") + (F("event__end") - F("event__start"))),
        detached=False,
    )
    return (
        queryset.select_related(
            "event", "event__calendar_state", "event__location__organisation", "event__organiser"
        )
        .prefetch_related(
            Prefetch("event__topics"),
            Prefetch("event__occurrences", queryset=exceptions, to_attr="exception_occurrences"),
        )
        .order_by("start")
    )


def registrations_changed_at(user):
    """The latest registration, cancellation or promotion of ``user`` (one query)."""
    stamps = Registration.objects.filter(user=user).aggregate(
        created=Max("created_at"), cancelled=Max("cancelled_at"), promoted=Max("promoted_at")
    )
    values = [v for v in stamps.values() if v]
    return max(values) if values else None


def personal_occurrences(user):
    """The dates the user is registered for (confirmed or waiting), past ones included, of
    events the user may (still) see; ``my_status`` says which."""
    active = [Registration.Status.CONFIRMED, Registration.Status.WAITING]
    mine = Registration.objects.filter(occurrence=OuterRef("pk"), user=user, status__in=active)
    return for_calendar(
        visible_to(
            user,
            Occurrence.objects.filter(registrations__user=user, registrations__status__in=active),
            field="event__visibility",
        )
        .distinct()
        .annotate(my_status=Subquery(mine.values("status")[:1]))
    )


# --- registration ---------------------------------------------------------------------------


def may_register(user, event: EventPage) -> bool:
    """Meeting Points are for employers, trainings for partner staff; info events for anyone."""
    if event.kind == EventKind.MEETING_POINT:
        return has_role(user, Role.EMPLOYER, Role.PARTNER_STAFF)
    if event.kind == EventKind.TRAINING:
        return has_role(user, Role.PARTNER_STAFF, Role.EDITOR, Role.ADMINISTRATOR)
    return True


class Refusal(str):
    """A reason shown to the user (the string itself) with a stable ``code`` for programs."""

    code: str

    def __new__(cls, code: str, message: str):
        refusal = super().__new__(cls, message)
        refusal.code = code
        return refusal


def registration_window_error(occurrence: Occurrence, now: datetime.datetime) -> Refusal | None:
    """Why this occurrence takes no registration now, or None."""
    event = occurrence.event
    if occurrence.cancelled or occurrence.detached:
        return Refusal("cancelled", _("This date has been cancelled."))
    if event.capacity is None:
        return Refusal("no_registration", _("This event needs no registration."))
    if occurrence.start <= now:
        return Refusal("past", _("This date is in the past; registration is closed."))
    if event.registration_opens and now < event.registration_opens:
        opens = timezone.localtime(event.registration_opens, BERLIN)
        return Refusal(
            "not_open_yet",
            _("Registration opens on %(date)s.") % {"date": opens.strftime("%d.%m.%Y, %H:%M")},
        )
    if event.registration_closes and now > event.registration_closes:
        return Refusal("closed", _("Registration has closed."))
    return None


def waiting_position(registration: Registration) -> int | None:
    """1-based place on the waiting list, or None when not waiting."""
    if registration.status != Registration.Status.WAITING:
        return None
    earlier = registration.occurrence.registrations.waiting().filter(
        models.Q(created_at__lt=registration.created_at)
        | models.Q(created_at=registration.created_at, pk__lt=registration.pk)
    )
    return earlier.count() + 1


# --- tokens ----------------------------------------------------------------------------------


def manage_token(registration: Registration) -> str:
    """The secret of the manage link: the registration signed with the site's key."""
    return signing.dumps(registration.pk, salt=MANAGE_SALT, compress=True)


def registration_from_token(token: str) -> Registration | None:
    """The registration behind a manage link, or None for a tampered or unknown token."""
    try:
        pk = signing.loads(token, salt=MANAGE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return (
        Registration.objects.select_related("occurrence__event")
        .filter(pk=pk, anonymised_at__isnull=True)
        .first()
    )


def user_from_feed_token(token: str):
    """The user of a personal feed token, or None. The secret is compared in constant time."""
    raw_id, _sep, secret = token.partition("-")
    user_id = database_id(raw_id)
    if user_id is None or not secret or len(token) > 200:
        return None
    stored = FeedToken.objects.select_related("user").filter(user_id=user_id).first()
    candidate = FeedToken.hash(secret)
    if stored is None:
        hmac.compare_digest(candidate, candidate)  # same work for unknown users
        return None
    if not hmac.compare_digest(candidate, stored.secret_hash):
        return None
    return stored.user if stored.user.is_active else None


def event_context(*, event: EventPage, request) -> dict:
    """Context of an event page: upcoming dates with seats, the visitor's registrations."""
    occurrences = event_occurrences(event)
    mine = {}
    if request.user.is_authenticated and occurrences:
        mine = {
            r.occurrence_id: r for r in user_registrations(request.user, occurrences=occurrences)
        }
    now = timezone.now()
    notes = {o.original_start: o.note for o in event.overrides.all() if o.note}
    for occurrence in occurrences:
        occurrence.note = notes.get(occurrence.original_start, "")
        occurrence.my_registration = mine.get(occurrence.pk)
        occurrence.left = occurrence.seats_left()
        occurrence.window_error = registration_window_error(occurrence, now)
    user = request.user
    return {
        "occurrences": occurrences,
        "json_ld": json_ld(event, occurrences, request),
        "may_register": user.is_authenticated and may_register(user, event),
        # Trainings and information events: the account's details are enough.
        "one_click": user.is_authenticated and event.kind != EventKind.MEETING_POINT,
    }


def json_ld(event: EventPage, occurrences: list[Occurrence], request) -> list[dict]:
    """Schema.org Event objects, one per upcoming date (or the event itself)."""
    from events.choices import AttendanceMode

    url = absolute_url(event.url or "/", request=request)
    mode = {
        AttendanceMode.ON_SITE: "https://schema.org/OfflineEventAttendanceMode",
        AttendanceMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
        AttendanceMode.HYBRID: "https://schema.org/MixedEventAttendanceMode",
    }[event.mode]
    locations = []
    if event.mode != AttendanceMode.ONLINE and event.place:
        place = {"@type": "Place", "name": event.place, "address": event.place}
        if event.geo:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": event.geo[0],
                "longitude": event.geo[1],
            }
        locations.append(place)
    if event.mode != AttendanceMode.ON_SITE:
        # With registration the link itself goes to registrants only.
        online = event.online_url if event.online_link_is_public else url
        locations.append({"@type": "VirtualLocation", "url": online or url})
    dates = occurrences or [None]
    items = []
    for occurrence in dates:
        start = occurrence.start if occurrence else event.start
        end = occurrence.end if occurrence else event.end
        cancelled = occurrence.cancelled if occurrence else event.cancelled
        item = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": event.title,
            "description": event.teaser or event.search_description or event.title,
            "startDate": timezone.localtime(start, BERLIN).isoformat(),
            "endDate": timezone.localtime(end, BERLIN).isoformat(),
            "eventStatus": "https://schema.org/EventCancelled"
            if cancelled
            else (
                "https://schema.org/EventRescheduled"
                if occurrence and occurrence.is_moved
                else "https://schema.org/EventScheduled"
            ),
            "eventAttendanceMode": mode,
            "url": url,
            "inLanguage": "de",
        }
        if event.all_day:
            item["startDate"] = timezone.localtime(start, BERLIN).date().isoformat()
            item["endDate"] = timezone.localtime(end, BERLIN).date().isoformat()
        if locations:
            item["location"] = locations if len(locations) > 1 else locations[0]
        if event.organiser_label:
            item["organizer"] = {"@type": "Organization", "name": event.organiser_label}
        item["isAccessibleForFree"] = True
        if occurrence is not None and event.capacity is not None and not cancelled:
            left = max(0, occurrence.seats_left() or 0)
            item["maximumAttendeeCapacity"] = occurrence.seat_capacity
            item["remainingAttendeeCapacity"] = left
            offer = {
                "@type": "Offer",
                "price": 0,
                "priceCurrency": "EUR",
                "url": absolute_url(
                    reverse("events:register", args=[occurrence.pk]), request=request
                ),
                "availability": "https://schema.org/InStock"
                if left > 0
                else "https://schema.org/SoldOut",
            }
            if event.registration_opens:
                offer["validFrom"] = timezone.localtime(
                    event.registration_opens, BERLIN
                ).isoformat()
            item["offers"] = offer
        items.append(item)
    return items
