"""The partner network directory: organisations, their locations, contact persons,
responsibilities (Zuständigkeiten). Their changes are logged in Wagtail's log
(``directory.changelog``).

The shapes follow XZuFi (service × organisational unit × area covered) and Open Referral HSDS
(organization, location, service-at-location, service area) so that an export to either stays
possible: a ``Responsibility`` is the service-at-location record, ``Organisation`` the unit.
"""

from __future__ import annotations

import re
import unicodedata

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
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.access import Visibility
from portal.validators import no_control_characters
from portal.vocabulary import LegalCircle, VocabularyTerm, Weekday

#: On every free text of organisations, locations and contacts: they go into exports, vCards
#: and feeds, where a control character is junk at best and a broken file at worst.
TEXT_VALIDATORS = [no_control_characters]

# --------------------------------------------------------------------------------------------
# Section page


class DirectoryIndexPage(Page):
    """The section page of the Partner network directory below the home page.

    The page itself serves the filtered organisation list; organisation pages, the finder,
    exports, vCards and the changes feed are plain Django views (``directory.urls``) mounted
    below ``/verzeichnis/``.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("directory index")

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        from directory.forms import DirectoryFilterForm
        from directory.selectors import organisation_list

        context = super().get_context(request, *args, **kwargs)
        form = DirectoryFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
        organisations = organisation_list(
            user=request.user,
            kind=filters.get("art"),
            municipality=filters.get("gemeinde"),
            topic=filters.get("thema"),
            text=filters.get("q", ""),
        )
        paginator = Paginator(organisations, 30)
        page_obj = paginator.get_page(request.GET.get("seite"))
        query = request.GET.copy()
        query.pop("seite", None)
        from directory.maps import organisations_map

        context.update(
            filter_form=form,
            page_obj=page_obj,
            organisations=page_obj.object_list,
            # Reads the page's prefetched locations: the map costs no query of its own.
            location_map=organisations_map(page_obj.object_list),
            query_string=query.urlencode(),
        )
        return context


# --------------------------------------------------------------------------------------------
# Organisations


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


# --------------------------------------------------------------------------------------------
# Locations and opening hours


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


# --------------------------------------------------------------------------------------------
# Contact persons


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


# --------------------------------------------------------------------------------------------
# Responsibilities (Zuständigkeiten)

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
