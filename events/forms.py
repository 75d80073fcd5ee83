"""Registration forms: one for Meeting Points (company, contact, attendees, offers, needs) and a
one-click form for trainings and information events. Both carry a honeypot field."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from events.choices import EventKind
from events.services import RegistrationData

OFFER_KINDS = [
    ("", "—"),
    ("internship", _("Internship")),
    ("apprenticeship", _("Apprenticeship")),
    ("job", _("Job")),
]
GERMAN_LEVELS = [("", "—"), *[(lvl, lvl) for lvl in ("A1", "A2", "B1", "B2", "C1", "C2")]]

#: How many offer rows the Meeting Point form shows.
OFFER_ROWS = 3


class HoneypotMixin(forms.Form):
    # Hidden from people (CSS and aria-hidden); bots that fill every field give themselves away.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Your registration could not be accepted."))
        return ""


class SimpleRegistrationForm(HoneypotMixin):
    """Trainings and information events: everything is prefilled from the account."""

    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def registration_data(self) -> RegistrationData:
        data = self.cleaned_data
        return RegistrationData(
            name=data["name"],
            email=data["email"],
            organisation=data.get("organisation", ""),
            phone=data.get("phone", ""),
            comment=data.get("comment", ""),
        )


class MeetingPointRegistrationForm(SimpleRegistrationForm):
    """An employer registers the company, the contact person, attendees, offers and needs."""

    organisation = forms.CharField(label=_("Company"), max_length=200)
    needs_interpreter = forms.BooleanField(label=_("We need an interpreter"), required=False)
    needs_table = forms.BooleanField(label=_("We need a table"), required=False)

    def __init__(self, *args, max_attendees: int = 3, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"] = forms.IntegerField(
            label=_("Number of attendees"),
            min_value=1,
            max_value=max_attendees,
            initial=1,
            help_text=_("At most %(count)s people.") % {"count": max_attendees},
        )
        for i in range(OFFER_ROWS):
            self.fields[f"offer_{i}_kind"] = forms.ChoiceField(
                label=_("Kind of offer"), choices=OFFER_KINDS, required=False
            )
            self.fields[f"offer_{i}_count"] = forms.IntegerField(
                label=_("How many"), min_value=1, max_value=99, required=False
            )
            self.fields[f"offer_{i}_field"] = forms.CharField(
                label=_("Field of work"), max_length=120, required=False
            )
            self.fields[f"offer_{i}_german"] = forms.ChoiceField(
                label=_("Required German level"), choices=GERMAN_LEVELS, required=False
            )

    def offer_rows(self):
        return [
            [self[f"offer_{i}_{part}"] for part in ("kind", "count", "field", "german")]
            for i in range(OFFER_ROWS)
        ]

    def clean(self):
        data = super().clean()
        offers = []
        for i in range(OFFER_ROWS):
            kind = data.get(f"offer_{i}_kind")
            count = data.get(f"offer_{i}_count")
            field = data.get(f"offer_{i}_field")
            if not kind and not count and not field:
                continue
            if not kind:
                self.add_error(f"offer_{i}_kind", _("Choose the kind of offer."))
                continue
            offers.append(
                {
                    "kind": kind,
                    "count": count or 1,
                    "field": field or "",
                    "german_level": data.get(f"offer_{i}_german") or "",
                }
            )
        data["offers"] = offers
        return data

    def registration_data(self) -> RegistrationData:
        base = super().registration_data()
        data = self.cleaned_data
        base.attendees = data["attendees"]
        base.offers = data["offers"]
        base.needs_interpreter = data.get("needs_interpreter", False)
        base.needs_table = data.get("needs_table", False)
        return base


def form_class_for(kind: str) -> type[SimpleRegistrationForm]:
    return (
        MeetingPointRegistrationForm if kind == EventKind.MEETING_POINT else SimpleRegistrationForm
    )


class MessageForm(forms.Form):
    """The organiser's message to all registrants of a date."""

    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}))
