from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    label = "portal"
    verbose_name = _("Portal")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from portal import demo_data, jobs, mail, personal_data, roles  # noqa: F401 - demo, jobs
        from portal.access import Role

        personal_data.register(
            "outbox", export=mail.personal_data_export, erase=mail.personal_data_erase
        )
        post_migrate.connect(roles.apply_grants, dispatch_uid="portal-role-grants")
        for role in (Role.EDITOR, Role.MODERATOR):
            # The shared vocabulary: "Editors can extend these lists in the admin."
            roles.grant_crud(role, "portal", "municipality", "topic", "audience", "residencestatus")
