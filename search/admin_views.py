"""Editors' report of what people search for (last 30 days), in the Wagtail admin."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from portal import access
from portal.guards import requires
from search import selectors


@requires(access.has_perms("search.view_querystat"))
def query_report(request):
    """Most frequent queries and queries without results; needs ``search.view_querystat``."""
    return TemplateResponse(
        request,
        "search/admin/query_report.html",
        {"report": selectors.query_report(days=30), "page_title": _("Search queries")},
    )
