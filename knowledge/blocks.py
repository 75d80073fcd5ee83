"""StreamField blocks of the knowledge base: legal references, sources, procedure steps, FAQ."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from knowledge import legal
from portal.access import can_view


class LegalReferenceBlock(blocks.StructBlock):
    """A paragraph of a law, e.g. § 60a Abs. 2 AufenthG, linked to its official text."""

    law = blocks.ChoiceBlock(choices=legal.LAW_CHOICES, label=_("Law"))
    paragraph = blocks.CharBlock(
        label=_("Paragraph"), max_length=12, help_text=_("Number only, e.g. 60a.")
    )
    detail = blocks.CharBlock(
        label=_("Subsection"), max_length=60, required=False, help_text=_("E.g. Abs. 2 Satz 1.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Legal reference")
        template = "knowledge/blocks/legal_reference.html"
        preview_value = {"law": "AufenthG", "paragraph": "60a", "detail": "Abs. 2"}

    def clean(self, value):
        value = super().clean(value)
        number = legal.normalise_paragraph(value["paragraph"])
        if number is None:
            raise StructBlockValidationError(
                {"paragraph": ValidationError(_("Enter a paragraph number such as 60a."))}
            )
        value["paragraph"] = number
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["citation"] = legal.citation(value["law"], value["paragraph"], value["detail"])
        context["url"] = legal.law_url(value["law"], value["paragraph"])
        context["law_name"] = legal.LAWS.get(value["law"], ("", value["law"]))[1]
        return context


class SourceBlock(blocks.StructBlock):
    """Where a statement comes from: a law gazette, an agency's instruction, a circular."""

    title = blocks.CharBlock(label=_("Title"), max_length=250)
    url = blocks.URLBlock(label=_("Link"), required=False)
    date = blocks.DateBlock(label=_("Date"), required=False)

    class Meta:
        icon = "link"
        label = _("Source")
        template = "knowledge/blocks/source.html"
        preview_value = {
            "title": "Bundesgesetzblatt 2023 I Nr. 217",
            "url": "https://www.recht.bund.de/",
        }


class ContactChooserBlock(SnippetChooserBlock):
    """A directory contact, loaded with its organisation in one query for all steps."""

    def bulk_to_python(self, values):
        ids = [value for value in values if value is not None]
        objects = self.model_class.objects.select_related("organisation").in_bulk(ids)
        return [objects.get(value) if value is not None else None for value in values]


class ProcedureStepBlock(blocks.StructBlock):
    """One step of a procedure. Contact and organisation are live links into the directory, so a
    changed phone number shows on every page at once and the reference index knows the usage."""

    title = blocks.CharBlock(label=_("Step"), max_length=200)
    what_to_do = blocks.RichTextBlock(
        features=["bold", "italic", "ol", "ul", "link", "document-link"], label=_("What to do")
    )
    documents_needed = blocks.ListBlock(
        blocks.CharBlock(max_length=200), label=_("Documents needed"), required=False
    )
    organisation = SnippetChooserBlock(
        "directory.Organisation", required=False, label=_("Responsible organisation")
    )
    contact = ContactChooserBlock(
        "directory.ContactPerson", required=False, label=_("Contact person")
    )
    forms = blocks.ListBlock(DocumentChooserBlock(), label=_("Forms"), required=False)
    duration = blocks.CharBlock(
        label=_("Typical duration"), max_length=100, required=False, help_text=_("E.g. 2–4 weeks.")
    )

    class Meta:
        icon = "list-ol"
        label = _("Procedure step")
        template = "knowledge/blocks/procedure_step.html"
        preview_value = {
            "title": "Termin bei der Ausländerbehörde vereinbaren",
            "what_to_do": "<p>Online oder telefonisch einen Termin buchen.</p>",
            "documents_needed": ["Pass oder Passersatz", "Arbeitsvertrag"],
            "duration": "1–2 Wochen",
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        user = getattr(request, "user", None)
        contact = value.get("contact")
        organisation = value.get("organisation")
        # A partners-only or deactivated person never shows on a public page: the reader gets
        # the organisation's public channels instead.
        if contact is not None and (not contact.is_active or not can_view(user, contact)):
            organisation = organisation or contact.organisation
            contact = None
        if organisation is not None and not organisation.is_active:
            organisation = None
        context["visible_contact"] = contact
        context["visible_organisation"] = organisation or (
            contact.organisation if contact else None
        )
        return context


class QuestionBlock(blocks.StructBlock):
    """A frequently asked question and its answer."""

    question = blocks.CharBlock(label=_("Question"), max_length=250)
    answer = blocks.RichTextBlock(
        features=["bold", "italic", "ol", "ul", "link", "document-link"], label=_("Answer")
    )

    class Meta:
        icon = "help"
        label = _("Question")
        template = "knowledge/blocks/question.html"
        preview_value = {
            "question": "Darf ich mit einer Duldung arbeiten?",
            "answer": "<p>Oft ja – mit einer Beschäftigungserlaubnis der Ausländerbehörde.</p>",
        }


class LegalCirclesField(forms.MultipleChoiceField):
    """Checkboxes for the legal circles a change concerns (stored as a JSON list)."""

    widget = forms.CheckboxSelectMultiple
