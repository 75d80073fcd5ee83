from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    label = "events"
    verbose_name = _("Events and trainings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from events import demo_data, jobs, services, signals  # noqa: F401 - demo, jobs, receivers
        from portal import personal_data
        from portal.accounts import menu

        menu.register(
            menu.MenuLink(
                label=_("My registrations"),
                url="events:my_registrations",
                show=lambda user: user is not None and user.is_authenticated,
                order=10,
            )
        )
        personal_data.register(
            "event_registrations",
            export=services.personal_data_export,
            erase=services.personal_data_erase,
        )
