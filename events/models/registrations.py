"""Occurrences (the dates of an event as rows), registrations with their waiting list, and the
secrets of personal calendar feeds."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.choices import (  # noqa: F401 - re-exported: callers import them from here
    AttendanceMode,
    EventKind,
    Recurrence,
    WeekOfMonth,
)
from events.models.pages import BERLIN, EventPage


class OccurrenceQuerySet(models.QuerySet):
    def with_counts(self):
        """Annotate confirmed seats (people) and waiting registrations."""
        active = Q(registrations__status=Registration.Status.CONFIRMED)
        return self.annotate(
            confirmed_seats=models.functions.Coalesce(
                models.Sum("registrations__attendees", filter=active), 0
            ),
            waiting_count=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.WAITING)
            ),
        )

    def upcoming(self, now=None):
        return self.filter(end__gte=now or timezone.now())


class Occurrence(models.Model):
    """One date of an event. It takes registrations and has its own seats and waiting list.

    ``original_start`` is the date as the event's rule produces it (RECURRENCE-ID); ``start``
    and ``end`` are where it actually takes place (moved dates differ).
    """

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="occurrences")
    original_start = models.DateTimeField(_("original start"))
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    cancelled = models.BooleanField(_("cancelled"), default=False)
    #: Seats of this date when they differ from the event's (copied from its override).
    capacity = models.PositiveIntegerField(_("seats on this date"), null=True, blank=True)
    sequence = models.PositiveIntegerField(default=0)
    #: An occurrence that the rule no longer produces keeps its registrations but is hidden.
    detached = models.BooleanField(default=False)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("date")
        verbose_name_plural = _("dates")
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "original_start"], name="events_occurrence_unique_start"
            )
        ]
        indexes = [models.Index(fields=["start", "end"])]

    def __str__(self) -> str:
        local = timezone.localtime(self.start, BERLIN)
        return f"{self.event.title} – {local:%d.%m.%Y %H:%M}"

    @property
    def is_moved(self) -> bool:
        return self.start != self.original_start

    @property
    def is_exception(self) -> bool:
        """Cancelled, or not where the rule puts it: a RECURRENCE-ID in iCalendar."""
        if self.cancelled or self.start != self.original_start:
            return True
        return self.end - self.start != self.event.duration

    @property
    def seat_capacity(self) -> int | None:
        """The seats of this date: its own number if set, else the event's (None: no
        registration)."""
        if self.event.capacity is None:
            return None
        return self.capacity if self.capacity is not None else self.event.capacity

    def seats_left(self, confirmed: int | None = None) -> int | None:
        capacity = self.seat_capacity
        if capacity is None:
            return None
        if confirmed is None:
            confirmed = getattr(self, "confirmed_seats", None)
        if confirmed is None:
            confirmed = self.registrations.confirmed().aggregate(n=models.Sum("attendees"))["n"]
        return capacity - (confirmed or 0)


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)

    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waiting(self):
        return self.filter(status=Registration.Status.WAITING).order_by("created_at", "pk")


class Registration(models.Model):
    """A person's (or company's) registration for one occurrence."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    occurrence = models.ForeignKey(
        Occurrence, on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    promoted_at = models.DateTimeField(_("moved up at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)

    name = models.CharField(_("contact person"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    organisation = models.CharField(_("company or organisation"), max_length=200, blank=True)
    attendees = models.PositiveSmallIntegerField(_("attendees"), default=1)
    #: Meeting Point offers: [{"kind", "count", "field", "german_level"}].
    offers = models.JSONField(_("offers"), default=list, blank=True)
    needs_interpreter = models.BooleanField(_("needs an interpreter"), default=False)
    needs_table = models.BooleanField(_("needs a table"), default=False)
    comment = models.TextField(_("comment"), blank=True, max_length=1000)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            # The database's own guard against a double registration (the service checks first
            # and answers with a clear message).
            models.UniqueConstraint(
                fields=["occurrence", "user"],
                condition=~Q(status="cancelled"),
                name="events_registration_once_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name or self.pk} ({self.get_status_display()})"


class FeedToken(models.Model):
    """The secret of a user's personal feed of registrations. Only a hash is stored."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_feed_token"
    )
    secret_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("personal calendar feed")

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d})"

    @staticmethod
    def hash(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()
