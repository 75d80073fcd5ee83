"""The search page and the autocomplete endpoint (thin: the work is in ``search.contract``)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from portal.guards import private_for_members
from search import contract, registry, selectors, services
from search.backends import FACETS, Filters
from search.text import clean_query

#: Query parameter names of the facets (German URLs).
FACET_PARAMS = {"kind": "art", "topics": "thema", "municipalities": "ort", "audiences": "fuer"}
FACET_TITLES = {
    "kind": gettext_lazy("Kind of result"),
    "topics": gettext_lazy("Topic"),
    "municipalities": gettext_lazy("Municipality"),
    "audiences": gettext_lazy("Audience"),
}


def _filters(request) -> Filters:
    values = {
        facet: clean_query(request.GET.get(param, ""))[:80] for facet, param in FACET_PARAMS.items()
    }
    return Filters(**values)


def _facet_links(query: str, filters: Filters, results) -> list[dict]:
    """Each facet value as a link that toggles it, keeping the other choices."""
    current = dict(filters.items())
    groups = []
    for facet in FACETS:
        values = results.facets.get(facet, [])
        if not values:
            continue
        links = []
        for value in values:
            chosen = dict(current)
            if value.selected:
                chosen.pop(facet, None)
            else:
                chosen[facet] = value.value
            params = {"q": query, **{FACET_PARAMS[f]: v for f, v in chosen.items()}}
            links.append({"value": value, "href": "?" + urlencode(params)})
        groups.append({"facet": facet, "title": FACET_TITLES[facet], "links": links})
    return groups


def _help_links() -> list[dict]:
    """The ways on that the apps offer when nothing is found (finder, glossary …)."""
    links = []
    for link in registry.help_links():
        url = link.url()
        if url:
            links.append({"label": link.label, "url": url})
    return links


@private_for_members
def search_page(request):
    """Search everything the visitor may see, with facets, snippets and "did you mean"."""
    query = clean_query(request.GET.get("q", ""))
    filters = _filters(request)
    context = {"query": query, "filters": filters, "results": None, "error": ""}
    status = 200
    try:
        page = contract.parse_page(request.GET.get("page"))
    except contract.InvalidPage:
        context["error"] = _("The page number must be a whole number from 1 to %(max)s.") % {
            "max": contract.MAX_PAGE
        }
        status = 400
        page = None
    if query and page:
        results = contract.search(query, user=request.user, filters=filters, page=page)
        context["results"] = results
        context["facet_groups"] = _facet_links(query, filters, results)
        context["promotions"] = selectors.promotions(query) if page == 1 else []
        params = {"q": query, **{FACET_PARAMS[f]: v for f, v in filters.items()}}
        context["page_query"] = urlencode(params)
        if page == 1 and not filters.items():
            services.query_record(query=query, total=results.total)
    context["help_links"] = _help_links()
    return TemplateResponse(request, "search/search.html", context, status=status)


@private_for_members
def suggestions(request):
    """Autocomplete JSON for the header search box: ``{"query": …, "suggestions": […]}``."""
    query = clean_query(request.GET.get("q", ""))
    items = contract.suggest(query, user=request.user) if len(query) >= 2 else []
    if not query:
        announcement = ""
    elif not items:
        announcement = _("No suggestions.")
    else:
        announcement = ngettext(
            "%(count)s suggestion, choose with the arrow keys.",
            "%(count)s suggestions, choose with the arrow keys.",
            len(items),
        ) % {"count": len(items)}
    return JsonResponse({"query": query, "suggestions": items, "announcement": announcement})
