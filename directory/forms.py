"""Forms of the directory's public pages: the list filter and the finder. Both are GET forms
whose URL can be shared; unknown values become field errors, never server errors."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import OrganisationKind
from directory.widgets import Select
from portal.models import Municipality, ResidenceStatus, Topic
from portal.vocabulary import LegalCircle

#: Prefix of legal-circle values in the finder's combined status field ("rk-sgb2").
CIRCLE_PREFIX = "rk-"


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    art = forms.ModelChoiceField(
        label=_("Kind"),
        queryset=OrganisationKind.objects.active(),
        to_field_name="slug",
        required=False,
        empty_label=_("All kinds"),
        widget=Select,
    )
    gemeinde = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.active(),
        to_field_name="slug",
        required=False,
        empty_label=_("All municipalities"),
        widget=Select,
    )
    thema = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.active(),
        to_field_name="slug",
        required=False,
        empty_label=_("All topics"),
        widget=Select,
    )


class FinderForm(forms.Form):
    """Topic, residence status or legal circle, municipality, optional surname."""

    thema = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.active(),
        to_field_name="slug",
        empty_label=_("Please choose"),
        widget=Select,
    )
    status = forms.ChoiceField(
        label=_("Residence status or legal circle"),
        required=False,
        help_text=_("Leave empty if unknown."),
        widget=Select,
    )
    gemeinde = forms.ModelChoiceField(
        label=_("Municipality of residence"),
        queryset=Municipality.objects.active(),
        to_field_name="slug",
        empty_label=_("Please choose"),
        widget=Select,
    )
    nachname = forms.CharField(
        label=_("Surname (optional)"),
        required=False,
        max_length=100,
        help_text=_(
            "Some authorities split their work by the first letter of the surname. "
            "The name is not stored."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        statuses = list(ResidenceStatus.objects.active())
        self._statuses = {status.slug: status for status in statuses}
        self.fields["status"].choices = [
            ("", _("Not known / any")),
            (_("Residence status"), [(s.slug, s.name) for s in statuses]),
            (
                _("Legal circle"),
                [(CIRCLE_PREFIX + value, label) for value, label in LegalCircle.choices],
            ),
        ]

    def clean_nachname(self) -> str:
        return " ".join(self.cleaned_data["nachname"].split())

    def query(self) -> dict:
        """Keyword arguments for ``selectors.find_responsible`` from the cleaned data."""
        value = self.cleaned_data.get("status") or ""
        status = self._statuses.get(value)
        circle = value.removeprefix(CIRCLE_PREFIX) if value.startswith(CIRCLE_PREFIX) else ""
        return {
            "topic": self.cleaned_data["thema"],
            "municipality": self.cleaned_data["gemeinde"],
            "residence_status": status,
            "legal_circle": circle,
            "surname": self.cleaned_data.get("nachname", ""),
        }
