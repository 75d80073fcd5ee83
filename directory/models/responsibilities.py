"""Responsibilities (Zuständigkeiten): topic × residence status × municipalities × surname range
→ contact or team, with a deputy."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
)

from directory.models.contacts import ContactPerson, _letters
from directory.models.organisations import EDITOR_PERMISSION, Organisation
from portal.vocabulary import LegalCircle


class ResponsibilityQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Responsibility(models.Model):
    """Who is responsible (Zuständigkeit): topic × residence status or legal circle ×
    municipalities × optional surname range → an organisational unit, a contact, a deputy.

    An empty ``residence_status`` and ``legal_circle`` means "any"; ``all_municipalities``
    covers the whole region; an empty surname range covers every surname.
    """

    topic = models.ForeignKey(
        "portal.Topic",
        on_delete=models.PROTECT,
        related_name="responsibilities",
        verbose_name=_("topic"),
    )
    service_name = models.CharField(
        _("service"),
        max_length=200,
        blank=True,
        help_text=_("The service as the authority names it (XZuFi Leistung), if more specific."),
    )
    residence_status = models.ForeignKey(
        "portal.ResidenceStatus",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responsibilities",
        verbose_name=_("residence status"),
        help_text=_("Empty: any residence status."),
    )
    legal_circle = models.CharField(
        _("legal circle"),
        max_length=10,
        choices=LegalCircle.choices,
        blank=True,
        help_text=_("Empty: any legal circle."),
    )
    all_municipalities = models.BooleanField(_("all municipalities of the region"), default=False)
    municipalities = models.ManyToManyField(
        "portal.Municipality",
        blank=True,
        related_name="responsibilities",
        verbose_name=_("municipalities"),
    )
    surname_from = models.CharField(
        _("surnames from"), max_length=10, blank=True, help_text=_("E.g. A. Empty: all surnames.")
    )
    surname_to = models.CharField(
        _("surnames to"), max_length=10, blank=True, help_text=_("E.g. K (inclusive).")
    )
    # Filing keys of the range, kept by save() so that the finder compares in SQL.
    surname_from_key = models.CharField(max_length=12, blank=True, editable=False)
    surname_to_key = models.CharField(max_length=12, blank=True, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="responsibilities",
        verbose_name=_("organisation or team"),
    )
    contact = models.ForeignKey(
        ContactPerson,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responsibilities",
        verbose_name=_("responsible contact"),
    )
    deputy = models.ForeignKey(
        ContactPerson,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deputy_for",
        verbose_name=_("deputy (Vertretung)"),
    )
    note = models.TextField(_("note"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    external_key = models.CharField(
        _("external key"), max_length=80, null=True, blank=True, unique=True
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ResponsibilityQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("topic"), FieldPanel("service_name")]),
        FieldRowPanel([FieldPanel("residence_status"), FieldPanel("legal_circle")]),
        FieldPanel("all_municipalities"),
        FieldPanel("municipalities"),
        FieldRowPanel([FieldPanel("surname_from"), FieldPanel("surname_to")]),
        FieldPanel("organisation", permission=EDITOR_PERMISSION),
        FieldRowPanel([FieldPanel("contact"), FieldPanel("deputy")]),
        FieldPanel("note"),
        FieldPanel("is_active"),
        FieldPanel("external_key"),
    ]

    class Meta:
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")
        ordering = ["topic__sort_order", "topic__name", "organisation__name", "surname_from"]
        indexes = [
            models.Index(fields=["topic", "is_active"], name="dir_resp_topic_active"),
        ]

    def __str__(self) -> str:
        parts = [str(self.topic_id and self.topic)]
        if self.residence_status_id:
            parts.append(str(self.residence_status))
        elif self.legal_circle:
            parts.append(self.get_legal_circle_display())
        if self.surname_from or self.surname_to:
            parts.append(self.surname_range_label)
        return " · ".join(parts)

    def save(self, *args, **kwargs):
        self.surname_from_key = _letters(self.surname_from)
        # "~" sorts after every letter, so that "k~" includes "kaiser" … "kzzz".
        self.surname_to_key = (_letters(self.surname_to) + "~") if self.surname_to else ""
        super().save(*args, **kwargs)

    @property
    def surname_range_label(self) -> str:
        if not (self.surname_from or self.surname_to):
            return ""
        return f"{(self.surname_from or 'A').upper()}–{(self.surname_to or 'Z').upper()}"

    def clean(self) -> None:
        errors = {}
        if self.residence_status_id and self.legal_circle:
            errors["legal_circle"] = _(
                "Give a residence status or a legal circle, not both: the status implies "
                "its circle."
            )
        for field in ("surname_from", "surname_to"):
            value = getattr(self, field)
            if value and not _letters(value):
                errors[field] = _("Use letters only, e.g. A or Sch.")
        if (self.surname_from or self.surname_to) and not (self.surname_from and self.surname_to):
            errors["surname_to"] = _("Give both ends of the surname range.")
        elif self.surname_from and _letters(self.surname_from) > _letters(self.surname_to):
            errors["surname_to"] = _("The range must run forwards, e.g. A to K.")
        if self.contact_id and self.deputy_id and self.contact_id == self.deputy_id:
            errors["deputy"] = _("The deputy must be someone else.")
        if errors:
            raise ValidationError(errors)
