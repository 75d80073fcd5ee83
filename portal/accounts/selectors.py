"""Reads about accounts: who may decide a membership, profiles, the data export."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from portal.access import Role, has_role
from portal.accounts.models import EmployerProfile, Membership
from portal.accounts.sides import all_sides


def employer_profile(user) -> EmployerProfile | None:
    """The employer's company profile (prefills event registrations); None for others."""
    if user is None or not user.is_authenticated:
        return None
    return EmployerProfile.objects.filter(user=user).first()


def administrators() -> QuerySet:
    """Active administrators: superusers and members of the Administrators group."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=Role.ADMINISTRATOR))
        .distinct()
    )


def volunteer_coordinators() -> QuerySet:
    """Active users holding ``accounts.approve_volunteers`` through a group or directly."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(groups__permissions__codename="approve_volunteers")
            | Q(user_permissions__codename="approve_volunteers")
        )
        .distinct()
    )


def approvers(membership: Membership) -> QuerySet:
    """Who is asked to decide ``membership``: the volunteer coordinators (volunteers), whom the
    membership sides name (partner staff: the organisation's maintainers), and always the
    administrators."""
    user_model = get_user_model()
    ids = set(administrators().values_list("pk", flat=True))
    if membership.role == Role.VOLUNTEER:
        ids |= set(volunteer_coordinators().values_list("pk", flat=True))
    for side in all_sides():
        ids |= side.approver_ids(membership)
    ids.discard(membership.user_id)
    return user_model.objects.filter(pk__in=ids).order_by("pk")


def can_decide(user, membership: Membership) -> bool:
    """May ``user`` approve or reject ``membership``? Never their own."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.pk == membership.user_id:
        return False
    if has_role(user, Role.ADMINISTRATOR):
        return True
    return approvers(membership).filter(pk=user.pk).exists()


def pending_memberships(user) -> list[Membership]:
    """The user's own requests that still await a decision (shown as "awaiting approval")."""
    if user is None or not user.is_authenticated:
        return []
    return list(Membership.objects.pending().filter(user=user))


def account_data(user) -> dict:
    """What the accounts app itself stores about ``user`` (for the data download)."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    profile = employer_profile(user)
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "memberships": [
            {
                "role": m.role,
                **{key: value for side in all_sides() for key, value in side.export(m).items()},
                "status": m.status,
                "requested_at": m.requested_at.isoformat(),
                "decided_at": m.decided_at.isoformat() if m.decided_at else None,
            }
            for m in Membership.objects.filter(user=user)
        ],
        "employer_profile": (
            {
                field: getattr(profile, field)
                for field in (
                    "company_name",
                    "sector",
                    "street",
                    "postcode",
                    "city",
                    "size",
                    "contact_person",
                    "phone",
                )
            }
            if profile
            else None
        ),
        # Only the kinds: secrets and recovery codes never leave the server.
        "two_factor_methods": sorted(
            Authenticator.objects.filter(user=user).values_list("type", flat=True)
        ),
    }
