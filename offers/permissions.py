"""Who may do what with companies, offers and measures.

What a user may *see* is decided by ``portal.access`` (visibility); this module answers the
questions of *ownership*:

- an employer (role "Employers") maintains the company linked to their account and its offers;
- the employer service (Arbeitgeberservice) — partner staff of an organisation whose kind is in
  ``OFFERS_EMPLOYER_SERVICE_KINDS`` (default: Agentur für Arbeit and Jobcenter), anyone holding
  ``offers.act_for_companies``, editors and administrators — enters offers for companies
  without an account and maintains every company's offers;
- a provider's maintainers (``directory.Organisation.maintainers``, or of its parent) maintain
  the provider's measures in the Wagtail admin (``ProviderPermissionPolicy``).

Personal data of an offer (contact person, e-mail, phone) is shown to partner staff and to those
who may edit the offer — never to anyone else, whatever the offer's visibility.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q

from directory.permissions import MaintainerPermissionPolicy, maintains, maintains_any
from portal import access
from portal.access import Role, has_role

#: Organisation kinds (slugs) whose partner staff act as the employer service.
DEFAULT_EMPLOYER_SERVICE_KINDS = ("agentur-fuer-arbeit", "jobcenter")


def _active(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def is_employer(user) -> bool:
    """An approved employer (or a superuser)."""
    return _active(user) and has_role(user, Role.EMPLOYER)


def is_employer_service(user) -> bool:
    """May ``user`` enter and maintain offers on behalf of companies? Cached per request."""
    if not _active(user):
        return False
    cached = getattr(user, "_offers_employer_service", None)
    if cached is None:
        cached = _employer_service(user)
        user._offers_employer_service = cached
    return cached


def _employer_service(user) -> bool:
    if has_role(user, Role.EDITOR, Role.ADMINISTRATOR) or user.has_perm("offers.act_for_companies"):
        return True
    if not has_role(user, Role.PARTNER_STAFF):
        return False
    from directory.memberships import member_organisations
    from directory.models import Organisation

    kinds = tuple(
        getattr(settings, "OFFERS_EMPLOYER_SERVICE_KINDS", DEFAULT_EMPLOYER_SERVICE_KINDS)
    )
    by_kind = Q(kind__slug__in=kinds) | Q(parent__kind__slug__in=kinds)
    member_of = member_organisations(user).values("pk")
    return (
        Organisation.objects.filter(by_kind)
        .filter(Q(pk__in=member_of) | Q(maintainers=user) | Q(parent__maintainers=user))
        .exists()
    )


def owns_company(user, company) -> bool:
    """True when ``company`` is linked to ``user``'s employer account."""
    if not is_employer(user) or company is None or company.profile_id is None:
        return False
    return company.profile.user_id == user.pk


def can_edit_company(user, company) -> bool:
    return is_employer_service(user) or owns_company(user, company)


def can_edit_offer(user, offer) -> bool:
    """The company itself or the employer service."""
    return is_employer_service(user) or owns_company(user, offer.company)


def sees_personal_data(user, offer) -> bool:
    """Contact person, e-mail and phone: partner staff and whoever may edit the offer."""
    return access.is_partner(user) or can_edit_offer(user, offer)


# ---- the admin: providers maintain their own measures ---------------------------------------

#: What a provider's maintainer may do with the provider's measures (no deleting: switch off).
PROVIDER_ACTIONS = frozenset({"add", "change", "view"})


class ProviderPermissionPolicy(MaintainerPermissionPolicy):
    """Model permissions, widened for a provider's maintainers to add, change and view the
    measures of the organisations they maintain (``directory.permissions`` rules)."""

    def user_has_permission(self, user, action):
        if self._model_perm(user, action):
            return True
        return action in PROVIDER_ACTIONS and maintains_any(user)

    def user_has_permission_for_instance(self, user, action, instance):
        if self._model_perm(user, action):
            return True
        if action not in PROVIDER_ACTIONS or not maintains_any(user) or not instance.provider_id:
            return False
        return maintains(user, instance.provider)

    def instances_user_has_any_permission_for(self, user, actions):
        if any(self._model_perm(user, action) for action in actions):
            return self.model._default_manager.all()
        if PROVIDER_ACTIONS.isdisjoint(actions) or not maintains_any(user):
            return self.model._default_manager.none()
        return self.model._default_manager.filter(
            Q(provider__maintainers=user) | Q(provider__parent__maintainers=user)
        ).distinct()


def register_policies() -> None:
    """Register the provider policy for measures (before the viewsets are registered)."""
    from wagtail.permissions import policy_registry, register_permission_policy

    from offers.models import Measure

    if not isinstance(
        policy_registry.get_by_type(Measure, fallback=False), ProviderPermissionPolicy
    ):
        register_permission_policy(Measure, ProviderPermissionPolicy(Measure), exact_class=True)
