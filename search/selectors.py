"""Reads for the search pages: promoted results and the editors' query report."""

from __future__ import annotations

import datetime

from django.db.models import Sum
from django.utils import timezone

from search.models import QueryStat


def promotions(query: str) -> list[dict]:
    """Wagtail's promoted results for ``query`` (editors' picks), live public pages only."""
    from wagtail.contrib.search_promotions.models import SearchPromotion
    from wagtail.search.utils import normalise_query_string

    normalised = normalise_query_string(query)
    if not normalised:
        return []
    picks = (
        SearchPromotion.objects.filter(query__query_string=normalised)
        .select_related("page")
        .order_by("sort_order")
    )
    result = []
    for pick in picks:
        if pick.page_id:
            page = pick.page
            if not page.live or page.get_view_restrictions().exists():
                continue
            result.append({"title": page.title, "url": page.url, "description": pick.description})
        elif pick.external_link_url:
            result.append(
                {
                    "title": pick.external_link_text or pick.external_link_url,
                    "url": pick.external_link_url,
                    "description": pick.description,
                }
            )
    return result


def query_report(*, days: int = 30, limit: int = 50) -> dict:
    """The most frequent queries and the queries without results over the last ``days``."""
    since = timezone.localdate() - datetime.timedelta(days=days - 1)
    recent = QueryStat.objects.filter(day__gte=since).values("query")
    frequent = recent.annotate(searches=Sum("searches"), zero=Sum("zero_results")).order_by(
        "-searches", "query"
    )[:limit]
    zero = (
        recent.annotate(zero=Sum("zero_results"))
        .filter(zero__gt=0)
        .order_by("-zero", "query")[:limit]
    )
    return {"since": since, "frequent": list(frequent), "zero": list(zero), "days": days}
