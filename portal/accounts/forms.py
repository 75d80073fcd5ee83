"""Forms of the account area: sign-up with the kind of person, profile, account deletion."""

from __future__ import annotations

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from portal.access import Role
from portal.accounts import services
from portal.accounts.models import EmployerProfile
from portal.accounts.sides import all_sides

KIND_CHOICES = [
    (Role.EMPLOYER.value, _("Employer – I want to register for events and keep a company profile")),
    (Role.PARTNER_STAFF.value, _("Partner staff – I work for an organisation of the network")),
    (Role.VOLUNTEER.value, _("Volunteer – I support refugees in my spare time")),
]


class SignupForm(AllauthSignupForm):
    """allauth's sign-up plus the person's name, the role they ask for and what the apps'
    membership sides add after the role (the directory: the partner staff's organisation)."""

    first_name = forms.CharField(label=_("First name"), max_length=150, required=True)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=True)
    kind = forms.ChoiceField(
        label=_("I am signing up as"), choices=KIND_CHOICES, widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sides = all_sides()
        self.side_fields = {
            name: field for side in self.sides for name, field in side.signup_fields().items()
        }
        fields = {}
        for name, field in self.fields.items():
            fields[name] = field
            if name == "kind":
                fields.update(self.side_fields)
        self.fields = fields
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"

    def clean(self):
        cleaned = super().clean()
        for side in self.sides:
            side.clean_signup(self)
        return cleaned

    def save(self, request):
        user = super().save(request)
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
        services.membership_request(
            user=user,
            role=self.cleaned_data["kind"],
            **{name: self.cleaned_data.get(name) for name in self.side_fields},
        )
        return user


class NameForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)


class EmployerProfileForm(forms.ModelForm):
    class Meta:
        model = EmployerProfile
        fields = [
            "company_name",
            "sector",
            "street",
            "postcode",
            "city",
            "size",
            "contact_person",
            "phone",
        ]
        widgets = {
            "company_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "street": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "postcode": forms.TextInput(attrs={"autocomplete": "postal-code"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel"}),
        }


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password
