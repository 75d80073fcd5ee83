"""The events section page and event pages: kinds, times in Europe/Berlin, recurrence with
exceptions and per-date overrides, and each event's stored calendar state."""

from __future__ import annotations

import datetime
import uuid
import zoneinfo

from dateutil import rrule
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from events.choices import (  # noqa: F401 - re-exported: callers import them from here
    AttendanceMode,
    EventKind,
    Recurrence,
    WeekOfMonth,
)
from events.page_forms import EventPageForm
from portal.access import Visibility, can_view
from portal.vocabulary import Weekday

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


class EventIndexPage(RoutablePageMixin, Page):
    """The section page of the Events and trainings below the home page. Its route serves the
    list, the month calendar and the archive (``events.views.index``)."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("events index")

    @path("")
    def index_view(self, request):
        from events import views  # the views import this module

        return views.index(request, index_page=self)


#: Occurrences of an open-ended rule are generated this far ahead.
RECURRENCE_HORIZON = datetime.timedelta(days=400)


class EventPage(Page):
    """One event: a training, a Meeting Point or an information event, single or recurring.

    Times are entered and shown in Europe/Berlin. A recurring event repeats its first date's
    time of day; each date becomes an ``Occurrence`` with its own seats and waiting list.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    all_day = models.BooleanField(
        _("all-day"), default=False, help_text=_("The times of start and end are ignored.")
    )
    recurrence = models.CharField(
        _("repeats"), max_length=10, choices=Recurrence.choices, blank=True, default=""
    )
    recurrence_week = models.SmallIntegerField(
        _("week of the month"), choices=WeekOfMonth.choices, null=True, blank=True
    )
    recurrence_weekdays = models.JSONField(
        _("weekdays"),
        default=list,
        blank=True,
        help_text=_("For monthly rules exactly one weekday, for weekly rules one or more."),
    )
    recurrence_until = models.DateField(_("repeats until"), null=True, blank=True)
    recurrence_count = models.PositiveSmallIntegerField(_("number of dates"), null=True, blank=True)
    exception_dates = models.JSONField(
        _("exception dates"),
        default=list,
        blank=True,
        help_text=_('Dates without an event, as a list like ["2027-01-06"].'),
    )

    location = models.ForeignKey(
        "directory.Location",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("location from the directory"),
    )
    mode = models.CharField(
        _("attendance"),
        max_length=10,
        choices=AttendanceMode.choices,
        default=AttendanceMode.ON_SITE,
    )
    address = models.TextField(
        _("address"), blank=True, help_text=_("Venue and address, if not a directory location.")
    )
    municipality = models.ForeignKey(
        "portal.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    online_url = models.URLField(_("online link"), blank=True)
    languages = models.CharField(_("languages"), max_length=200, blank=True, default="Deutsch")
    interpretation = models.CharField(_("interpretation offered"), max_length=200, blank=True)
    step_free = models.BooleanField(_("step-free access"), default=False)
    organiser = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organiser (directory)"),
    )
    organiser_name = models.CharField(
        _("organiser"),
        max_length=200,
        blank=True,
        help_text=_("Shown when no directory organisation is chosen."),
    )
    organiser_email = models.EmailField(_("organiser e-mail"), blank=True)
    audiences = ParentalManyToManyField("portal.Audience", blank=True, verbose_name=_("audiences"))
    topics = ParentalManyToManyField("portal.Topic", blank=True, verbose_name=_("topics"))
    capacity = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Empty: no registration needed.")
    )
    max_attendees = models.PositiveSmallIntegerField(
        _("attendees per registration"),
        default=3,
        help_text=_("Meeting Point: how many people a company may bring."),
    )
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    cancelled = models.BooleanField(
        _("event cancelled"),
        default=False,
        help_text=_("Cancels every date; registrants are told and calendars show it cancelled."),
    )
    teaser = models.TextField(_("teaser"), blank=True, max_length=400)
    description = RichTextField(_("description"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("teaser"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("all_day"),
                FieldPanel("recurrence"),
                FieldRowPanel([FieldPanel("recurrence_week"), FieldPanel("recurrence_weekdays")]),
                FieldRowPanel([FieldPanel("recurrence_until"), FieldPanel("recurrence_count")]),
                FieldPanel("exception_dates"),
                InlinePanel("overrides", label=_("Cancelled or moved dates")),
            ],
            heading=_("Date and recurrence"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("mode"),
                FieldPanel("location"),
                FieldPanel("address"),
                FieldPanel("municipality"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("online_url"),
                FieldPanel("step_free"),
                FieldPanel("languages"),
                FieldPanel("interpretation"),
            ],
            heading=_("Place and accessibility"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("organiser"),
                FieldPanel("organiser_name"),
                FieldPanel("organiser_email"),
                FieldPanel("audiences"),
                FieldPanel("topics"),
                FieldPanel("visibility"),
            ],
            heading=_("Organiser and audience"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldPanel("max_attendees"),
                FieldPanel("cancelled"),
                FieldRowPanel(
                    [FieldPanel("registration_opens"), FieldPanel("registration_closes")]
                ),
            ],
            heading=_("Registration"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser"),
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("visibility"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list[str] = []
    base_form_class = EventPageForm

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def get_context(self, request, *args, **kwargs):
        from events import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.event_context(event=self, request=request))
        return context

    def serve(self, request, *args, **kwargs):
        # An event the visitor may not see answers 404 like a missing one (portal.access).
        if not can_view(request.user, self):
            raise Http404
        response = super().serve(request, *args, **kwargs)
        if request.user.is_authenticated or self.visibility != Visibility.PUBLIC:
            # The page shows the visitor's own registrations; restricted events never go into
            # a shared cache.
            response["Cache-Control"] = "private, no-cache"
        return response

    def get_sitemap_urls(self, request=None):
        """Only public events are listed in /sitemap.xml."""
        if self.visibility != Visibility.PUBLIC:
            return []
        return super().get_sitemap_urls(request)

    # --- place and organiser -------------------------------------------------------------
    @property
    def place(self) -> str:
        """The venue as one line: the directory location (with its organisation, since a
        location's own name is often just "Hauptsitz"), else the free address."""
        if self.location_id:
            loc = self.location
            venue = loc.organisation.name
            if loc.name and loc.name not in venue:
                venue = f"{venue} – {loc.name}"
            return f"{venue}, {loc.address_line}"
        return " ".join(self.address.split())

    @property
    def place_municipality(self):
        if self.location_id:
            return self.location.municipality
        return self.municipality

    @property
    def geo(self) -> tuple[float, float] | None:
        lat, lon = self.latitude, self.longitude
        if self.location_id and lat is None:
            lat, lon = self.location.latitude, self.location.longitude
        if lat is None or lon is None:
            return None
        return float(lat), float(lon)

    @property
    def online_link_is_public(self) -> bool:
        """Without registration anyone may join, so the online link is shown to everyone; with
        registration it goes only to registrants (mails, manage page, personal feed)."""
        return self.capacity is None

    @property
    def organiser_label(self) -> str:
        return self.organiser.name if self.organiser_id else self.organiser_name

    @property
    def organiser_contact(self) -> str:
        if self.organiser_email:
            return self.organiser_email
        return self.organiser.email if self.organiser_id else ""

    # --- schedule -------------------------------------------------------------------------
    @property
    def duration(self) -> datetime.timedelta:
        return self.end - self.start

    @property
    def is_recurring(self) -> bool:
        return bool(self.recurrence)

    def recurrence_text(self) -> str:
        """The rule in words, e.g. "every last Thursday of the month"."""
        days = [Weekday(int(d)).label for d in self.recurrence_weekdays or []]
        if self.recurrence == Recurrence.MONTHLY and days and self.recurrence_week:
            return _("every %(week)s %(weekday)s of the month") % {
                "week": WeekOfMonth(self.recurrence_week).label,
                "weekday": days[0],
            }
        if self.recurrence == Recurrence.WEEKLY and days:
            return _("weekly on %(weekdays)s") % {"weekdays": ", ".join(str(d) for d in days)}
        return ""

    def local_start(self) -> datetime.datetime:
        return timezone.localtime(self.start, BERLIN)

    def rrule_parts(self) -> dict | None:
        """The recurrence as RFC 5545 RRULE parts (for icalendar's ``vRecur``), or None."""
        if not self.recurrence:
            return None
        days = [Weekday(int(d)).code for d in self.recurrence_weekdays or []]
        if self.recurrence == Recurrence.MONTHLY:
            parts = {"FREQ": "MONTHLY", "BYDAY": [f"{self.recurrence_week}{days[0]}"]}
        else:
            parts = {"FREQ": "WEEKLY", "BYDAY": days}
        if self.recurrence_count:
            parts["COUNT"] = self.recurrence_count
        elif self.recurrence_until:
            # UNTIL must be in UTC when DTSTART has a time zone (RFC 5545 3.3.10).
            end_of_day = datetime.datetime.combine(
                self.recurrence_until, datetime.time(23, 59, 59), BERLIN
            )
            parts["UNTIL"] = end_of_day.astimezone(datetime.UTC)
        return parts

    def _rule(self) -> rrule.rrule:
        # Expand in local wall-clock time so that 18:00 stays 18:00 across DST changes.
        start = self.local_start().replace(tzinfo=None)
        days = [Weekday(int(d)).zero_based for d in self.recurrence_weekdays or []]
        kwargs: dict = {"dtstart": start}
        if self.recurrence_count:
            kwargs["count"] = self.recurrence_count
        elif self.recurrence_until:
            kwargs["until"] = datetime.datetime.combine(self.recurrence_until, datetime.time.max)
        if self.recurrence == Recurrence.MONTHLY:
            return rrule.rrule(
                rrule.MONTHLY, byweekday=[rrule.weekday(days[0], self.recurrence_week)], **kwargs
            )
        return rrule.rrule(rrule.WEEKLY, byweekday=days, **kwargs)

    def exception_date_set(self) -> set[datetime.date]:
        return {datetime.date.fromisoformat(str(d)) for d in self.exception_dates or []}

    def scheduled_starts(self, *, horizon: datetime.datetime | None = None):
        """The original start of every date (aware, Berlin), exception dates left out.

        Open-ended rules stop at ``horizon`` (default: RECURRENCE_HORIZON from now or from the
        first date, whichever is later); rules with an end are expanded completely.
        """
        if not self.recurrence:
            return [self.local_start()]
        if horizon is None and (self.recurrence_count or self.recurrence_until):
            limit = datetime.datetime.max  # bounded rules are expanded completely
        else:
            horizon = horizon or max(timezone.now(), self.start) + RECURRENCE_HORIZON
            limit = timezone.localtime(horizon, BERLIN).replace(tzinfo=None)
        exceptions = self.exception_date_set()
        starts = []
        for naive in self._rule():
            if naive > limit:
                break
            if naive.date() in exceptions:
                continue
            starts.append(naive.replace(tzinfo=BERLIN))
        return starts

    def clean(self):
        super().clean()
        errors: dict[str, list] = {}
        if self.start and self.end and self.end < self.start:
            errors.setdefault("end", []).append(_("The end lies before the start."))
        if (
            self.registration_opens
            and self.registration_closes
            and self.registration_closes < self.registration_opens
        ):
            errors.setdefault("registration_closes", []).append(
                _("Registration closes before it opens.")
            )
        try:
            exceptions = self.exception_date_set()
        except (TypeError, ValueError):
            errors.setdefault("exception_dates", []).append(
                _('Enter dates as a list like ["2027-01-06"].')
            )
            exceptions = set()
        if self.mode in (AttendanceMode.ONLINE, AttendanceMode.HYBRID) and not self.online_url:
            errors.setdefault("online_url", []).append(
                _("An online or hybrid event needs an online link.")
            )
        if self.recurrence:
            errors.update(self._recurrence_errors(errors))
        elif exceptions or self.recurrence_weekdays:
            errors.setdefault("recurrence", []).append(
                _("Weekdays and exception dates need a repeating rule.")
            )
        if errors:
            raise ValidationError(errors)

    def _recurrence_errors(self, errors: dict) -> dict:
        try:
            days = [int(d) for d in self.recurrence_weekdays or []]
        except (TypeError, ValueError):
            days = [-1]
        if not days or any(d not in Weekday.values for d in days):
            return {"recurrence_weekdays": [_("Choose weekdays as numbers 1 (Monday) to 7.")]}
        if self.recurrence == Recurrence.MONTHLY:
            if len(days) != 1:
                return {"recurrence_weekdays": [_("A monthly rule has exactly one weekday.")]}
            if self.recurrence_week is None:
                return {"recurrence_week": [_("Choose the week of the month.")]}
        if self.recurrence_count and self.recurrence_until:
            return {"recurrence_count": [_("Give either an end date or a number of dates.")]}
        if self.start and "start" not in errors:
            first = next(iter(self._rule()), None)
            if first != self.local_start().replace(tzinfo=None):
                return {"start": [_("The start date does not fit the repeating rule.")]}
        return {}


class OccurrenceOverride(Orderable):
    """A single date of a recurring event that is cancelled or moved (RECURRENCE-ID)."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="overrides")
    original_start = models.DateTimeField(
        _("original start"), help_text=_("The date and time as the rule produces it.")
    )
    cancelled = models.BooleanField(_("cancelled"), default=False)
    new_start = models.DateTimeField(_("moved to start"), null=True, blank=True)
    new_end = models.DateTimeField(_("moved to end"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(
        _("seats on this date"),
        null=True,
        blank=True,
        help_text=_("Empty: the event's number of seats."),
    )

    panels = [
        FieldPanel("original_start"),
        FieldPanel("cancelled"),
        FieldRowPanel([FieldPanel("new_start"), FieldPanel("new_end")]),
        FieldPanel("capacity"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("cancelled, moved or changed date")


class EventCalendarState(models.Model):
    """What iCalendar clients must know across edits: a stable UID and a rising SEQUENCE."""

    event = models.OneToOneField(
        EventPage, on_delete=models.CASCADE, related_name="calendar_state", primary_key=True
    )
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    fingerprint = models.CharField(max_length=64, blank=True)
    changed_at = models.DateTimeField(default=timezone.now)
    #: The event's VEVENTs as written for feeds (a cache: see events.feeds), and the key of
    #: what they were written from; a different key means they are stale.
    vevents = models.TextField(blank=True, editable=False)
    vevents_key = models.CharField(max_length=200, blank=True, editable=False)

    class Meta:
        verbose_name = _("calendar state")

    def __str__(self) -> str:
        return f"{self.uid} (SEQUENCE {self.sequence})"
