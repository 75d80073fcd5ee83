"""What each role may do in the Wagtail admin.

Apps declare the model permissions a role needs through the ``ipnetz_role_permissions`` hook in
their ``wagtail_hooks.py``, returning ``{role: ["directory.change_contactperson", …]}`` (``crud``
spells out add/change/delete/view); after every ``migrate`` the role's group gets what is
declared on top of what it has (nothing is taken away, so an administrator's extra grants
survive). Page permissions (add/edit/publish on the page tree) come from Wagtail's
own initial data for the groups "Editors" and "Moderators", which are the portal's role names.
"""

from __future__ import annotations

import logging
from collections import defaultdict

from wagtail import hooks

logger = logging.getLogger("ipnetz.roles")

CRUD = ("add", "change", "delete", "view")


def crud(app_label: str, *models: str) -> list[str]:
    """The permissions to add, change, delete and view ``models`` (lower-case model names)."""
    return [f"{app_label}.{action}_{model}" for model in models for action in CRUD]


def declared() -> dict[str, dict[str, set[str]]]:
    """app label → role (group name) → permission codenames, from every app's hook."""
    grants: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for function in hooks.get_hooks("ipnetz_role_permissions"):
        for role, permissions in function().items():
            for permission in permissions:
                app_label, _, codename = permission.partition(".")
                grants[app_label][str(role)].add(codename)
    return {label: {role: set(c) for role, c in roles.items()} for label, roles in grants.items()}


def apply_grants(sender=None, using="default", **kwargs) -> None:
    """post_migrate receiver: give each role the permissions declared for ``sender``'s app."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    label = getattr(sender, "label", None)
    grants = declared()
    if label not in grants:
        return
    # The portal's receiver may run before Django's own (INSTALLED_APPS order): make sure the
    # app's permissions exist (idempotent).
    create_permissions(sender, verbosity=0, using=using)
    for role, codenames in grants[label].items():
        group, _created = Group.objects.using(using).get_or_create(name=role)
        permissions = list(
            Permission.objects.using(using).filter(
                content_type__app_label=label, codename__in=codenames
            )
        )
        missing = codenames - {p.codename for p in permissions}
        if missing:
            logger.warning("Role %s: unknown permissions %s.%s", role, label, sorted(missing))
        group.permissions.add(*permissions)
