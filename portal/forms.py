"""How the portal renders forms: one form template and one field template for every public form.

Set as ``FORM_RENDERER``: ``{{ form }}`` and ``{{ field.as_field_group }}`` render through
``portal/forms/form.html`` and ``portal/forms/field.html``. Widgets keep Django's and Wagtail's
own templates, and the Wagtail admin renders its fields with its own tags (``formattedfield``),
so the admin looks as before.
"""

from django.forms.renderers import DjangoTemplates


class PortalFormRenderer(DjangoTemplates):
    """Django's default renderer (app templates plus Django's form templates) with the portal's
    form and field templates: label with the required marker, help text and errors carrying the
    ids that Django's ``aria-describedby`` points at, then the widget."""

    form_template_name = "portal/forms/form.html"
    field_template_name = "portal/forms/field.html"
