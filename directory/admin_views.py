"""Admin views of the directory: the "not verified" report and the import form."""

from __future__ import annotations

from django import forms
from django.db.models import F
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import policy_registry

from directory import services
from directory.importing import ImportFileError, import_directory
from directory.models import ContactPerson
from portal import access, tables
from portal.guards import AccessRequiredMixin


class UnverifiedContactsReportView(tables.SpreadsheetExportMixin, ReportView):
    """Active contacts not confirmed for N months (``DIRECTORY_VERIFY_AFTER_MONTHS``)."""

    page_title = _("Contacts not verified")
    header_icon = "warning"
    index_url_name = "directory_admin:unverified_report"
    index_results_url_name = "directory_admin:unverified_report_results"
    any_permission_required = ["change"]
    list_export = [
        "organisation.name",
        "name",
        "function",
        "verified_on",
        "responsible_email",
    ]
    export_headings = {
        "organisation.name": _("Organisation"),
        "name": _("Name"),
        "function": _("Function"),
        "verified_on": _("Verified on"),
        "responsible_email": _("Responsible account"),
    }

    @property
    def columns(self):
        return [
            TitleColumn(
                "name",
                label=_("Name"),
                url_name="wagtailsnippets_directory_contactperson:edit",
            ),
            Column("organisation", label=_("Organisation")),
            DateColumn("verified_on", label=_("Verified on")),
            Column("responsible_account", label=_("Responsible account")),
        ]

    @property
    def permission_policy(self):
        return policy_registry.get_by_type(ContactPerson)

    def get_page_subtitle(self):
        return _("Not verified for %(months)s months") % {"months": services.reminder_months()}

    def get_queryset(self):
        allowed = self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change"]
        )
        return (
            ContactPerson.objects.unverified_since(services.verification_cutoff())
            .filter(pk__in=allowed.values("pk"))
            .select_related("organisation", "responsible_account")
            # A plain column, so that the export also holds contacts without an account
            # (the dotted path "responsible_account.email" fails on them).
            .annotate(responsible_email=F("responsible_account__email"))
            .order_by("verified_on", "family_name")
        )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("One row per contact person; see the directory documentation for columns."),
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: check only, write nothing"), required=False, initial=True
    )


class ImportView(AccessRequiredMixin, WagtailAdminTemplateMixin, FormView):
    """The import in the admin: the same service as ``manage.py import_directory``."""

    access_check = access.has_perms("directory.add_contactperson", "directory.change_contactperson")

    page_title = _("Import directory")
    header_icon = "upload"
    template_name = "directory/admin/import.html"
    form_class = ImportForm

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        report, file_error = None, None
        try:
            report = import_directory(
                content=upload.read(),
                filename=upload.name,
                user=self.request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
        except ImportFileError as error:
            file_error = str(error)
        return TemplateResponse(
            self.request,
            self.template_name,
            self.get_context_data(form=form, report=report, file_error=file_error),
            status=400 if file_error or (report and not report.ok) else 200,
        )


def import_url() -> str:
    return reverse("directory_admin:import")
