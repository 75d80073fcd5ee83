from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from search import checks, signals  # noqa: F401 - system checks, receivers

        # Each app's ``search_documents`` module registers its document builders.
        autodiscover_modules("search_documents")
        signals.connect()
        signals.connect_synonyms()
