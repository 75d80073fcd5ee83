"""Helpers for apps whose content is Wagtail pages: a ready-made builder and text flattening."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.utils.html import strip_tags
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction

from search.registry import Builder, DocumentData


def flatten(page: Page, *, exclude: Iterable[str] = ()) -> str:
    """The searchable text of every StreamField and rich text field of ``page``."""
    parts: list[str] = []
    for field in page._meta.get_fields():
        if field.name in exclude:
            continue
        if isinstance(field, StreamField):
            value = getattr(page, field.name)
            try:
                parts.extend(str(p) for p in field.stream_block.get_searchable_content(value))
            except Exception:  # noqa: S112 - an odd block must not stop indexing the page
                continue
        elif isinstance(field, RichTextField):
            parts.append(strip_tags(getattr(page, field.name) or ""))
    return " ".join(" ".join(p.split()) for p in parts if p)


def is_findable(page: Page) -> bool:
    """Live, and neither the page nor an ancestor is behind a view restriction."""
    if not page.live or page.expired:
        return False
    return not PageViewRestriction.objects.filter(
        page__in=page.get_ancestors(inclusive=True)
    ).exists()


def page_builder(
    model: type[Page],
    *,
    kind: str,
    label,
    icon: str,
    summary: Callable[[Page], str] | None = None,
    extra: Callable[[Page, DocumentData], None] | None = None,
) -> Builder:
    """A builder for a page model: title, search description or ``summary``, flattened body."""

    def build(page: Page) -> DocumentData | None:
        if not is_findable(page):
            return None
        url = page.get_url()
        if not url:
            return None
        data = DocumentData(
            title=page.title,
            url=url,
            summary=(summary(page) if summary else "") or page.search_description or "",
            text=flatten(page),
        )
        if extra:
            extra(page, data)
        return data

    return Builder(
        kind=kind,
        label=label,
        icon=icon,
        model=model,
        build=build,
        queryset=lambda: model.objects.all(),
    )
