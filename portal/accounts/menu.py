"""The account menu's links into the apps ("My registrations", "My offers" …).

The portal imports no app, so each app returns its links from the ``ipnetz_account_menu_items``
hook in its ``wagtail_hooks.py``; a link shows when ``show(user)`` is true and its URL resolves
(an app that is not installed adds none).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from portal.extensions import collect


@dataclass(frozen=True)
class MenuLink:
    label: object  # a lazy translated string
    url: Callable[[], str] | str  # a URL name, or a function returning the URL
    show: Callable[[object], bool] = lambda user: True
    order: int = 100


def links_for(user) -> list[dict]:
    """The links ``user`` gets, in order: ``[{"label": …, "url": …}]``."""
    items = []
    for link in sorted(collect("ipnetz_account_menu_items"), key=lambda link: link.order):
        if not link.show(user):
            continue
        try:
            url = link.url() if callable(link.url) else reverse(link.url)
        except NoReverseMatch:
            continue
        if url:
            items.append({"label": link.label, "url": url})
    return items
