"""The directory's side of role requests: partner staff name their organisation when they sign up;
a verified address in one of its domains approves them at once, otherwise its maintainers (and
those of its parent) decide. Registered with the ``ipnetz_membership_sides`` hook."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory.models import Organisation, OrganisationMembership
from portal.access import Role
from portal.accounts.models import Membership
from portal.accounts.sides import MembershipSide


def member_organisations(user):
    """The organisations ``user`` works for by an approved partner staff request."""
    if user is None or not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        staff_memberships__membership__user=user,
        staff_memberships__membership__role=Role.PARTNER_STAFF,
        staff_memberships__membership__status=Membership.Status.APPROVED,
    )


def organisation_of(membership) -> Organisation | None:
    """The organisation ``membership`` names (partner staff), or None."""
    side = (
        OrganisationMembership.objects.filter(membership=membership)
        .select_related("organisation__parent")
        .first()
    )
    return side.organisation if side is not None else None


class OrganisationSide(MembershipSide):
    def signup_fields(self) -> dict[str, forms.Field]:
        return {
            "organisation": forms.ModelChoiceField(
                label=gettext_lazy("Organisation (partner staff only)"),
                queryset=Organisation.objects.active().order_by("name"),
                required=False,
                help_text=gettext_lazy(
                    "With an e-mail address of the organisation your account is active as soon "
                    "as the address is confirmed; otherwise a maintainer of the organisation "
                    "approves it."
                ),
            )
        }

    def clean_signup(self, form) -> None:
        cleaned = form.cleaned_data
        if cleaned.get("kind") == Role.PARTNER_STAFF and not cleaned.get("organisation"):
            form.add_error("organisation", _("Please choose your organisation."))

    def attach(self, membership, details: dict) -> None:
        organisation = details.get("organisation")
        if membership.role != Role.PARTNER_STAFF:
            OrganisationMembership.objects.filter(membership=membership).delete()
            return
        if organisation is None:
            raise ValidationError(_("Partner staff must choose their organisation."))
        OrganisationMembership.objects.update_or_create(
            membership=membership, defaults={"organisation": organisation}
        )

    def approves_verified_email(self, membership, email: str) -> bool:
        organisation = organisation_of(membership)
        return (
            membership.role == Role.PARTNER_STAFF
            and organisation is not None
            and organisation.matches_email(email)
        )

    def approver_ids(self, membership) -> set[int]:
        organisation = organisation_of(membership)
        if membership.role != Role.PARTNER_STAFF or organisation is None:
            return set()
        ids = set(organisation.maintainers.filter(is_active=True).values_list("pk", flat=True))
        if organisation.parent_id:
            parent = organisation.parent
            ids |= set(parent.maintainers.filter(is_active=True).values_list("pk", flat=True))
        return ids

    def details(self, membership) -> list[tuple[str, str]]:
        organisation = organisation_of(membership)
        return [(_("Organisation"), str(organisation))] if organisation is not None else []

    def who_decides(self, membership) -> str:
        organisation = organisation_of(membership)
        if organisation is None:
            return ""
        return _("A maintainer of %(organisation)s or an administrator decides.") % {
            "organisation": organisation
        }

    def export(self, membership) -> dict:
        organisation = organisation_of(membership)
        return {"organisation": str(organisation) if organisation is not None else None}
