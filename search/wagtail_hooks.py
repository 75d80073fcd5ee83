"""Admin: the editable synonym list and the report of frequent and zero-result queries."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search import views_admin
from search.models import SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = _("Search synonyms")
    add_to_admin_menu = False
    list_display = ["terms", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["terms"]


register_snippet(SynonymGroupViewSet)


@hooks.register("register_admin_urls")
def register_report_url():
    return [path("suche/bericht/", views_admin.query_report, name="search_query_report")]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("search.view_querystat")


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return ReportMenuItem(
        _("Search queries"), reverse("search_query_report"), icon_name="search", order=900
    )
