"""Limits of the anonymous barrier-feedback form (``AccessibilityStatementPage``).

Anyone may post it, so it is bounded three ways, none of which calls a third party:

* every field has a maximum length (``MAX_LENGTH`` by field type), checked as a field error
  before anything is stored or mailed;
* posts count against allauth's rate limit ``ACCOUNT_RATE_LIMITS["feedback"]`` per client
  address (behind ``TRUSTED_PROXY_COUNT`` proxies), answered with a friendly 429;
* a honeypot field that people never see: a post that fills it is answered like a success and
  dropped.
"""

from __future__ import annotations

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

#: The rate-limit action in ``ACCOUNT_RATE_LIMITS``.
RATE_LIMIT_ACTION = "feedback"
#: Seconds a refused client is asked to wait (the window of the default "5/10m/ip").
RETRY_AFTER = 600
#: The honeypot's field name; not a form field of the page, never stored.
HONEYPOT = "website"
#: Maximum characters per field type of the form builder.
MAX_LENGTH = {"singleline": 500, "url": 500, "email": 254, "multiline": 5000}


class HoneypotInput(forms.TextInput):
    """A text input inside a wrapper that hides it from people and assistive technology.

    ``input_type`` "hidden" makes the field templates output the widget alone (no visible label,
    help or error); the widget renders its own label, so automated checkers find one."""

    input_type = "hidden"

    def render(self, name, value, attrs=None, renderer=None):
        field_id = (attrs or {}).get("id") or f"id_{name}"
        return format_html(
            '<div class="hp-field" aria-hidden="true"><label for="{}">{}</label>'
            '<input type="text" name="{}" id="{}" value="" tabindex="-1" autocomplete="off">'
            "</div>",
            field_id,
            _("Leave this field empty"),
            name,
            field_id,
        )


class BoundedForm(BaseForm):
    """Posted values are cut to one character over their field's limit before anything else:
    the field error still shows, and the page does not echo an oversized post back."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        if data is None:
            return
        self.data = data = data.copy()
        for name, field in self.fields.items():
            limit = getattr(field, "max_length", None)
            key = self.add_prefix(name)
            if limit and len(data.get(key, "")) > limit:
                data[key] = data[key][: limit + 1]


class FeedbackFormBuilder(FormBuilder):
    """Wagtail's form builder with a length limit on every text field and the honeypot."""

    def get_field_options(self, field):
        options = super().get_field_options(field)
        if field.field_type in MAX_LENGTH:
            options["max_length"] = MAX_LENGTH[field.field_type]
        return options

    def create_singleline_field(self, field, options):
        return forms.CharField(**options)  # Wagtail would overwrite max_length with 255

    def get_form_class(self):
        return type("WagtailForm", (BoundedForm,), self.formfields)

    @property
    def formfields(self):
        fields = super().formfields
        fields[HONEYPOT] = forms.CharField(
            required=False, label=_("Leave this field empty"), widget=HoneypotInput
        )
        return fields


def is_bot(request) -> bool:
    """The honeypot was filled in: a person cannot see it."""
    return bool(request.POST.get(HONEYPOT, "").strip())
