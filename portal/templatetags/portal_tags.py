"""Template tags of the site shell: navigation, language links, legal links."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page, Site

from portal import links

register = template.Library()


def _home(request):
    site = Site.find_for_request(request) if request else None
    return site.root_page if site else None


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """The home page's live, public children marked "show in menus", once per request."""
    request = context.get("request")
    cache = getattr(request, "_ipnetz_nav", None) if request else None
    if cache is not None:
        return cache
    home = _home(request)
    items = []
    if home is not None:
        items = list(
            home.get_children()
            .live()
            .public()
            .in_menu()
            .only("id", "title", "url_path", "path", "depth")
        )
    if request is not None:
        request._ipnetz_nav = items
    return items


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """``path`` as an absolute URL on the host the page is read at (``portal.links``)."""
    return links.absolute_url(path or "/", request=context.get("request"))


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language to the same page in that language."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": translate_url(path, code),
                "current": code == current,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def in_section(context, section: Page) -> bool:
    """True when the reader is in ``section`` (for aria-current): on it or a page below it, or on
    a view of the section's app mounted below its URL (``/angebote/stelle/1/``)."""
    current = context.get("page")
    if isinstance(current, Page):
        return current.path.startswith(section.path)
    request = context.get("request")
    if request is None:
        return False
    url = section.get_url(request)
    return bool(url) and request.path.startswith(url)
