"""Organisations (with their kinds and the organisation side of partner staff's memberships) and
their locations with structured opening hours and step-free access."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from portal.access import Visibility
from portal.accounts.models import Membership
from portal.validators import no_control_characters
from portal.vocabulary import VocabularyTerm, Weekday

#: On every free text of organisations, locations and contacts: they go into exports, vCards
#: and feeds, where a control character is junk at best and a broken file at worst.
TEXT_VALIDATORS = [no_control_characters]


class OrganisationKind(VocabularyTerm):
    """Kind of organisation (Jobcenter, Ausländerbehörde, …) — an editable list."""

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("organisation kind")
        verbose_name_plural = _("organisation kinds")


#: Fields that decide who belongs to an organisation are for editors, not for its maintainers.
EDITOR_PERMISSION = "directory.change_organisation"


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def maintained_by(self, user):
        """Organisations ``user`` maintains, with their teams (children) one level down."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(models.Q(maintainers=user) | models.Q(parent__maintainers=user))


class Organisation(index.Indexed, ClusterableModel):
    """An authority, team, provider or association of the partner network (XZuFi
    Organisationseinheit, HSDS organization). Teams inside an authority have a ``parent``."""

    name = models.CharField(_("name"), max_length=200, validators=TEXT_VALIDATORS)
    abbreviation = models.CharField(
        _("abbreviation"), max_length=40, blank=True, validators=TEXT_VALIDATORS
    )
    slug = models.SlugField(_("URL key"), max_length=120, unique=True, allow_unicode=False)
    kind = models.ForeignKey(
        OrganisationKind,
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("kind"),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="teams",
        verbose_name=_("parent organisation"),
        help_text=_("For teams inside an authority."),
    )
    description = models.TextField(_("description"), blank=True, validators=TEXT_VALIDATORS)
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=TEXT_VALIDATORS)
    email = models.EmailField(_("functional mailbox"), blank=True)
    hotline = models.CharField(_("hotline"), max_length=40, blank=True, validators=TEXT_VALIDATORS)
    hotline_hours = models.CharField(
        _("hotline hours"), max_length=200, blank=True, validators=TEXT_VALIDATORS
    )
    hotline_visibility = models.CharField(
        _("hotline visible to"),
        max_length=12,
        choices=[
            (Visibility.PUBLIC.value, Visibility.PUBLIC.label),
            (Visibility.PARTNERS.value, Visibility.PARTNERS.label),
        ],
        default=Visibility.PUBLIC,
        help_text=_("An internal line for partner staff only: choose “Partners only”."),
    )
    verified_email_domains = models.CharField(
        _("verified email domains"),
        max_length=300,
        blank=True,
        help_text=_(
            "Comma-separated, e.g. kreis-herford.de. Staff with such addresses may sign up "
            "as partner staff of this organisation."
        ),
    )
    maintainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="maintained_organisations",
        verbose_name=_("maintainers"),
        help_text=_("Partner staff who may edit this organisation's entries."),
    )
    external_key = models.CharField(
        _("external key"),
        max_length=80,
        null=True,
        blank=True,
        unique=True,
        help_text=_("Stable key used by imports."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    panels = [
        TabbedInterface(
            [
                ObjectList(
                    [
                        FieldRowPanel([FieldPanel("name"), FieldPanel("abbreviation")]),
                        FieldRowPanel([FieldPanel("slug"), FieldPanel("kind")]),
                        FieldPanel("parent"),
                        FieldPanel("description"),
                        FieldPanel("website"),
                        MultiFieldPanel(
                            [
                                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                                FieldRowPanel([FieldPanel("hotline"), FieldPanel("hotline_hours")]),
                                FieldPanel("hotline_visibility"),
                            ],
                            heading=_("Reaching the organisation"),
                        ),
                        FieldPanel("is_active"),
                    ],
                    heading=_("Organisation"),
                ),
                ObjectList([InlinePanel("locations", label=_("Location"))], heading=_("Locations")),
                ObjectList(
                    [InlinePanel("contacts", label=_("Contact person"))],
                    heading=_("Contact persons"),
                ),
                ObjectList(
                    [
                        # Editors only: verified domains grant partner sign-up, so a
                        # maintainer must not widen them (nor hand out maintainership).
                        FieldPanel("verified_email_domains", permission=EDITOR_PERMISSION),
                        FieldPanel("maintainers", permission=EDITOR_PERMISSION),
                        FieldPanel("external_key", permission=EDITOR_PERMISSION),
                    ],
                    heading=_("Administration"),
                ),
            ]
        )
    ]
    search_fields = [
        index.SearchField("name", boost=3),
        index.SearchField("abbreviation", boost=3),
        index.SearchField("description"),
        index.AutocompleteField("name"),
        index.AutocompleteField("abbreviation"),
        index.FilterField("kind"),
        index.FilterField("is_active"),
    ]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        if self.abbreviation and self.abbreviation.lower() not in self.name.lower():
            return f"{self.name} ({self.abbreviation})"
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:organisation", kwargs={"slug": self.slug})

    def email_domains(self) -> list[str]:
        """The verified e-mail domains as a clean lower-case list."""
        return [
            part.strip().lower().lstrip("@")
            for part in self.verified_email_domains.replace(";", ",").split(",")
            if part.strip()
        ]

    def matches_email(self, email: str) -> bool:
        """True when ``email`` belongs to one of the verified domains (exactly, no subdomains)."""
        domain = email.rpartition("@")[2].strip().lower()
        return bool(domain) and domain in self.email_domains()


class OrganisationMembership(models.Model):
    """The directory's side of a partner staff member's role request (``accounts.Membership``):
    the organisation the person works for. Its maintainers decide the request, and a verified
    address in one of its domains approves it at once (``directory.memberships``)."""

    membership = models.OneToOneField(
        Membership,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="organisation_side",
        verbose_name=_("membership"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="staff_memberships",
        verbose_name=_("organisation"),
    )

    class Meta:
        verbose_name = _("organisation membership")
        verbose_name_plural = _("organisation memberships")

    def __str__(self) -> str:
        return f"{self.membership} – {self.organisation}"


#: schema.org day names by ISO weekday number.
SCHEMA_DAYS = {
    1: "Monday",
    2: "Tuesday",
    3: "Wednesday",
    4: "Thursday",
    5: "Friday",
    6: "Saturday",
    7: "Sunday",
}


class OpeningHoursBlock(blocks.StructBlock):
    """One opening period: a weekday and a time span (several per day are allowed)."""

    weekday = blocks.ChoiceBlock(choices=Weekday.choices, label=_("weekday"))
    opens = blocks.TimeBlock(label=_("from"))
    closes = blocks.TimeBlock(label=_("to"))
    note = blocks.CharBlock(label=_("note"), required=False, max_length=80)

    class Meta:
        icon = "time"
        label = _("Opening period")

    def clean(self, value):
        value = super().clean(value)
        if value["opens"] and value["closes"] and value["opens"] >= value["closes"]:
            raise blocks.StructBlockValidationError(
                {"closes": ValidationError(_("The end must be after the start."))}
            )
        return value


class StepFreeAccess(models.TextChoices):
    YES = "yes", _("Step-free")
    PARTIAL = "partial", _("Partly step-free")
    NO = "no", _("Not step-free")
    UNKNOWN = "unknown", _("Not known")


class Location(Orderable, index.Indexed, models.Model):
    """A place where an organisation receives people (HSDS location)."""

    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Kreishaus, Dienststelle Bünde."),
        validators=TEXT_VALIDATORS,
    )
    street = models.CharField(_("street and number"), max_length=200, validators=TEXT_VALIDATORS)
    postal_code = models.CharField(_("postal code"), max_length=10, validators=TEXT_VALIDATORS)
    city = models.CharField(_("city"), max_length=100, validators=TEXT_VALIDATORS)
    municipality = models.ForeignKey(
        "portal.Municipality",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directory_locations",
        verbose_name=_("municipality"),
        help_text=_("Empty for places outside the region (e.g. the BAMF office in Bielefeld)."),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    opening_hours = StreamField(
        [("period", OpeningHoursBlock())],
        blank=True,
        verbose_name=_("opening hours"),
    )
    opening_hours_note = models.CharField(
        _("note on opening hours"),
        max_length=200,
        blank=True,
        help_text=_("E.g. appointments by phone only."),
        validators=TEXT_VALIDATORS,
    )
    step_free_access = models.CharField(
        _("step-free access"),
        max_length=10,
        choices=StepFreeAccess.choices,
        default=StepFreeAccess.UNKNOWN,
    )
    accessibility_note = models.CharField(
        _("note on access"), max_length=200, blank=True, validators=TEXT_VALIDATORS
    )
    transport_note = models.CharField(
        _("public transport"), max_length=200, blank=True, validators=TEXT_VALIDATORS
    )
    external_key = models.CharField(
        _("external key"), max_length=80, null=True, blank=True, unique=True
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("street"), FieldPanel("postal_code"), FieldPanel("city")]),
        FieldPanel("municipality"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("opening_hours"),
        FieldPanel("opening_hours_note"),
        FieldRowPanel([FieldPanel("step_free_access"), FieldPanel("accessibility_note")]),
        FieldPanel("transport_note"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("street"),
        index.SearchField("city"),
        index.AutocompleteField("city"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self) -> str:
        label = self.name or self.city
        return f"{label}, {self.street}"

    @property
    def address_line(self) -> str:
        return f"{self.street}, {self.postal_code} {self.city}"

    def opening_periods(self) -> list[dict]:
        """The opening periods sorted by weekday and time, as plain dicts."""
        periods = []
        for block in self.opening_hours:
            value = block.value
            periods.append(
                {
                    "weekday": int(value["weekday"]),
                    "weekday_label": Weekday(int(value["weekday"])).label,
                    "opens": value["opens"],
                    "closes": value["closes"],
                    "note": value.get("note") or "",
                }
            )
        return sorted(periods, key=lambda p: (p["weekday"], p["opens"]))
