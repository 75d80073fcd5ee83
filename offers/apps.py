from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    name = "offers"
    label = "offers"
    verbose_name = _("Offers and measures")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from offers import demo_data, jobs, permissions, signals  # noqa: F401 - demo, jobs, …
        from offers.services import register_personal_data
        from portal import access, roles
        from portal.access import Role
        from portal.accounts import menu

        register_personal_data()
        menu.register(
            menu.MenuLink(
                label=_("My offers"), url="offers:my_offers", show=permissions.is_employer, order=30
            )
        )
        menu.register(
            menu.MenuLink(
                label=_("Saved searches"),
                url="offers:saved_searches",
                show=access.is_partner,
                order=40,
            )
        )
        # Editors get these from migration 0002 as well; moderators edit the same as editors.
        models = ("company", "offer", "measure", "occupationalfield", "municipalityneighbour")
        for role in (Role.EDITOR, Role.MODERATOR):
            roles.grant_crud(role, "offers", *models)
            roles.grant(role, "offers.act_for_companies")
