from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    label = "events"
    verbose_name = _("Events and trainings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from events import signals  # noqa: F401 - receivers
