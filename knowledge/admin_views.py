"""Editor views in the Wagtail admin: pages overdue for review, legal changes whose date has
passed unconfirmed, where a contact is used."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import PageReportView

from knowledge import selectors, services
from knowledge.models import KnowledgePage
from portal import tables


class OverdueReviewView(tables.SpreadsheetExportMixin, PageReportView):
    """Live knowledge pages whose review date has passed or that were never reviewed."""

    page_title = _("Knowledge pages due for review")
    header_icon = "time"
    results_template_name = "knowledge/admin/overdue_review_results.html"
    index_url_name = "knowledge_admin:overdue_review"
    index_results_url_name = "knowledge_admin:overdue_review_results"
    permission_required = "change"
    list_export = ["title", "review_due_on", "last_reviewed_on", "last_reviewed_by", "owner"]
    export_headings = {
        "review_due_on": _("Review due on"),
        "last_reviewed_on": _("Last reviewed on"),
        "last_reviewed_by": _("Last reviewed by"),
        "owner": _("Owner"),
    }

    def get_filename(self):
        return f"knowledge-overdue-{datetime.date.today():%Y-%m-%d}"

    def pages(self):
        return selectors.overdue_for_review()

    def get_queryset(self):
        editable = self.permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        )
        self.queryset = self.pages().filter(pk__in=editable.values("pk"))
        return self.queryset


class LegalChangesToConfirmView(OverdueReviewView):
    """Announced legal changes whose effective date has passed and that no editor has confirmed
    since: did the law really take effect, or was it postponed? "Mark as reviewed" confirms."""

    page_title = _("Legal changes to confirm")
    header_icon = "warning"
    results_template_name = "knowledge/admin/legal_changes_to_confirm_results.html"
    index_url_name = "knowledge_admin:legal_changes_to_confirm"
    index_results_url_name = "knowledge_admin:legal_changes_to_confirm_results"
    list_export = ["title", "effective_date", "state", "last_reviewed_on", "owner"]
    export_headings = {
        "effective_date": _("Effective date"),
        "state": _("State"),
        "last_reviewed_on": _("Last reviewed on"),
        "owner": _("Owner"),
    }

    def get_filename(self):
        return f"knowledge-legal-changes-to-confirm-{datetime.date.today():%Y-%m-%d}"

    def pages(self):
        return selectors.legal_changes_to_confirm()


def pages_using(obj) -> list:
    """The pages whose latest revision references ``obj`` (Wagtail's reference index)."""
    from wagtail.models import Page, ReferenceIndex

    references = ReferenceIndex.get_references_to(obj).group_by_source_object()
    pages = []
    for source, _references in references:
        if isinstance(source, Page):
            pages.append(source)
    return pages


def mark_reviewed(request, page_id: int):
    """ "Checked, still correct": GET asks, POST records the review of the live content."""
    page = get_object_or_404(KnowledgePage, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    if request.method == "POST":
        services.page_mark_reviewed(page=page, by=request.user)
        messages.success(
            request, gettext("“%(title)s” is recorded as reviewed today.") % {"title": page.title}
        )
        return redirect(next_url or "knowledge_admin:overdue_review")
    return TemplateResponse(
        request, "knowledge/admin/mark_reviewed.html", {"page": page, "next": next_url}
    )
