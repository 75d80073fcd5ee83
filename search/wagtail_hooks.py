"""Admin: the editable synonym list and the report of frequent and zero-result queries; the
search app's entries in the kernel's extension points (``portal.extensions``)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal import roles
from portal.access import Role
from portal.demo import DemoStep
from portal.housekeeping import Job
from search import admin_views, engine, jobs
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
def register_admin_urls():
    urls = [path("suche/bericht/", admin_views.query_report, name="query_report")]
    return [path("", include((urls, "search_admin")))]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("search.view_querystat")


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return ReportMenuItem(
        _("Search queries"), reverse("search_admin:query_report"), icon_name="search", order=900
    )


@hooks.register("ipnetz_role_permissions")
def role_permissions():
    permissions = [
        *roles.crud("search", "synonymgroup"),
        *roles.crud("wagtailsearchpromotions", "query", "searchpromotion"),
        "search.view_querystat",
    ]
    return {Role.EDITOR: permissions, Role.MODERATOR: permissions}


@hooks.register("ipnetz_health_checks")
def health_checks():
    return {"search": engine.health}


@hooks.register("ipnetz_housekeeping_jobs")
def housekeeping_jobs():
    return [
        Job(
            "search.pending_updates",
            every="minute",
            run=jobs.pending_updates,
            description="Retry index updates that could not reach Elasticsearch",
        ),
        Job(
            "search.reconcile",
            every="day",
            run=jobs.reconcile,
            description="Bring Elasticsearch back to the database's state (deletions first)",
        ),
        Job(
            "search.query_retention",
            every="day",
            run=jobs.query_retention,
            description="Forget the counted search queries after 30 days",
        ),
    ]


@hooks.register("ipnetz_demo_steps")
def demo_step():
    from search import demo_data

    return DemoStep("search", demo_data.load, order=90)
