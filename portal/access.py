"""The one access policy. Every channel (pages, lists, finder, search, exports, vCards, feeds,
JSON) asks this module what a user may see; nothing else decides visibility.

Roles are Django groups. A user whose role is still awaiting approval is not yet in the group, so
a pending user has exactly the rights of an anonymous visitor.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    """Who may see a piece of content. Ordered from widest to narrowest audience."""

    PUBLIC = "public", _("Public")
    VOLUNTEERS = "volunteers", _("Volunteers and partners")
    PARTNERS = "partners", _("Partners only")


class Role(models.TextChoices):
    """The portal's roles; the value is the name of the Django group that grants the role."""

    PARTNER_STAFF = "Partner staff", _("Partner staff")
    EMPLOYER = "Employers", _("Employer")
    VOLUNTEER = "Volunteers", _("Volunteer")
    EDITOR = "Editors", _("Editor")
    MODERATOR = "Moderators", _("Moderator")
    ADMINISTRATOR = "Administrators", _("Administrator")


#: Which visibilities each role unlocks, on top of PUBLIC which everyone sees.
ROLE_VISIBILITIES: dict[str, frozenset[str]] = {
    Role.PARTNER_STAFF: frozenset({Visibility.VOLUNTEERS, Visibility.PARTNERS}),
    Role.EDITOR: frozenset({Visibility.VOLUNTEERS, Visibility.PARTNERS}),
    Role.MODERATOR: frozenset({Visibility.VOLUNTEERS, Visibility.PARTNERS}),
    Role.ADMINISTRATOR: frozenset({Visibility.VOLUNTEERS, Visibility.PARTNERS}),
    Role.VOLUNTEER: frozenset({Visibility.VOLUNTEERS}),
    Role.EMPLOYER: frozenset(),
}

_CACHE_ATTR = "_ipnetz_roles"


def roles(user) -> frozenset[str]:
    """The active roles of ``user`` (group names), cached on the user object for the request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        setattr(user, _CACHE_ATTR, cached)
    return cached


def has_role(user, *wanted: str) -> bool:
    """True when ``user`` holds one of the ``wanted`` roles (superusers hold every role)."""
    if user is not None and user.is_authenticated and user.is_active and user.is_superuser:
        return True
    return bool(roles(user) & set(wanted))


def allowed_visibilities(user) -> frozenset[str]:
    """The visibility values ``user`` may see."""
    allowed = {Visibility.PUBLIC.value}
    if user is not None and user.is_authenticated and user.is_active and user.is_superuser:
        return frozenset(Visibility.values)
    for role in roles(user):
        allowed |= {str(v) for v in ROLE_VISIBILITIES.get(role, ())}
    return frozenset(allowed)


def is_signed_in(user) -> bool:
    """Any active account, whatever its roles (the view decides per object)."""
    return user is not None and user.is_authenticated and user.is_active


def has_perms(*perms: str) -> Callable[[object], bool]:
    """A check for views guarded by Django model permissions (the admin's own tools)."""

    def check(user) -> bool:
        return user.has_perms(perms)

    return check


def is_partner(user) -> bool:
    """Partner-level access: partner staff and the portal's own staff."""
    return Visibility.PARTNERS.value in allowed_visibilities(user)


def sees(user, visibility) -> bool:
    """May ``user`` see what is marked ``visibility`` (for a field with its own visibility)?"""
    return str(visibility) in allowed_visibilities(user)


def can_view(user, obj) -> bool:
    """May ``user`` see ``obj``? Objects without a ``visibility`` attribute are public."""
    visibility = getattr(obj, "visibility", Visibility.PUBLIC)
    return str(visibility) in allowed_visibilities(user)


def visible_to(user, queryset, field: str = "visibility"):
    """``queryset`` narrowed to what ``user`` may see."""
    return queryset.filter(**{f"{field}__in": sorted(allowed_visibilities(user))})


def filter_visible(user, objects: Iterable) -> list:
    """The objects of an already-loaded iterable that ``user`` may see."""
    allowed = allowed_visibilities(user)
    return [obj for obj in objects if str(getattr(obj, "visibility", "public")) in allowed]
