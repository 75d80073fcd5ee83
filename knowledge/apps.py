from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge base")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from knowledge import demo_data, jobs, signals  # noqa: F401 - demo, jobs, receivers
        from portal import roles
        from portal.access import Role

        for role in (Role.EDITOR, Role.MODERATOR):
            roles.grant_crud(role, "knowledge", "glossaryterm")
