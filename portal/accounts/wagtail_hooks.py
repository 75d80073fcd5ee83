"""The accounts app's entries in the kernel's extension points (``portal.extensions``)."""

from wagtail import hooks

from portal.accounts.apps import AccountsConfig
from portal.demo import DemoStep


@hooks.register("ipnetz_role_permissions")
def role_permissions():
    return {AccountsConfig.COORDINATORS: ["accounts.approve_volunteers"]}


@hooks.register("ipnetz_demo_steps")
def demo_step():
    from portal.accounts import demo_data

    return DemoStep("accounts", demo_data.load, order=25)
