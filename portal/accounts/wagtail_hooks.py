"""Account decisions in the audit trail (``portal.accounts.services``)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal import audit


@hooks.register("register_log_actions")
def register_log_actions(actions):
    audit.register_actions(
        actions,
        {
            "accounts.approve": (_("Approve a role"), _("Role approved")),
            "accounts.decline": (_("Decline a role"), _("Role declined")),
        },
    )
