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
from knowledge.admin_views import (
    LegalChangesToConfirmView,
    OverdueReviewView,
    mark_reviewed,
    pages_using,
)
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


def _report_paths(route: str, view) -> list:
    """A report's page and its results (the part the filters reload), named as the view says
    (``knowledge_admin:…``)."""
    return [
        path(route, view.as_view(), name=view.index_url_name.split(":")[-1]),
        path(
            route + "results/",
            view.as_view(results_only=True),
            name=view.index_results_url_name.split(":")[-1],
        ),
    ]


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        *_report_paths("reports/knowledge-review/", OverdueReviewView),
        *_report_paths("reports/legal-changes-to-confirm/", LegalChangesToConfirmView),
        path("knowledge/<id:page_id>/reviewed/", mark_reviewed, name="mark_reviewed"),
    ]
    return [path("", include((urls, "knowledge_admin")))]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "knowledge.reviewed", _("Mark as reviewed"), _("Reviewed: content checked and correct")
    )
    actions.register_action(
        "knowledge.in_force", _("In force"), _("In force: the effective date has come")
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


@hooks.register("register_reports_menu_item")
def register_legal_changes_report_menu_item():
    return _ReviewReportMenuItem(
        _("Knowledge: legal changes to confirm"),
        reverse("knowledge_admin:legal_changes_to_confirm"),
        icon_name="warning",
        order=710,
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


@hooks.register("before_edit_page")
def tell_authors_why_they_cannot_approve(request, page):
    """Whoever submitted or changed a page under second approval is offered no "Approve"; the
    editor says why instead of leaving them to wonder."""
    from knowledge.models.workflows import AUTHOR_MESSAGE, SecondApprovalTask

    if request.method != "GET":
        return None
    task = page.current_workflow_task
    if isinstance(task, SecondApprovalTask) and task.is_own(page, request.user):
        messages.info(request, AUTHOR_MESSAGE)
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
        task_job(
            "knowledge.legal_changes_in_force",
            tasks.put_legal_changes_in_force,
            every="day",
            description="Put announced legal changes in force on their effective date",
        ),
    ]


@hooks.register("ipnetz_demo_steps")
def demo_step():
    from knowledge import demo_data

    return DemoStep("knowledge", demo_data.load, order=30)
