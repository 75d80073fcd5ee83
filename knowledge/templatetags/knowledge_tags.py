"""Template helpers of the knowledge base."""

from django import template
from django.utils.safestring import mark_safe

from knowledge import glossary

register = template.Library()


@register.filter(is_safe=True)
def explain_glossary(html, url):
    """Link the first occurrence of each glossary term in already-safe ``html`` to ``url``."""
    return mark_safe(glossary.explain(str(html), url=url))  # noqa: S308 - input is rendered HTML
