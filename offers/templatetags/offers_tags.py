"""Template tags of offers: the home page's teaser (the portal's home page loads this library;
the portal itself imports nothing of offers)."""

from django import template
from wagtail.models import Site

from offers import selectors

register = template.Library()


@register.inclusion_tag("offers/tags/teaser.html", takes_context=True)
def offers_teaser(context):
    """The number of current offers and measures the visitor may see, and a short search form
    (kind and municipality) that submits to the offers search."""
    from offers.forms import SearchForm

    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "form": SearchForm(auto_id="offers-teaser-%s"),
        "offer_count": selectors.offer_list(user=user).count(),
        "measure_count": selectors.measure_list(user=user).count(),
        "request": request,
    }


@register.simple_tag(takes_context=True)
def offers_index_url(context) -> str:
    """The URL of the offers section page of the request's site (once per request); the home
    page's when the site has none."""
    request = context.get("request")
    if request is None:
        page = selectors.index_page()
        return page.url if page is not None else "/"
    if not hasattr(request, "_offers_index_url"):
        page = selectors.index_page(site=Site.find_for_request(request))
        request._offers_index_url = page.get_url(request) if page is not None else "/"
    return request._offers_index_url
