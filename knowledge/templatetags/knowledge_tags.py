"""Template helpers of the knowledge base."""

from django import template
from django.utils.safestring import mark_safe

from knowledge import glossary

register = template.Library()


@register.filter(is_safe=True)
def explain_glossary(html, url):
    """Link the first occurrence of each glossary term in already-safe ``html`` to ``url``."""
    return mark_safe(glossary.explain(str(html), url=url))  # noqa: S308 - input is rendered HTML


@register.inclusion_tag("knowledge/tags/news_teaser.html", takes_context=True)
def knowledge_teaser(context, limit: int = 3):
    """The newest legal changes the reader may see, for the home page (with the feed link)."""
    from knowledge import selectors
    from knowledge.models import KnowledgeIndexPage

    request = context.get("request")
    index = KnowledgeIndexPage.objects.live().first()
    if index is None:
        return {"changes": []}
    user = getattr(request, "user", None)
    return {
        "changes": selectors.newest_legal_changes(user=user, index_page=index, limit=limit),
        "index_url": index.url,
        "feed_url": index.url + "feed/",
    }
