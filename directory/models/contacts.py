"""Contact persons, and the surname key that responsibilities split by."""

from __future__ import annotations

import re
import unicodedata

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
)
from wagtail.search import index

from directory.models.organisations import (
    EDITOR_PERMISSION,
    TEXT_VALIDATORS,
    Location,
    Organisation,
)
from portal.access import Visibility


class ContactPersonQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def unverified_since(self, cutoff):
        """Active contacts never verified or last verified before ``cutoff`` (a date)."""
        return self.active().filter(
            models.Q(verified_on__isnull=True) | models.Q(verified_on__lt=cutoff)
        )


class ContactPerson(index.Indexed, models.Model):
    """A person (or functional contact) at an organisation. Partners-only contacts show their
    name, direct phone and e-mail only to partner staff (``portal.access``)."""

    organisation = ParentalKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("organisation"),
    )
    location = models.ForeignKey(
        Location,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contacts",
        verbose_name=_("location"),
    )
    honorific = models.CharField(
        _("salutation / title"),
        max_length=40,
        blank=True,
        help_text=_("E.g. Frau, Herr, Dr."),
        validators=TEXT_VALIDATORS,
    )
    given_name = models.CharField(
        _("given name"), max_length=100, blank=True, validators=TEXT_VALIDATORS
    )
    family_name = models.CharField(_("family name"), max_length=100, validators=TEXT_VALIDATORS)
    function = models.CharField(
        _("function / role"), max_length=200, blank=True, validators=TEXT_VALIDATORS
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=TEXT_VALIDATORS)
    mobile = models.CharField(_("mobile"), max_length=40, blank=True, validators=TEXT_VALIDATORS)
    email = models.EmailField(_("email"), blank=True)
    languages = models.CharField(
        _("languages spoken"),
        max_length=200,
        blank=True,
        help_text=_("Comma-separated."),
        validators=TEXT_VALIDATORS,
    )
    consultation_hours = models.CharField(
        _("consultation hours"), max_length=300, blank=True, validators=TEXT_VALIDATORS
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=12,
        choices=[
            (Visibility.PUBLIC.value, Visibility.PUBLIC.label),
            (Visibility.PARTNERS.value, Visibility.PARTNERS.label),
        ],
        default=Visibility.PARTNERS,
        db_index=True,
    )
    is_general_contact = models.BooleanField(
        _("general contact of the organisation"),
        default=False,
        help_text=_("Shown by the finder when nobody more specific is responsible."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    absent_until = models.DateField(
        _("absent until"),
        null=True,
        blank=True,
        help_text=_("While absent, the finder and the contact card lead with the deputy."),
    )
    absence_note = models.CharField(
        _("absence note"), max_length=200, blank=True, validators=TEXT_VALIDATORS
    )
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
    responsible_account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("account responsible for keeping it current"),
    )
    external_key = models.CharField(
        _("external key"), max_length=80, null=True, blank=True, unique=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ContactPersonQuerySet.as_manager()

    panels = [
        FieldPanel("organisation", permission=EDITOR_PERMISSION),
        FieldPanel("location"),
        FieldRowPanel(
            [FieldPanel("honorific"), FieldPanel("given_name"), FieldPanel("family_name")]
        ),
        FieldPanel("function"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("mobile"), FieldPanel("email")]),
        FieldPanel("languages"),
        FieldPanel("consultation_hours"),
        FieldRowPanel([FieldPanel("visibility"), FieldPanel("is_general_contact")]),
        FieldPanel("is_active"),
        FieldRowPanel([FieldPanel("absent_until"), FieldPanel("absence_note")]),
        FieldRowPanel([FieldPanel("verified_on"), FieldPanel("responsible_account")]),
        FieldPanel("external_key"),
    ]
    search_fields = [
        index.SearchField("family_name", boost=2),
        index.SearchField("given_name"),
        index.SearchField("function"),
        index.AutocompleteField("family_name"),
        index.AutocompleteField("given_name"),
        index.FilterField("visibility"),
        index.FilterField("is_active"),
        index.FilterField("organisation"),
    ]

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["family_name", "given_name"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.honorific, self.given_name, self.family_name) if p)

    def language_list(self) -> list[str]:
        return [part.strip() for part in self.languages.split(",") if part.strip()]

    @property
    def is_absent(self) -> bool:
        """Absent today (``absent_until`` is the last day of the absence)."""
        return self.absent_until is not None and self.absent_until >= timezone.localdate()


#: Name particles that do not decide the letter a surname is filed under. German authorities
#: file "von der Heide" under H and "al-Hassan" under H (DIN 5007-2 files particles after the
#: name); documented in docs/directory.md.
SURNAME_PARTICLES = (
    "von der",
    "von dem",
    "van der",
    "van den",
    "von",
    "vom",
    "van",
    "zu",
    "zum",
    "zur",
    "de la",
    "de",
    "del",
    "della",
    "der",
    "den",
    "di",
    "da",
    "dos",
    "du",
    "le",
    "la",
    "ten",
    "ter",
    "al",
    "el",
    "abu",
    "bin",
    "ibn",
)


_PARTICLE_RE = re.compile(
    r"^(?:(?:" + "|".join(re.escape(p) for p in SURNAME_PARTICLES) + r")(?:[\s\-'’]+))+",
    re.IGNORECASE,
)


_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "æ": "ae", "ø": "o", "œ": "oe"})


def surname_key(surname: str) -> str:
    """The filing key of a surname: particles dropped, umlauts folded (Ä files as A, DIN 5007-1),
    accents stripped, only a–z kept. ``"von Müller"`` → ``"muller"``, ``"al-Hassan"`` →
    ``"hassan"``, ``"Özdemir"`` → ``"ozdemir"``. Empty when nothing letter-like remains."""
    text = (surname or "").strip().casefold()
    stripped = _PARTICLE_RE.sub("", text)
    if re.search(r"[^\W\d_]", stripped):
        text = stripped
    text = text.translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if "a" <= ch <= "z")


def _letters(value: str) -> str:
    return surname_key(value) if value else ""
