from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    label = "directory"
    verbose_name = _("Partner network directory")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from directory import demo_data, jobs, sitemaps  # noqa: F401 - demo, jobs, sitemap
        from portal import roles
        from portal.access import Role

        for role in (Role.EDITOR, Role.MODERATOR):
            roles.grant_crud(
                role,
                "directory",
                "organisation",
                "location",
                "contactperson",
                "responsibility",
                "organisationkind",
            )
