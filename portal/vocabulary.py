"""The shared vocabulary: region, municipalities, topics, audiences, residence statuses, weekdays.

The same Topic tags a responsibility, an article and an event, so each can link to the others.
Editors extend these lists in the admin (snippets); the demo loader seeds them.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Weekday(models.IntegerChoices):
    """A day of the week, numbered as ISO 8601 does: Monday = 1 … Sunday = 7.

    One numbering for everything stored (the directory's opening hours, the events' recurrence
    rules): it is ``date.isoweekday()``, Django's ``__iso_week_day`` lookup, PostgreSQL's
    ``isodow`` and the German week (DIN 1355 / ISO 8601: the week starts on Monday), and no day
    is a falsy 0. Where a library counts from 0 (``date.weekday()``, dateutil's ``rrule``), use
    ``zero_based``; RFC 5545 and schema.org name the days (``code``, ``label``).
    """

    MONDAY = 1, _("Monday")
    TUESDAY = 2, _("Tuesday")
    WEDNESDAY = 3, _("Wednesday")
    THURSDAY = 4, _("Thursday")
    FRIDAY = 5, _("Friday")
    SATURDAY = 6, _("Saturday")
    SUNDAY = 7, _("Sunday")

    @classmethod
    def of(cls, day: datetime.date) -> Weekday:
        return cls(day.isoweekday())

    @property
    def zero_based(self) -> int:
        """Monday = 0, as ``date.weekday()`` and dateutil count."""
        return self.value - 1

    @property
    def code(self) -> str:
        """The RFC 5545 (iCalendar) day code: MO, TU, …"""
        return ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[self.value - 1]


class VocabularyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class VocabularyTerm(index.Indexed, models.Model):
    """Common shape of an editable list entry: a name, a stable slug, an order, an on/off switch."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("key"), max_length=80, unique=True, allow_unicode=False)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    objects = VocabularyQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("sort_order"),
        FieldPanel("is_active"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Region(models.Model):
    """A Kreis or kreisfreie Stadt served by one Integration Point (one Wagtail site)."""

    class Kind(models.TextChoices):
        KREIS = "kreis", _("District (Kreis)")
        CITY = "city", _("District-free city (kreisfreie Stadt)")
        STAEDTEREGION = "staedteregion", _("City region (Städteregion)")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("key"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.KREIS)
    official_key = models.CharField(_("official key (AGS/RS)"), max_length=12, blank=True)
    state = models.CharField(_("federal state"), max_length=60, default="Nordrhein-Westfalen")

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("official_key"),
        FieldPanel("state"),
    ]

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Municipality(VocabularyTerm):
    """A Gemeinde of a region."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("region")
    )
    official_key = models.CharField(_("municipality key (AGS)"), max_length=8, blank=True)
    postal_codes = models.CharField(
        _("postal codes"), max_length=200, blank=True, help_text=_("Comma-separated.")
    )

    panels = [
        *VocabularyTerm.panels,
        FieldPanel("region"),
        FieldPanel("official_key"),
        FieldPanel("postal_codes"),
    ]

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")


class Topic(VocabularyTerm):
    """A subject area (Arbeitsvermittlung, Aufenthalt & Beschäftigungserlaubnis, …)."""

    leika_key = models.CharField(
        _("LeiKa key"),
        max_length=14,
        blank=True,
        help_text=_("Federal service catalogue key, where one exists."),
    )
    description = models.TextField(_("description"), blank=True)

    panels = [*VocabularyTerm.panels, FieldPanel("leika_key"), FieldPanel("description")]

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class Audience(VocabularyTerm):
    """Who a piece of content is written for (partner staff, volunteers, employers, refugees)."""

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")


class LegalCircle(models.TextChoices):
    """The branch of social law that serves a person (Rechtskreis)."""

    SGB_III = "sgb3", _("SGB III (Agentur für Arbeit)")
    SGB_II = "sgb2", _("SGB II (Jobcenter)")
    ASYLBLG = "asylblg", _("AsylbLG (Sozialamt)")


class ResidenceStatus(VocabularyTerm):
    """A residence status or document (Aufenthaltsstatus) and its usual legal circle."""

    legal_basis = models.CharField(_("legal basis"), max_length=80, blank=True)
    legal_circle = models.CharField(
        _("legal circle"), max_length=10, choices=LegalCircle.choices, blank=True
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    panels = [
        *VocabularyTerm.panels,
        FieldPanel("legal_basis"),
        FieldPanel("legal_circle"),
        FieldPanel("valid_from"),
        FieldPanel("valid_to"),
    ]

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("residence status")
        verbose_name_plural = _("residence statuses")
