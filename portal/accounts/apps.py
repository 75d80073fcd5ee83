from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    default_auto_field = "django.db.models.BigAutoField"

    #: The group whose members approve volunteers' sign-ups.
    COORDINATORS = "Volunteer coordinators"

    def ready(self) -> None:
        from portal.accounts import signals  # noqa: F401 - receivers
