from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    label = "events"
    verbose_name = _("Events and trainings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from events import demo_data, services, signals  # noqa: F401 - demo step, receivers
        from portal import personal_data

        personal_data.register(
            "event_registrations",
            export=services.personal_data_export,
            erase=services.personal_data_erase,
        )
