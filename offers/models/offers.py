"""Companies and their offers."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from offers.models.vocabulary import (
    EARLIEST_DATE,
    MAX_HOURS_PER_WEEK,
    MAX_PLACES,
    MAX_VALIDITY_DAYS,
    PUBLIC_OR_PARTNERS,
    GermanLevel,
    OccupationalField,
)
from portal.access import Visibility
from portal.accounts.models import CompanySize

# --------------------------------------------------------------------------------------------
# Companies


class CompanyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def without_account(self):
        return self.filter(profile__isnull=True)

    def of_user(self, user):
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(profile__user=user)


class Company(index.Indexed, models.Model):
    """An employer of the region. Without ``profile`` it is kept by the employer service; an
    invitation lets the company take it over into its own employer account."""

    name = models.CharField(_("company name"), max_length=200)
    slug = models.SlugField(_("URL key"), max_length=120, unique=True, blank=True)
    sector = models.CharField(_("sector"), max_length=120, blank=True)
    description = models.TextField(
        _("about the company"),
        blank=True,
        max_length=2000,
        help_text=_("Shown with published offers. No personal data, please."),
    )
    website = models.URLField(_("website"), blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("town"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        "portal.Municipality",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality"),
    )
    size = models.CharField(
        _("company size"), max_length=10, choices=CompanySize.choices, blank=True
    )
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    organisation = models.ForeignKey(
        "directory.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="companies",
        verbose_name=_("entry in the directory"),
        help_text=_("If the company has its own entry in the partner network directory."),
    )
    profile = models.OneToOneField(
        "accounts.EmployerProfile",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="company",
        verbose_name=_("employer account"),
        help_text=_("Empty while the employer service keeps the company's offers."),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("entered by (employer service)"),
    )
    invitation_email = models.EmailField(_("invitation sent to"), blank=True)
    invitation_sent_at = models.DateTimeField(_("invitation sent at"), null=True, blank=True)
    #: Raised with every new invitation and on take-over, so that older links stop working.
    invitation_version = models.PositiveIntegerField(default=0, editable=False)
    taken_over_at = models.DateTimeField(_("taken over at"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    external_key = models.CharField(
        _("external key"), max_length=80, null=True, blank=True, unique=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CompanyQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("sector"), FieldPanel("size")]),
        FieldPanel("description"),
        FieldPanel("website"),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
                FieldPanel("municipality"),
            ],
            heading=_("Address"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_person"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
            ],
            heading=_("Contact (partners only)"),
        ),
        FieldPanel("organisation"),
        FieldPanel("profile"),
        FieldPanel("is_active"),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.SearchField("sector"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name"]
        permissions = [
            (
                "act_for_companies",
                _("Can enter offers on behalf of companies (employer service)"),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("offers:company", kwargs={"slug": self.slug})

    def _unique_slug(self) -> str:
        base = slugify(self.name)[:100] or "firma"
        slug, number = base, 2
        while Company.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug = f"{base}-{number}"
            number += 1
        return slug

    @property
    def has_account(self) -> bool:
        return self.profile_id is not None

    @property
    def place(self) -> str:
        return " ".join(p for p in (self.postcode, self.city) if p) or (
            self.municipality.name if self.municipality_id else ""
        )


# --------------------------------------------------------------------------------------------
# Offers


class OfferKind(models.TextChoices):
    INTERNSHIP = "internship", _("Internship (Praktikum)")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship (Ausbildungsplatz)")
    JOB = "job", _("Job")
    TRIAL = "trial", _("Taster day (Probearbeit)")
    EQ = "eq", _("Entry qualification (Einstiegsqualifizierung, EQ)")


class OfferSource(models.TextChoices):
    EMPLOYER = "employer", _("entered by the employer")
    EMPLOYER_SERVICE = "employer_service", _("entered by the employer service")
    MEETING_POINT = "meeting_point", _("brought to a Meeting Point")
    ADMIN = "admin", _("entered by the editors")


class OfferQuerySet(models.QuerySet):
    def current(self, today: datetime.date | None = None):
        """Offers that are listed today: not withdrawn, not expired, of an active company."""
        today = today or timezone.localdate()
        return self.filter(
            withdrawn_at__isnull=True, valid_until__gte=today, company__is_active=True
        )

    def expired(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.filter(withdrawn_at__isnull=True, valid_until__lt=today)

    def for_listing(self):
        return self.select_related("company", "field", "municipality")


class Offer(models.Model):
    """One offer of a company. ``visibility`` public means "publish on the public site without
    personal data"; partners-only offers are seen by partner staff (and the company)."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="offers", verbose_name=_("company")
    )
    kind = models.CharField(_("kind of offer"), max_length=20, choices=OfferKind.choices)
    occupation = models.CharField(
        _("occupation"),
        max_length=150,
        help_text=_("E.g. Tischler/in, Fachkraft für Lagerlogistik, Pflegehelfer/in."),
    )
    field = models.ForeignKey(
        OccupationalField,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="offers",
        verbose_name=_("occupational field"),
    )
    description = models.TextField(_("tasks and what we offer"), blank=True, max_length=3000)
    places = models.PositiveSmallIntegerField(
        _("number of places"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PLACES)],
    )
    municipality = models.ForeignKey(
        "portal.Municipality",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("place of work"),
        help_text=_("Required in the forms; empty only for offers taken from a registration."),
    )
    workplace = models.CharField(
        _("address or district of the workplace"), max_length=200, blank=True
    )
    start_date = models.DateField(
        _("start date"),
        null=True,
        blank=True,
        validators=[MinValueValidator(EARLIEST_DATE)],
        help_text=_("Empty: as soon as possible."),
    )
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours per week"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_HOURS_PER_WEEK)],
    )
    working_hours_note = models.CharField(
        _("working hours"), max_length=200, blank=True, help_text=_("E.g. shifts, part-time.")
    )
    german_level = models.CharField(
        _("required German level"),
        max_length=2,
        choices=GermanLevel.choices,
        blank=True,
        help_text=_("Empty: no particular level required."),
    )
    requirements = models.TextField(
        _("other requirements"),
        blank=True,
        max_length=2000,
        help_text=_("E.g. driving licence, school certificate, physical fitness."),
    )
    supports_work_permit = models.BooleanField(
        _("supports the work-permit application"),
        default=False,
        help_text=_(
            "The company fills in the job description (Stellenbeschreibung) for the "
            "Ausländerbehörde."
        ),
    )
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    valid_until = models.DateField(
        _("valid until"), validators=[MinValueValidator(EARLIEST_DATE)], db_index=True
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=12,
        choices=PUBLIC_OR_PARTNERS,
        default=Visibility.PARTNERS,
        db_index=True,
        help_text=_("Public: published on the public site without personal data."),
    )
    topics = models.ManyToManyField(
        "portal.Topic", blank=True, related_name="offers", verbose_name=_("topics")
    )
    meeting_point_registrations = models.ManyToManyField(
        "events.Registration",
        blank=True,
        related_name="standing_offers",
        verbose_name=_("Meeting Point registrations"),
    )
    source = models.CharField(
        _("source"), max_length=20, choices=OfferSource.choices, default=OfferSource.EMPLOYER
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    renewal_reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    expiry_notice_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    external_key = models.CharField(
        _("external key"), max_length=80, null=True, blank=True, unique=True
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = OfferQuerySet.as_manager()

    panels = [
        FieldPanel("company"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("field")]),
        FieldPanel("occupation"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("places"), FieldPanel("municipality"), FieldPanel("workplace")]),
        FieldRowPanel(
            [
                FieldPanel("start_date"),
                FieldPanel("hours_per_week"),
                FieldPanel("working_hours_note"),
            ]
        ),
        FieldRowPanel([FieldPanel("german_level"), FieldPanel("supports_work_permit")]),
        FieldPanel("requirements"),
        MultiFieldPanel(
            [
                FieldPanel("contact_person"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
            ],
            heading=_("Contact (partners only)"),
        ),
        FieldRowPanel([FieldPanel("valid_until"), FieldPanel("visibility")]),
        FieldPanel("topics"),
        FieldPanel("withdrawn_at"),
    ]

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["kind", "valid_until"], name="offers_offer_kind_valid"),
            models.Index(fields=["municipality", "valid_until"], name="offers_offer_muni_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.occupation} – {self.company_id and self.company}"

    def get_absolute_url(self) -> str:
        return reverse("offers:offer", kwargs={"pk": self.pk})

    @property
    def title(self) -> str:
        return f"{self.get_kind_display()}: {self.occupation}"

    def is_expired(self, today: datetime.date | None = None) -> bool:
        return self.valid_until < (today or timezone.localdate())

    def is_current(self, today: datetime.date | None = None) -> bool:
        return self.withdrawn_at is None and not self.is_expired(today) and self.company.is_active

    @property
    def status_label(self) -> str:
        if self.withdrawn_at:
            return str(_("withdrawn"))
        if self.is_expired():
            return str(_("expired"))
        return str(_("current"))

    def clean(self) -> None:
        errors = {}
        if self.start_date and self.start_date.year > timezone.localdate().year + 5:
            errors["start_date"] = _("The start date lies too far in the future.")
        if self.valid_until and self.valid_until > timezone.localdate() + datetime.timedelta(
            days=MAX_VALIDITY_DAYS
        ):
            errors["valid_until"] = _("An offer can be valid for at most a year at a time.")
        if errors:
            raise ValidationError(errors)
