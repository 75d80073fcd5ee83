"""The one audit trail: Wagtail's log (``ModelLogEntry`` for models, ``PageLogEntry`` for pages).

Every app writes its actions through ``log`` and registers its action names, with labels and
messages, in its ``wagtail_hooks.py`` through Wagtail's ``register_log_actions`` hook
(``register_actions`` below keeps that to a table). Editors read the trail in the admin's
history of each object and in the site history report; the directory's change feed reads it
too. Entries name records, never the personal data of the people they concern: the ``title``
of an entry about a registration or an account names the event or role, not the person.
"""

from __future__ import annotations

from uuid import UUID

from wagtail.log_actions import LogFormatter
from wagtail.log_actions import log as wagtail_log


def actor(user):
    """The user to record as actor: None for anonymous visitors and system runs."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user


def log(
    instance,
    action: str,
    *,
    user=None,
    data: dict | None = None,
    title: str | None = None,
    uuid: UUID | None = None,
    content_changed: bool = False,
    deleted: bool = False,
):
    """Write one entry for ``action`` on ``instance`` (already saved) and return it.

    Without a ``user`` Wagtail takes the admin request's user, if any; anonymous visitors and
    background jobs are recorded as "system". ``title`` replaces ``str(instance)`` as the label;
    entries of one user action may share a ``uuid`` (the admin gives its own to each request).
    ``content_changed`` and ``deleted`` are Wagtail's flags for the history views.
    """
    return wagtail_log(
        instance=instance,
        action=action,
        user=actor(user),
        data=data or {},
        title=title,
        uuid=uuid,
        content_changed=content_changed,
        deleted=deleted,
    )


def forget_actor(instance) -> int:
    """Drop the actor from every entry about ``instance`` (when its personal data is erased)."""
    from wagtail.models import ModelLogEntry

    return ModelLogEntry.objects.for_instance(instance).update(user=None)


def register_actions(actions, table: dict[str, tuple]) -> None:
    """Register ``{action: (label, message)}``; a message may be a ``LogFormatter`` subclass
    instead, for messages built from the entry's data."""
    for action, (label, message) in table.items():
        if isinstance(message, type) and issubclass(message, LogFormatter):
            actions.register_action(action)(type(message.__name__, (message,), {"label": label}))
        else:
            actions.register_action(action, label, message)
