"""The accounts app's entries in the kernel's extension points (``portal.extensions``) and its
decisions in the audit trail (``portal.accounts.services``)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal import audit
from portal.accounts.apps import AccountsConfig
from portal.demo import DemoStep


@hooks.register("ipnetz_role_permissions")
def role_permissions():
    return {AccountsConfig.COORDINATORS: ["accounts.approve_volunteers"]}


@hooks.register("ipnetz_demo_steps")
def demo_step():
    from portal.accounts import demo_data

    return DemoStep("accounts", demo_data.load, order=25)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    audit.register_actions(
        actions,
        {
            "accounts.approve": (_("Approve a role"), _("Role approved")),
            "accounts.decline": (_("Decline a role"), _("Role declined")),
        },
    )
