"""Constants and the editable vocabulary of offers: German levels, occupational fields,
neighbouring municipalities."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from portal.access import Visibility
from portal.vocabulary import VocabularyTerm

EARLIEST_DATE = datetime.date(2000, 1, 1)
#: Places per offer. More than this is a typing error (a larger employer enters several offers).
MAX_PLACES = 500
MAX_HOURS_PER_WEEK = 60
#: How long a new or renewed offer stays valid, and the longest validity an employer may set.
DEFAULT_VALIDITY_DAYS = 90
MAX_VALIDITY_DAYS = 365


class GermanLevel(models.TextChoices):
    """CEFR levels (Gemeinsamer europäischer Referenzrahmen), lowest first."""

    A1 = "A1", _("A1 – beginner")
    A2 = "A2", _("A2 – elementary")
    B1 = "B1", _("B1 – intermediate")
    B2 = "B2", _("B2 – upper intermediate")
    C1 = "C1", _("C1 – advanced")
    C2 = "C2", _("C2 – proficient")


LEVEL_ORDER = [level.value for level in GermanLevel]


def levels_up_to(level: str) -> list[str]:
    """The levels a person at ``level`` meets: ``"A2"`` → ``["A1", "A2"]``."""
    if level not in LEVEL_ORDER:
        return []
    return LEVEL_ORDER[: LEVEL_ORDER.index(level) + 1]


PUBLIC_OR_PARTNERS = [
    (Visibility.PUBLIC.value, Visibility.PUBLIC.label),
    (Visibility.PARTNERS.value, Visibility.PARTNERS.label),
]

# --------------------------------------------------------------------------------------------
# Vocabulary


class OccupationalField(VocabularyTerm):
    """A field of work (Berufsfeld) such as crafts, care or logistics; statistics group by it."""

    keywords = models.CharField(
        _("keywords"),
        max_length=400,
        blank=True,
        help_text=_(
            "Comma-separated occupations in this field (e.g. Tischler, Maler). Free text from "
            "Meeting Point registrations is matched against them."
        ),
    )

    panels = [*VocabularyTerm.panels, FieldPanel("keywords")]

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("occupational field")
        verbose_name_plural = _("occupational fields")

    def keyword_list(self) -> list[str]:
        return [k.strip().casefold() for k in self.keywords.split(",") if k.strip()]


class MunicipalityNeighbour(models.Model):
    """Two municipalities that border each other. Stored once per pair; the search reads the
    pair in both directions, so "Herford and neighbouring" includes Enger and vice versa."""

    municipality = models.ForeignKey(
        "portal.Municipality",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )
    neighbour = models.ForeignKey(
        "portal.Municipality",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("neighbouring municipality"),
    )

    panels = [FieldPanel("municipality"), FieldPanel("neighbour")]

    class Meta:
        verbose_name = _("neighbouring municipalities")
        verbose_name_plural = _("neighbouring municipalities")
        ordering = ["municipality__name", "neighbour__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "neighbour"], name="offers_neighbour_pair_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.neighbour}"

    def clean(self) -> None:
        if self.municipality_id and self.municipality_id == self.neighbour_id:
            raise ValidationError({"neighbour": _("A municipality is not its own neighbour.")})
        if (
            self.municipality_id
            and self.neighbour_id
            and MunicipalityNeighbour.objects.filter(
                municipality_id=self.neighbour_id, neighbour_id=self.municipality_id
            )
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError({"neighbour": _("This pair is already recorded.")})
