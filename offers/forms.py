"""Forms of offers and measures: the employer's company profile and offers, the employer
service's invitation, the partner search (a GET form whose URL can be shared and saved), saved
searches, the statistics period, and the admin form of measures. Bad input always becomes a
field error, never a server error."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from offers.models import (
    DEFAULT_VALIDITY_DAYS,
    MAX_VALIDITY_DAYS,
    Company,
    GermanLevel,
    MeasureKind,
    OccupationalField,
    Offer,
    OfferKind,
)
from offers.selectors import Filters
from portal.access import Visibility
from portal.models import Municipality, ResidenceStatus

#: A start date may lie at most this far in the past (an offer that started "recently").
START_DATE_PAST_DAYS = 365


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class CompanyForm(forms.ModelForm):
    """The company profile: what the employer (or the employer service) keeps current."""

    website = forms.URLField(
        label=_("website"), required=False, max_length=200, assume_scheme="https"
    )

    class Meta:
        model = Company
        fields = [
            "name",
            "sector",
            "description",
            "website",
            "street",
            "postcode",
            "city",
            "municipality",
            "size",
            "contact_person",
            "contact_email",
            "contact_phone",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.active()
        self.fields["contact_person"].help_text = _(
            "Seen by partner staff only, never on the public site."
        )


class OfferForm(forms.ModelForm):
    """One offer. ``publish`` stands for the visibility: published offers appear on the public
    site without the contact person, e-mail and phone."""

    publish = forms.BooleanField(
        label=_("Publish on the public site (without contact details)"),
        required=False,
        help_text=_(
            "Partner staff always see the offer. Published, it is also listed publicly – "
            "without your contact person, e-mail and phone."
        ),
    )

    class Meta:
        model = Offer
        fields = [
            "kind",
            "occupation",
            "field",
            "description",
            "places",
            "municipality",
            "workplace",
            "start_date",
            "hours_per_week",
            "working_hours_note",
            "german_level",
            "requirements",
            "supports_work_permit",
            "contact_person",
            "contact_email",
            "contact_phone",
            "valid_until",
        ]
        widgets = {
            "start_date": DateInput(),
            "valid_until": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "requirements": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].required = True
        self.fields["field"].queryset = OccupationalField.objects.active()
        self.fields["municipality"].required = True
        self.fields["municipality"].queryset = Municipality.objects.active()
        self.fields["german_level"].choices = [
            ("", _("no particular level")),
            *GermanLevel.choices,
        ]
        if self.instance.pk:
            self.fields["publish"].initial = self.instance.visibility == Visibility.PUBLIC
        else:
            self.fields["valid_until"].initial = timezone.localdate() + datetime.timedelta(
                days=DEFAULT_VALIDITY_DAYS
            )

    def clean_start_date(self):
        value = self.cleaned_data.get("start_date")
        if value is None:
            return value
        earliest = timezone.localdate() - datetime.timedelta(days=START_DATE_PAST_DAYS)
        unchanged = self.instance.pk and self.instance.start_date == value
        if value < earliest and not unchanged:
            raise forms.ValidationError(
                _("The start date lies more than a year in the past. Leave it empty for “now”.")
            )
        return value

    def clean_valid_until(self):
        value = self.cleaned_data.get("valid_until")
        if value is None:
            return value
        today = timezone.localdate()
        if value < today:
            raise forms.ValidationError(_("The offer must be valid at least until today."))
        if value > today + datetime.timedelta(days=MAX_VALIDITY_DAYS):
            raise forms.ValidationError(
                _("An offer can be valid for at most a year; renew it when it runs out.")
            )
        return value

    def offer_data(self) -> dict:
        """The cleaned data as the keyword arguments of the offer services."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["visibility"] = (
            Visibility.PUBLIC if self.cleaned_data.get("publish") else Visibility.PARTNERS
        )
        return data


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the company"),
        help_text=_("The company gets a link to take over its offers into its own account."),
    )


# ---- the search -----------------------------------------------------------------------------

KIND_CHOICES = [
    ("", _("All kinds")),
    (_("Offers of employers"), OfferKind.choices),
    (
        _("Measures and courses"),
        [(value, label) for value, label in MeasureKind.choices if value != MeasureKind.EQ],
    ),
]
SHOW_CHOICES = [
    ("", _("Offers and measures")),
    ("offers", _("Only offers of employers")),
    ("measures", _("Only measures and courses")),
]
#: Query parameters of the search form; a saved search stores exactly these.
SEARCH_PARAMS = (
    "q",
    "art",
    "berufsfeld",
    "gemeinde",
    "umgebung",
    "deutsch",
    "beginn",
    "status",
    "erlaubnis",
    "zeigen",
)


