"""A person's role requests (memberships) and the employer's company profile.

A partner staff member's organisation is the directory's side of the request
(``directory.OrganisationMembership``): the accounts app asks the apps' membership sides
(``portal.accounts.sides``) instead of reaching into another app."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.access import Role


class MembershipQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Membership.Status.PENDING)

    def approved(self):
        return self.filter(status=Membership.Status.APPROVED)


class Membership(models.Model):
    """A person's request for a role. Only an approved membership puts the user into the role's
    Django group, so a pending person has the rights of an anonymous visitor."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    #: The roles a person can ask for when signing up.
    SIGNUP_ROLES = (Role.EMPLOYER, Role.PARTNER_STAFF, Role.VOLUNTEER)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    notified_at = models.DateTimeField(_("approvers notified at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role"], name="accounts_one_membership_per_role"
            )
        ]
        permissions = [("approve_volunteers", _("Can approve volunteers (volunteer coordinator)"))]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.get_status_display()})"

    def details(self) -> list[tuple[str, str]]:
        """What the apps add to this request, as (label, value) pairs (e.g. the organisation)."""
        from portal.accounts.sides import all_sides

        return [pair for side in all_sides() for pair in side.details(self)]

    def who_decides(self) -> str:
        """The apps' sentence about who decides this request ("" when none has one)."""
        from portal.accounts.sides import all_sides

        return " ".join(filter(None, (side.who_decides(self) for side in all_sides())))


class CompanySize(models.TextChoices):
    MICRO = "1-9", _("1–9 employees")
    SMALL = "10-49", _("10–49 employees")
    MEDIUM = "50-249", _("50–249 employees")
    LARGE = "250+", _("250 or more employees")


class EmployerProfile(models.Model):
    """An employer's company details; they prefill the employer's event registrations."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="employer_profile",
        verbose_name=_("user"),
    )
    company_name = models.CharField(_("company name"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=120, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("town"), max_length=100, blank=True)
    size = models.CharField(
        _("company size"), max_length=10, choices=CompanySize.choices, blank=True
    )
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("employer profile")
        verbose_name_plural = _("employer profiles")

    def __str__(self) -> str:
        return self.company_name or str(self.user)
