"""Editors' report of what people search for (last 30 days), in the Wagtail admin."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from search import selectors


def query_report(request):
    """Most frequent queries and queries without results; needs ``search.view_querystat``."""
    if not request.user.has_perm("search.view_querystat"):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "search/admin/query_report.html",
        {"report": selectors.query_report(days=30), "page_title": _("Search queries")},
    )
