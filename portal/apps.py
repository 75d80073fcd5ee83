from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    label = "portal"
    verbose_name = _("Portal")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from portal import converters, roles

        converters.register()  # <id:…> in the apps' URL patterns

        post_migrate.connect(roles.apply_grants, dispatch_uid="portal-role-grants")
