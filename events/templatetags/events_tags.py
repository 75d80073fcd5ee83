"""Template helpers of the events app."""

import json

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from portal.links import absolute_url

register = template.Library()

_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """A Schema.org JSON-LD script element; <, > and & are escaped so text cannot end it."""
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.simple_tag(takes_context=True)
def webcal_url(context, name, *args, query=""):
    """The webcal:// form of a feed URL (calendar apps subscribe instead of downloading)."""
    url = absolute_url(reverse(name, args=args), request=context["request"])
    if query:
        url = f"{url}?{query}"
    return "webcal://" + url.split("://", 1)[1]


@register.filter
def offer_kind(value):
    """The label of an offer kind key (internship, apprenticeship, job)."""
    from events.forms import OFFER_KINDS

    return dict(OFFER_KINDS).get(value, value)
