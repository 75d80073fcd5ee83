from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page

from portal.access import visible_to  # noqa: F401 - the search app filters through the policy
from search import engine

MAX_QUERY_LENGTH = 200
PAGE_SIZE = 10


def search_page(request):
    """The portal's search page. Until the unified index lands it searches public pages."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    query = "".join(ch for ch in query if ch.isprintable())
    results = Page.objects.none()
    if query:
        results = Page.objects.live().public().specific().search(query)
    paginator = Paginator(results, PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger):
        page = paginator.page(1)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "query": query,
            "page_obj": page,
            "engine": engine.current(),
        },
    )
