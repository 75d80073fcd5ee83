"""Qualification measures and language courses of directory providers."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from events.choices import AttendanceMode  # the same on-site/online/hybrid as events
from offers.models.vocabulary import (
    EARLIEST_DATE,
    LEVEL_ORDER,
    MAX_HOURS_PER_WEEK,
    PUBLIC_OR_PARTNERS,
    GermanLevel,
    OccupationalField,
)
from portal.access import Visibility

# --------------------------------------------------------------------------------------------
# Measures


class MeasureKind(models.TextChoices):
    INTEGRATION_COURSE = "integration_course", _("Integration course")
    JOB_LANGUAGE_COURSE = "job_language_course", _("Job-related language course (Berufssprachkurs)")
    EQ = "eq", _("Entry qualification (Einstiegsqualifizierung, EQ)")
    ACTIVATION = "activation", _("Activation and integration measure (MAbE)")
    QUALIFICATION = "qualification", _("Vocational qualification / further training")
    VOCATIONAL_PREPARATION = "vocational_preparation", _("Vocational preparation (BvB)")
    RECOGNITION = "recognition", _("Recognition counselling")
    ADAPTATION = "adaptation", _("Adaptation qualification (Anpassungsqualifizierung)")
    OTHER = "other", _("Other measure")


class FundingRoute(models.TextChoices):
    BAMF = "bamf", _("BAMF (admission or obligation)")
    VOUCHER = "voucher", _("Agentur für Arbeit / Jobcenter voucher (AVGS, Bildungsgutschein)")
    JOBCENTER = "jobcenter", _("Jobcenter allocation")
    AGENTUR = "agentur", _("Agentur für Arbeit allocation")
    ESF = "esf", _("ESF / state programme")
    EMPLOYER = "employer", _("Employer (with BA subsidy)")
    FREE = "free", _("Free of charge")
    SELF = "self", _("Paid by the participant")


class MeasureQuerySet(models.QuerySet):
    def current(self, today: datetime.date | None = None):
        """Active measures one can still join: continuous entry, or a start date ahead."""
        today = today or timezone.localdate()
        upcoming = MeasureStart.objects.filter(measure=OuterRef("pk"), date__gte=today)
        return self.filter(is_active=True, provider__is_active=True).filter(
            Q(continuous_entry=True) | Exists(upcoming)
        )

    def for_listing(self):
        return self.select_related("provider", "municipality", "location")


class Measure(index.Indexed, ClusterableModel):
    """A qualification measure, language course or counselling offer of a provider."""

    provider = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        related_name="measures",
        verbose_name=_("provider"),
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind of measure"), max_length=30, choices=MeasureKind.choices)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    audiences = ParentalManyToManyField(
        "portal.Audience", blank=True, related_name="measures", verbose_name=_("target groups")
    )
    target_group_note = models.CharField(
        _("target group"),
        max_length=200,
        blank=True,
        help_text=_("E.g. under 25, women with children, academics."),
    )
    residence_statuses = ParentalManyToManyField(
        "portal.ResidenceStatus",
        blank=True,
        related_name="measures",
        verbose_name=_("residence statuses admitted"),
        help_text=_("Empty: open to every residence status."),
    )
    entry_level = models.CharField(
        _("German entry level"),
        max_length=2,
        choices=GermanLevel.choices,
        blank=True,
        help_text=_("Empty: no German required."),
    )
    exit_level = models.CharField(
        _("German exit level"), max_length=2, choices=GermanLevel.choices, blank=True
    )
    continuous_entry = models.BooleanField(
        _("continuous entry"), default=False, help_text=_("Participants can join at any time.")
    )
    duration_weeks = models.PositiveSmallIntegerField(
        _("duration (weeks)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(260)],
    )
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours per week"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_HOURS_PER_WEEK)],
    )
    schedule_note = models.CharField(
        _("times"), max_length=200, blank=True, help_text=_("E.g. Mon–Fri 8:30–12:45.")
    )
    mode = models.CharField(
        _("attendance"),
        max_length=10,
        choices=AttendanceMode.choices,
        default=AttendanceMode.ON_SITE,
    )
    location = models.ForeignKey(
        "directory.Location",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("location from the directory"),
    )
    address = models.CharField(
        _("address"), max_length=200, blank=True, help_text=_("If not a directory location.")
    )
    municipality = models.ForeignKey(
        "portal.Municipality",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality"),
    )
    funding = models.CharField(
        _("funding route"), max_length=20, choices=FundingRoute.choices, blank=True
    )
    funding_note = models.CharField(_("note on funding"), max_length=200, blank=True)
    free_seats = models.PositiveSmallIntegerField(
        _("free seats"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(999)],
        help_text=_("Empty: not known."),
    )
    contact = models.ForeignKey(
        "directory.ContactPerson",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("contact person (directory)"),
        help_text=_("Shown according to the contact's own visibility."),
    )
    contact_note = models.CharField(
        _("how to enrol"),
        max_length=300,
        blank=True,
        help_text=_("Public: e.g. registration by phone at the front desk."),
    )
    topics = ParentalManyToManyField(
        "portal.Topic", blank=True, related_name="measures", verbose_name=_("topics")
    )
    occupational_fields = ParentalManyToManyField(
        OccupationalField,
        blank=True,
        related_name="measures",
        verbose_name=_("occupational fields"),
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=12,
        choices=PUBLIC_OR_PARTNERS,
        default=Visibility.PUBLIC,
        db_index=True,
    )
    is_active = models.BooleanField(_("active"), default=True)
    external_key = models.CharField(
        _("external key"), max_length=80, null=True, blank=True, unique=True
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = MeasureQuerySet.as_manager()

    panels = [
        FieldPanel("provider"),
        FieldRowPanel([FieldPanel("title"), FieldPanel("kind")]),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("audiences"),
                FieldPanel("target_group_note"),
                FieldPanel("residence_statuses"),
                FieldRowPanel([FieldPanel("entry_level"), FieldPanel("exit_level")]),
                FieldPanel("occupational_fields"),
            ],
            heading=_("Who can take part"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("continuous_entry"),
                InlinePanel("starts", label=_("Start date")),
                FieldRowPanel(
                    [
                        FieldPanel("duration_weeks"),
                        FieldPanel("hours_per_week"),
                        FieldPanel("schedule_note"),
                    ]
                ),
                FieldPanel("free_seats"),
            ],
            heading=_("Dates and seats"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("mode"),
                FieldPanel("location"),
                FieldPanel("address"),
                FieldPanel("municipality"),
            ],
            heading=_("Place"),
        ),
        FieldRowPanel([FieldPanel("funding"), FieldPanel("funding_note")]),
        FieldRowPanel([FieldPanel("contact"), FieldPanel("contact_note")]),
        FieldPanel("topics"),
        FieldRowPanel([FieldPanel("visibility"), FieldPanel("is_active")]),
    ]
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("description"),
        index.AutocompleteField("title"),
        index.FilterField("kind"),
        index.FilterField("provider"),
    ]

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("offers:measure", kwargs={"pk": self.pk})

    @property
    def place_municipality(self):
        if self.municipality_id:
            return self.municipality
        if self.location_id:
            return self.location.municipality
        return None

    @property
    def place(self) -> str:
        if self.location_id:
            return self.location.address_line
        return self.address

    def clean(self) -> None:
        errors = {}
        if (
            self.entry_level
            and self.exit_level
            and LEVEL_ORDER.index(self.exit_level) < LEVEL_ORDER.index(self.entry_level)
        ):
            errors["exit_level"] = _("The exit level cannot be below the entry level.")
        if (
            self.location_id
            and self.provider_id
            and self.location.organisation_id != (self.provider_id)
        ):
            errors["location"] = _("Choose a location of the provider.")
        if (
            self.contact_id
            and self.provider_id
            and self.contact.organisation_id != (self.provider_id)
        ):
            errors["contact"] = _("Choose a contact person of the provider.")
        if errors:
            raise ValidationError(errors)


class MeasureStart(Orderable):
    """One start date of a measure (courses start several times a year)."""

    measure = ParentalKey(Measure, on_delete=models.CASCADE, related_name="starts")
    date = models.DateField(_("start date"), validators=[MinValueValidator(EARLIEST_DATE)])
    note = models.CharField(_("note"), max_length=120, blank=True)

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("note")])]

    class Meta(Orderable.Meta):
        verbose_name = _("start date")
        verbose_name_plural = _("start dates")
        indexes = [models.Index(fields=["measure", "date"], name="offers_start_measure_date")]

    def __str__(self) -> str:
        return self.date.isoformat()
