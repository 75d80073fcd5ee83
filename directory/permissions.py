"""Object-level admin permissions: an organisation's maintainers may edit its entries.

Users with the ordinary model permissions (editors) keep them. A maintainer (an account in
``Organisation.maintainers``, or of the parent organisation) may view and change the
organisation, its teams, its contacts and its responsibilities — and nothing else. Maintainers
cannot add or delete records through the snippet views; they add locations and contact persons
inline on their organisation's form. They also need access to the admin
(``wagtailadmin.access_admin``), which the partner-staff role grants.
"""

from __future__ import annotations

from django.db.models import Q
from wagtail.permission_policies.base import ModelPermissionPolicy

from directory.models import ContactPerson, Organisation, Responsibility

MAINTAINER_ACTIONS = frozenset({"change", "view"})


def _organisation_q(model, user) -> Q:
    prefix = "" if model is Organisation else "organisation__"
    return Q(**{f"{prefix}maintainers": user}) | Q(**{f"{prefix}parent__maintainers": user})


def maintains_any(user) -> bool:
    """True when ``user`` is the maintainer of at least one organisation."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    cached = getattr(user, "_directory_maintains_any", None)
    if cached is None:
        cached = Organisation.objects.maintained_by(user).exists()
        user._directory_maintains_any = cached
    return cached


def maintains(user, organisation: Organisation) -> bool:
    """True when ``user`` maintains ``organisation`` (directly or through its parent)."""
    if not maintains_any(user):
        return False
    return Organisation.objects.maintained_by(user).filter(pk=organisation.pk).exists()


class MaintainerPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, widened to "change"/"view" for an organisation's maintainers."""

    def _model_perm(self, user, action) -> bool:
        return super().user_has_permission(user, action)

    def user_has_permission(self, user, action):
        if self._model_perm(user, action):
            return True
        return action in MAINTAINER_ACTIONS and maintains_any(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if self._model_perm(user, action):
            return True
        if action not in MAINTAINER_ACTIONS or not maintains_any(user):
            return False
        organisation = instance if isinstance(instance, Organisation) else instance.organisation
        return maintains(user, organisation)

    def instances_user_has_any_permission_for(self, user, actions):
        if any(self._model_perm(user, action) for action in actions):
            return self.model._default_manager.all()
        if MAINTAINER_ACTIONS.isdisjoint(actions) or not maintains_any(user):
            return self.model._default_manager.none()
        return self.model._default_manager.filter(_organisation_q(self.model, user)).distinct()


def register_policies() -> None:
    """Register the policy for the three maintainer-editable models (before the viewsets)."""
    from wagtail.permissions import policy_registry, register_permission_policy

    for model in (Organisation, ContactPerson, Responsibility):
        if not isinstance(
            policy_registry.get_by_type(model, fallback=False), MaintainerPermissionPolicy
        ):
            register_permission_policy(model, MaintainerPermissionPolicy(model), exact_class=True)
