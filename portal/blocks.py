"""Blocks shared by every app's StreamFields."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(choices=[("h2", "H2"), ("h3", "H3")], default="h2", label=_("Level"))

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "portal/blocks/heading.html"
        preview_value = {"text": "Beschäftigungserlaubnis", "level": "h2"}


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("info", _("Information")), ("warning", _("Important"))],
        default="info",
        label=_("Kind"),
    )
    text = blocks.RichTextBlock(features=["bold", "italic", "link"], label=_("Text"))

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "portal/blocks/callout.html"
        preview_value = {"kind": "info", "text": "<p>Bitte Termin vereinbaren.</p>"}


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["h3", "bold", "italic", "ol", "ul", "link", "document-link"],
        label=_("Paragraph"),
        icon="pilcrow",
        template="portal/blocks/paragraph.html",
        preview_value="<p>Das Integration Point bündelt Agentur für Arbeit und Jobcenter.</p>",
    )
    callout = CalloutBlock()

    class Meta:
        block_counts = {}