class SearchForm(forms.Form):
    """The partner staff's search (also the public list, with what the public may see)."""

    q = forms.CharField(label=_("Search words"), required=False, max_length=100)
    art = forms.ChoiceField(label=_("Kind"), choices=KIND_CHOICES, required=False)
    berufsfeld = forms.ModelChoiceField(
        label=_("Occupational field"),
        queryset=OccupationalField.objects.active(),
        to_field_name="slug",
        required=False,
        empty_label=_("All fields"),
    )
    gemeinde = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.active(),
        to_field_name="slug",
        required=False,
        empty_label=_("All municipalities"),
    )
    umgebung = forms.BooleanField(label=_("including neighbouring municipalities"), required=False)
    deutsch = forms.ChoiceField(
        label=_("German level of the person"),
        choices=[("", _("any")), *[(v, v) for v in GermanLevel.values]],
        required=False,
        help_text=_("Shows what suits this level: A2 finds offers asking for A1 or A2."),
    )
    beginn = forms.IntegerField(
        label=_("Start within (weeks)"),
        required=False,
        min_value=0,
        max_value=104,
        help_text=_("E.g. 13 for three months."),
    )
    status = forms.ModelChoiceField(
        label=_("Residence status (measures)"),
        queryset=ResidenceStatus.objects.active(),
        to_field_name="slug",
        required=False,
        empty_label=_("any"),
        help_text=_("Measures that admit this status."),
    )
    erlaubnis = forms.BooleanField(
        label=_("Only employers who support the work-permit application"), required=False
    )
    zeigen = forms.ChoiceField(label=_("Show"), choices=SHOW_CHOICES, required=False)

    def filters(self) -> Filters:
        """The cleaned data as selector filters (empty filters when the form is invalid)."""
        if not self.is_bound or not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(
            text=data.get("q") or "",
            kind=data.get("art") or "",
            field=data.get("berufsfeld"),
            municipality=data.get("gemeinde"),
            nearby=bool(data.get("umgebung")),
            level=data.get("deutsch") or "",
            weeks=data.get("beginn"),
            residence_status=data.get("status"),
            permit=bool(data.get("erlaubnis")),
            show=data.get("zeigen") or "",
        )

    def query(self) -> dict:
        """The non-empty parameters as they came in (for saved searches and links)."""
        if not self.is_bound:
            return {}
        return {
            name: str(self.data.get(name))[:100]
            for name in SEARCH_PARAMS
            if self.data.get(name) not in (None, "")
        }

    def summary(self) -> list[str]:
        """The active filters in words, e.g. for a saved search's name."""
        if not self.is_bound or not self.is_valid():
            return []
        data, parts = self.cleaned_data, []
        if data.get("art"):
            labels = dict(OfferKind.choices) | dict(MeasureKind.choices)
            parts.append(str(labels.get(data["art"], data["art"])))
        if data.get("berufsfeld"):
            parts.append(str(data["berufsfeld"]))
        if data.get("gemeinde"):
            place = str(data["gemeinde"])
            if data.get("umgebung"):
                place = str(_("%(place)s and neighbouring") % {"place": place})
            parts.append(place)
        if data.get("deutsch"):
            parts.append(str(_("German %(level)s") % {"level": data["deutsch"]}))
        if data.get("beginn") is not None:
            parts.append(str(_("start within %(weeks)s weeks") % {"weeks": data["beginn"]}))
        if data.get("status"):
            parts.append(str(data["status"]))
        if data.get("erlaubnis"):
            parts.append(str(_("supports work permit")))
        if data.get("q"):
            parts.append(f"„{data['q']}“")
        return parts


class SavedSearchForm(forms.Form):
    name = forms.CharField(label=_("Name of the saved search"), max_length=120)
    notify = forms.BooleanField(
        label=_("E-mail me when a new matching offer appears"), required=False, initial=True
    )


class StatisticsForm(forms.Form):
    monate = forms.TypedChoiceField(
        label=_("Period"),
        coerce=int,
        choices=[(6, _("6 months")), (12, _("12 months")), (24, _("24 months"))],
        initial=12,
        required=False,
        empty_value=12,
    )
    nach = forms.ChoiceField(
        label=_("Months grouped by"),
        choices=[
            ("kind", _("kind of offer")),
            ("field", _("occupational field")),
            ("municipality", _("municipality")),
        ],
        initial="kind",
        required=False,
    )


# ---- the admin ------------------------------------------------------------------------------


class MeasureAdminForm(WagtailAdminModelForm):
    """A provider's maintainer chooses among the organisations they maintain, and among their
    locations and contacts; editors choose from all."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None or user.has_perm("offers.change_measure"):
            return
        from directory.models import ContactPerson, Location, Organisation

        maintained = Organisation.objects.maintained_by(user).distinct()
        if "provider" in self.fields:
            self.fields["provider"].queryset = maintained
        if "location" in self.fields:
            self.fields["location"].queryset = Location.objects.filter(organisation__in=maintained)
        if "contact" in self.fields:
            self.fields["contact"].queryset = ContactPerson.objects.filter(
                organisation__in=maintained
            )
