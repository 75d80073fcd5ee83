"""Admin registration of the knowledge base: glossary snippet, review report, contact usage; the
knowledge base's entries in the kernel's extension points (``portal.extensions``)."""

from django.contrib import messages
from django.urls import include, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from knowledge import jobs, tasks
from knowledge.admin_views import OverdueReviewView, mark_reviewed, pages_using
from knowledge.models import GlossaryTerm, KnowledgePage
from portal import roles
from portal.access import Role
from portal.accounts.menu import MenuLink
from portal.demo import DemoStep
from portal.housekeeping import Job, task_job


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "help"
    menu_label = _("Glossary")
    menu_order = 300
    add_to_admin_menu = True
    search_backend_name = None
    list_display = ["term", "abbreviations", "expansion", "explain_in_texts"]
    list_filter = ["explain_in_texts"]
    search_fields = ["term", "abbreviations", "expansion", "synonyms"]
    ordering = ["term"]


register_snippet(GlossaryTermViewSet)


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("reports/knowledge-review/", OverdueReviewView.as_view(), name="overdue_review"),
        path(
            "reports/knowledge-review/results/",
            OverdueReviewView.as_view(results_only=True),
            name="overdue_review_results",
        ),
        path("knowledge/<int:page_id>/reviewed/", mark_reviewed, name="mark_reviewed"),
    ]
    return [path("", include((urls, "knowledge_admin")))]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "knowledge.reviewed", _("Mark as reviewed"), _("Reviewed: content checked and correct")
    )


@hooks.register("register_page_header_buttons")
def review_button(page, user, view_name, next_url=None):
    """ "Checked, still correct" one click from the editor of a live knowledge article."""
    specific = page.specific_class
    if specific is None or not issubclass(specific, KnowledgePage) or not page.live:
        return
    if page.permissions_for_user(user).can_edit():
        yield Button(
            _("Mark as reviewed"),
            url=reverse("knowledge_admin:mark_reviewed", args=[page.pk]),
            icon_name="time",
            priority=50,
        )


class _ReviewReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtailadmin.access_admin")


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return _ReviewReportMenuItem(
        _("Knowledge: due for review"),
        reverse("knowledge_admin:overdue_review"),
        icon_name="time",
        order=700,
    )


@hooks.register("after_edit_snippet")
def warn_about_pages_of_deactivated_contact(request, instance):
    """Deactivating a contact or organisation: list the pages that now need a new one."""
    if getattr(instance, "is_active", True) or instance._meta.app_label != "directory":
        return None
    pages = pages_using(instance)
    if pages:
        links = format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((reverse("wagtailadmin_pages:edit", args=[page.pk]), page.title) for page in pages),
        )
        messages.warning(
            request,
            format_html("{} {}", _("These pages still show this entry and need a new one:"), links),
        )
    return None


def _subscriptions_url() -> str:
    from knowledge.models import KnowledgeIndexPage

    index = KnowledgeIndexPage.objects.live().first()
    return index.url + "abonnements/" if index is not None and index.url else ""


@hooks.register("ipnetz_account_menu_items")
def account_menu_items():
    return MenuLink(
        label=_("Topic subscriptions"),
        url=_subscriptions_url,
        show=lambda user: user is not None and user.is_authenticated,
        order=20,
    )


@hooks.register("ipnetz_role_permissions")
def role_permissions():
    permissions = roles.crud("knowledge", "glossaryterm")
    return {Role.EDITOR: permissions, Role.MODERATOR: permissions}


@hooks.register("ipnetz_housekeeping_jobs")
def housekeeping_jobs():
    return [
        Job(
            "knowledge.digests",
            every="day",
            run=jobs.digests,
            description="Topic digests (each subscription only when its day or week is over)",
        ),
        task_job(
            "knowledge.review_reminders",
            tasks.send_review_reminders,
            every="week",
            description="Remind owners of pages overdue for review",
        ),
    ]


@hooks.register("ipnetz_demo_steps")
def demo_step():
    from knowledge import demo_data

    return DemoStep("knowledge", demo_data.load, order=30)
