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
        from portal.accounts import menu

        menu.register(
            menu.MenuLink(
                label=_("Topic subscriptions"),
                url=_subscriptions_url,
                show=lambda user: user is not None and user.is_authenticated,
                order=20,
            )
        )
        for role in (Role.EDITOR, Role.MODERATOR):
            roles.grant_crud(role, "knowledge", "glossaryterm")


def _subscriptions_url() -> str:
    from knowledge.models import KnowledgeIndexPage

    index = KnowledgeIndexPage.objects.live().first()
    return index.url + "abonnements/" if index is not None and index.url else ""
