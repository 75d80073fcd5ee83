"""Admin registration of offers: companies, offers, measures and the search vocabulary as
snippets with search and filters. Measures use the provider permission policy, so that a
provider's own partner staff (its directory maintainers) maintain its measures. Also the offers
app's entries in the kernel's extension points (``portal.extensions``)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from directory.wagtail_hooks import MaintainerEditView, MaintainerIndexView
from offers import permissions, services, tasks
from offers.forms import MeasureAdminForm
from offers.models import Company, Measure, MunicipalityNeighbour, OccupationalField, Offer
from offers.permissions import register_policies
from portal import access, audit, roles
from portal.access import Role
from portal.accounts.menu import MenuLink
from portal.demo import DemoStep
from portal.housekeeping import task_job
from portal.personal_data import PersonalDataSource

register_policies()


class OffersSnippetViewSet(SnippetViewSet):
    search_backend_name = None  # plain database lookups: no search index to keep in sync


class CompanyViewSet(OffersSnippetViewSet):
    model = Company
    icon = "home"
    menu_order = 100
    list_display = ["name", "city", "municipality", "profile", "is_active"]
    list_filter = ["municipality", "is_active", "size"]
    search_fields = ["name", "sector", "city"]
    ordering = ["name"]


class OfferViewSet(OffersSnippetViewSet):
    model = Offer
    icon = "doc-full"
    menu_order = 110
    list_display = ["occupation", "kind", "company", "municipality", "valid_until", "visibility"]
    list_filter = ["kind", "field", "municipality", "visibility", "source", "german_level"]
    search_fields = ["occupation", "description", "company__name"]
    ordering = ["-created_at"]


class MeasureViewSet(OffersSnippetViewSet):
    model = Measure
    icon = "list-ul"
    menu_order = 120
    index_view_class = MaintainerIndexView
    edit_view_class = MaintainerEditView
    list_display = ["title", "kind", "provider", "municipality", "visibility", "is_active"]
    list_filter = ["kind", "funding", "entry_level", "visibility", "is_active"]
    search_fields = ["title", "description", "provider__name"]
    ordering = ["title"]
    edit_handler = ObjectList(Measure.panels, base_form_class=MeasureAdminForm)


class OccupationalFieldViewSet(OffersSnippetViewSet):
    model = OccupationalField
    icon = "tag"
    menu_order = 130
    list_display = ["name", "slug", "sort_order", "is_active"]
    search_fields = ["name", "keywords"]


class NeighbourViewSet(OffersSnippetViewSet):
    model = MunicipalityNeighbour
    icon = "site"
    menu_order = 140
    list_display = ["municipality", "neighbour"]
    list_filter = ["municipality"]


class OffersViewSetGroup(SnippetViewSetGroup):
    items = (
        CompanyViewSet,
        OfferViewSet,
        MeasureViewSet,
        OccupationalFieldViewSet,
        NeighbourViewSet,
    )
    menu_icon = "doc-full"
    menu_label = _("Offers and measures")
    menu_name = "offers"


register_snippet(OffersViewSetGroup)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    """Offers and companies in the audit trail (``offers.services``); measures are edited in the
    admin and logged by Wagtail's own create/edit/delete actions."""
    audit.register_actions(
        actions,
        {
            "offers.create": (_("Create an offer"), _("Offer created")),
            "offers.edit": (_("Edit an offer"), _("Offer edited")),
            "offers.renew": (_("Renew an offer"), _("Offer renewed")),
            "offers.withdraw": (_("Withdraw an offer"), _("Offer withdrawn")),
            "offers.expire": (_("Offer expiry"), _("Offer expired")),
            "offers.company_create": (_("Enter a company"), _("Company entered")),
            "offers.company_edit": (_("Edit a company"), _("Company profile edited")),
            "offers.invite": (_("Invite a company"), _("Take-over invitation sent")),
            "offers.takeover": (_("Take over a company"), _("Company taken over")),
        },
    )


@hooks.register("ipnetz_account_menu_items")
def account_menu_items():
    return [
        MenuLink(
            label=_("My offers"), url="offers:my_offers", show=permissions.is_employer, order=30
        ),
        MenuLink(
            label=_("Saved searches"),
            url="offers:saved_searches",
            show=access.is_partner,
            order=40,
        ),
    ]


@hooks.register("ipnetz_role_permissions")
def role_permissions():
    # Editors get these from migration 0002 as well; moderators edit the same as editors.
    permissions = [
        *roles.crud(
            "offers", "company", "offer", "measure", "occupationalfield", "municipalityneighbour"
        ),
        "offers.act_for_companies",
    ]
    return {Role.EDITOR: permissions, Role.MODERATOR: permissions}


@hooks.register("ipnetz_personal_data")
def personal_data_source():
    return PersonalDataSource(
        "offers", export=services.personal_data_export, erase=services.personal_data_erase
    )


@hooks.register("ipnetz_housekeeping_jobs")
def housekeeping_jobs():
    return task_job(
        "offers.daily",
        tasks.daily_maintenance,
        every="day",
        description="Renewal reminders and expiry notices, lapsed measures, saved-search sweep",
    )


@hooks.register("ipnetz_demo_steps")
def demo_step():
    from offers import demo_data

    return DemoStep("offers", demo_data.load, order=45)
