"""Admin registration of the directory: snippets with search and filters."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from directory.models import ContactPerson, Organisation, OrganisationKind, Responsibility


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_order = 100
    search_backend_name = None
    list_display = ["name", "abbreviation", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "abbreviation", "description"]
    ordering = ["name"]


class ContactPersonViewSet(SnippetViewSet):
    model = ContactPerson
    icon = "user"
    search_backend_name = None
    menu_order = 110
    list_display = ["name", "function", "organisation", "visibility", "verified_on", "is_active"]
    list_filter = ["visibility", "is_active", "organisation__kind"]
    search_fields = ["family_name", "given_name", "function", "email"]
    ordering = ["family_name", "given_name"]


class ResponsibilityViewSet(SnippetViewSet):
    model = Responsibility
    icon = "list-ul"
    search_backend_name = None
    menu_order = 120
    list_display = ["__str__", "organisation", "contact", "deputy", "is_active"]
    list_filter = ["topic", "residence_status", "legal_circle", "is_active"]
    search_fields = ["service_name", "note", "organisation__name", "topic__name"]


class OrganisationKindViewSet(SnippetViewSet):
    model = OrganisationKind
    icon = "tag"
    search_backend_name = None
    menu_order = 130
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
