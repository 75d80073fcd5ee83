from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from portal import health, roles
        from portal.access import Role
        from search import checks, demo_data, engine, jobs, signals  # noqa: F401 - registrations

        for role in (Role.EDITOR, Role.MODERATOR):
            roles.grant_crud(role, "search", "synonymgroup")
            roles.grant_crud(role, "wagtailsearchpromotions", "query", "searchpromotion")
            roles.grant(role, "search.view_querystat")

        # Each app's ``search_documents`` module registers its document builders.
        autodiscover_modules("search_documents")
        signals.connect()
        signals.connect_synonyms()
        health.register("search", engine.health)
