"""Reads about accounts: who may decide a membership, profiles, the data export."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from portal.access import Role, has_role
from portal.accounts.models import EmployerProfile, Membership


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
    """Who is asked to decide ``membership``: the organisation's maintainers (partner staff) or
    the volunteer coordinators (volunteers), and always the administrators."""
    user_model = get_user_model()
    ids = set(administrators().values_list("pk", flat=True))
    if membership.role == Role.PARTNER_STAFF and membership.organisation_id:
        org = membership.organisation
        ids |= set(org.maintainers.filter(is_active=True).values_list("pk", flat=True))
        if org.parent_id:
            ids |= set(org.parent.maintainers.filter(is_active=True).values_list("pk", flat=True))
    elif membership.role == Role.VOLUNTEER:
        ids |= set(volunteer_coordinators().values_list("pk", flat=True))
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
    return list(Membership.objects.pending().filter(user=user).select_related("organisation"))


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
                "organisation": str(m.organisation) if m.organisation_id else None,
                "status": m.status,
                "requested_at": m.requested_at.isoformat(),
                "decided_at": m.decided_at.isoformat() if m.decided_at else None,
            }
            for m in Membership.objects.filter(user=user).select_related("organisation")
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
