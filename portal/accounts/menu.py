"""The account menu's links into the apps ("My registrations", "My offers" …).

The portal imports no app, so each app registers its links here in ``AppConfig.ready``; a link
shows when ``show(user)`` is true and its URL resolves (an app that is not installed adds none).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class MenuLink:
    label: object  # a lazy translated string
    url: Callable[[], str] | str  # a URL name, or a function returning the URL
    show: Callable[[object], bool] = lambda user: True
    order: int = 100


_links: list[MenuLink] = []


def register(link: MenuLink) -> MenuLink:
    """Add ``link`` to the account menu (idempotent per label)."""
    if all(str(existing.label) != str(link.label) for existing in _links):
        _links.append(link)
    return link


def links_for(user) -> list[dict]:
    """The links ``user`` gets, in order: ``[{"label": …, "url": …}]``."""
    items = []
    for link in sorted(_links, key=lambda link: link.order):
        if not link.show(user):
            continue
        try:
            url = link.url() if callable(link.url) else reverse(link.url)
        except NoReverseMatch:
            continue
        if url:
            items.append({"label": link.label, "url": url})
    return items
