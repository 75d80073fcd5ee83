"""Admin registration of the directory: snippets with search and filters, the maintainer
permission policy, the audit-trail hooks and log actions, the "not verified" report and the
import view; the directory's entries in the kernel's extension points (``portal.extensions``)."""

from django.core.exceptions import PermissionDenied
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.actions.create import CreateAction
from wagtail.actions.delete import DeleteAction
from wagtail.actions.edit import EditAction
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, IndexView, SnippetViewSet, SnippetViewSetGroup

from directory import changelog, tasks
from directory.memberships import OrganisationSide
from directory.models import (
    ContactPerson,
    Organisation,
    OrganisationKind,
    Responsibility,
)
from directory.permissions import register_policies
from directory.sitemaps import FinderSitemap, OrganisationSitemap
from portal import audit, roles
from portal.access import Role
from portal.demo import DemoStep
from portal.housekeeping import task_job

register_policies()


class MaintainerIndexView(IndexView):
    """The listing shows a maintainer only the records of their organisations."""

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        allowed = self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change", "view"]
        )
        if allowed.query.is_empty():
            return queryset.none()
        if not self.permission_policy._model_perm(self.request.user, "change"):
            queryset = queryset.filter(pk__in=allowed.values("pk"))
        return queryset


class MaintainerEditView(EditView):
    """Edit only what the user may change: the object-level check Wagtail's view leaves out."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", obj
        ):
            raise PermissionDenied
        return obj


class DirectorySnippetViewSet(SnippetViewSet):
    index_view_class = MaintainerIndexView
    edit_view_class = MaintainerEditView
    search_backend_name = None  # plain database lookups: no search index to keep in sync


class OrganisationViewSet(DirectorySnippetViewSet):
    model = Organisation
    icon = "group"
    menu_order = 100
    list_display = ["name", "abbreviation", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "abbreviation", "description"]
    ordering = ["name"]


class ContactPersonViewSet(DirectorySnippetViewSet):
    model = ContactPerson
    icon = "user"
    menu_order = 110
    list_display = ["name", "function", "organisation", "visibility", "verified_on", "is_active"]
    list_filter = ["visibility", "is_active", "organisation__kind"]
    search_fields = ["family_name", "given_name", "function", "email"]
    ordering = ["family_name", "given_name"]


class ResponsibilityViewSet(DirectorySnippetViewSet):
    model = Responsibility
    icon = "list-ul"
    menu_order = 120
    list_display = ["__str__", "organisation", "contact", "deputy", "is_active"]
    list_filter = ["topic", "residence_status", "legal_circle", "is_active"]
    search_fields = ["service_name", "note"]


class OrganisationKindViewSet(SnippetViewSet):
    model = OrganisationKind
    icon = "tag"
    menu_order = 130
    search_backend_name = None
    list_display = ["name", "slug", "sort_order", "is_active"]
    search_fields = ["name"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (
        OrganisationViewSet,
        ContactPersonViewSet,
        ResponsibilityViewSet,
        OrganisationKindViewSet,
    )
    menu_icon = "group"
    menu_label = _("Directory")
    menu_name = "directory"


register_snippet(DirectoryViewSetGroup)


# ---- audit trail: every admin edit goes through directory.changelog -------------------------


@hooks.register("register_log_actions")
def register_log_actions(actions):
    audit.register_actions(
        actions,
        {
            changelog.Action.CREATED: (_("Create (directory)"), _("Created")),
            changelog.Action.CHANGED: (_("Change (directory)"), changelog.ChangedFieldsFormatter),
            changelog.Action.DELETED: (_("Delete (directory)"), _("Deleted")),
            changelog.Action.VERIFIED: (_("Confirm as current"), _("Confirmed as current")),
        },
    )


class _LoggedByChangelog:
    """Wagtail's admin actions without their generic "Created/Edited/Deleted" entry: the hooks
    below log the same save once, with its changed fields, as a ``directory.*`` entry."""

    def __init__(self, *args, log_action=None, **kwargs):
        super().__init__(*args, log_action=None, **kwargs)


class _Create(_LoggedByChangelog, CreateAction):
    pass


class _Edit(_LoggedByChangelog, EditAction):
    pass


class _Delete(_LoggedByChangelog, DeleteAction):
    pass


@hooks.register("register_actions")
def register_directory_actions(registry):
    for model in changelog.TRACKED:
        for action in (_Create, _Edit, _Delete):
            registry.register(model, action)


_BEFORE_ATTR = "_directory_changelog_before"


def _tracked(instance) -> bool:
    return type(instance) in changelog.TRACKED


@hooks.register("before_edit_snippet")
def remember_state(request, instance):
    if request.method == "POST" and _tracked(instance):
        if isinstance(instance, Organisation):
            setattr(request, _BEFORE_ATTR, changelog.snapshot_tree(instance))
        else:
            setattr(request, _BEFORE_ATTR, changelog.snapshot(instance))


@hooks.register("after_edit_snippet")
def log_edit(request, instance):
    if not _tracked(instance):
        return
    before = getattr(request, _BEFORE_ATTR, None)
    if isinstance(instance, Organisation):
        changelog.record_tree_changes(
            organisation=instance,
            before=before or {},
            user=request.user,
            source=changelog.Source.ADMIN,
        )
    else:
        changelog.record_changes(
            instance=instance, before=before, user=request.user, source=changelog.Source.ADMIN
        )


@hooks.register("after_create_snippet")
def log_create(request, instance):
    if not _tracked(instance):
        return
    if isinstance(instance, Organisation):
        changelog.record_tree_changes(
            organisation=instance, before={}, user=request.user, source=changelog.Source.ADMIN
        )
    else:
        changelog.record_changes(
            instance=instance, before=None, user=request.user, source=changelog.Source.ADMIN
        )


@hooks.register("before_delete_snippet")
def log_delete(request, instances):
    if request.method == "POST":
        changelog.record_deleted(
            instances=instances, user=request.user, source=changelog.Source.ADMIN
        )


# ---- admin views: report and import ---------------------------------------------------------


@hooks.register("register_admin_urls")
def register_admin_urls():
    from directory.admin_views import ImportView, UnverifiedContactsReportView

    urls = [
        path(
            "reports/directory-unverified/",
            UnverifiedContactsReportView.as_view(),
            name="unverified_report",
        ),
        path(
            "reports/directory-unverified/results/",
            UnverifiedContactsReportView.as_view(results_only=True),
            name="unverified_report_results",
        ),
        path("directory/import/", ImportView.as_view(), name="import"),
    ]
    return [path("", include((urls, "directory_admin")))]


class _EditorMenuItem(MenuItem):
    def is_shown(self, request):
        from wagtail.permissions import policy_registry

        return policy_registry.get_by_type(ContactPerson).user_has_permission(
            request.user, "change"
        )


@hooks.register("register_reports_menu_item")
def register_unverified_report_menu_item():
    return _EditorMenuItem(
        _("Contacts not verified"),
        reverse("directory_admin:unverified_report"),
        name="directory-unverified",
        icon_name="warning",
        order=750,
    )


class _ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perms(
            ["directory.add_contactperson", "directory.change_contactperson"]
        )


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return _ImportMenuItem(
        _("Import directory"),
        reverse("directory_admin:import"),
        name="directory-import",
        icon_name="upload",
        order=290,
    )


@hooks.register("ipnetz_role_permissions")
def role_permissions():
    permissions = [
        *roles.crud(
            "directory",
            "organisation",
            "location",
            "contactperson",
            "responsibility",
            "organisationkind",
        ),
        "directory.view_changelogentry",
    ]
    return {Role.EDITOR: permissions, Role.MODERATOR: permissions}


@hooks.register("ipnetz_sitemaps")
def sitemaps():
    return {"directory": OrganisationSitemap, "finder": FinderSitemap}


@hooks.register("ipnetz_housekeeping_jobs")
def housekeeping_jobs():
    return task_job(
        "directory.verification_reminders",
        tasks.send_verification_reminders,
        every="day",
        description="Remind whoever keeps a contact current (account, maintainers, editors)",
    )


@hooks.register("ipnetz_demo_steps")
def demo_step():
    from directory import demo_data

    return DemoStep("directory", demo_data.load, order=20)


@hooks.register("ipnetz_membership_sides")
def membership_side():
    return OrganisationSide()
