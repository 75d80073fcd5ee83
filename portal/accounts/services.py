"""Account workflows: role requests and their approval, profile, data export, account deletion.

Each service is keyword-only, runs in one transaction and sends its e-mails through the outbox
(``portal.mail.queue_templated_email``) after commit.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.models import Group
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import audit, personal_data
from portal.access import Role
from portal.accounts import selectors
from portal.accounts.models import EmployerProfile, Membership
from portal.accounts.sides import all_sides
from portal.links import absolute_url
from portal.mail import queue_templated_email

logger = logging.getLogger("ipnetz.accounts")

APPROVAL_SALT = "portal.accounts.membership-approval"
#: Approval links stay valid for two weeks; afterwards an administrator decides in the admin.
APPROVAL_MAX_AGE = 14 * 24 * 3600


class ApprovalLinkExpired(Exception):
    """The signed approval link was genuine but is too old."""


def approval_token(membership: Membership) -> str:
    return signing.dumps({"membership": membership.pk}, salt=APPROVAL_SALT, compress=True)


def membership_from_token(token: str) -> Membership:
    """The membership a signed approval link points at.

    Raises ``signing.BadSignature`` for a tampered token (→ 404) and ``ApprovalLinkExpired`` for
    a genuine but expired one (→ a clear message)."""
    try:
        data = signing.loads(token, salt=APPROVAL_SALT, max_age=APPROVAL_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ApprovalLinkExpired from exc
    if not isinstance(data, dict) or not isinstance(data.get("membership"), int):
        raise signing.BadSignature("malformed payload")
    membership = Membership.objects.select_related("user").filter(pk=data["membership"])
    found = membership.first()
    if found is None:
        raise signing.BadSignature("unknown membership")
    return found


@transaction.atomic
def membership_request(*, user, role: str, **details) -> Membership:
    """Record that ``user`` asks for ``role``. ``details`` are the values of the sign-up fields
    the apps add (partner staff: the directory's ``organisation``); each app's membership side
    stores its part and may refuse an incomplete request with ``ValidationError``.

    The request stays pending until the e-mail address is verified (see ``email_verified``)."""
    if role not in Membership.SIGNUP_ROLES:
        raise ValidationError(_("This role cannot be requested."))
    membership, _created = Membership.objects.update_or_create(
        user=user, role=role, defaults={"status": Membership.Status.PENDING}
    )
    for side in all_sides():
        side.attach(membership, details)
    if role == Role.EMPLOYER:
        EmployerProfile.objects.get_or_create(user=user)
    logger.info("membership requested: user=%s role=%s", user.pk, role)
    return membership


def _log(membership: Membership, action: str, *, by) -> None:
    """Audit entry for a decision: it names the role and the account's number, not the person
    (the label outlives a deleted account)."""
    audit.log(
        membership,
        action,
        user=by,
        title=f"{membership.get_role_display()} · #{membership.user_id}",
        data={"account": membership.user_id, "role": membership.role, "automatic": by is None},
    )


@transaction.atomic
def membership_approve(*, membership: Membership, by=None) -> Membership:
    """Approve ``membership``: the user joins the role's group and is told by e-mail.

    ``by`` is the deciding user; None means approved automatically (verified e-mail)."""
    if by is not None and not selectors.can_decide(by, membership):
        raise PermissionDenied
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status == Membership.Status.APPROVED:
        return membership
    group, _created = Group.objects.get_or_create(name=membership.role)
    membership.user.groups.add(group)
    membership.status = Membership.Status.APPROVED
    membership.decided_by = by
    membership.decided_at = timezone.now()
    membership.save(update_fields=["status", "decided_by", "decided_at"])
    _log(membership, "accounts.approve", by=by)
    logger.info("membership approved: %s by=%s", membership.pk, getattr(by, "pk", "auto"))
    # The person only needs a mail when someone else decided; automatic approvals happen while
    # they are confirming their address and see the result at once.
    if by is not None:
        queue_templated_email(
            template="accounts/email/membership_approved",
            to=[membership.user.email],
            context={
                "membership": membership,
                "login_url": absolute_url(reverse("account_login")),
            },
            language=settings.LANGUAGE_CODE,
        )
    return membership


@transaction.atomic
def membership_reject(*, membership: Membership, by) -> Membership:
    """Reject ``membership``; the user keeps an ordinary account without the role."""
    if not selectors.can_decide(by, membership):
        raise PermissionDenied
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status == Membership.Status.APPROVED:
        Group.objects.get(name=membership.role).user_set.remove(membership.user)
    membership.status = Membership.Status.REJECTED
    membership.decided_by = by
    membership.decided_at = timezone.now()
    membership.save(update_fields=["status", "decided_by", "decided_at"])
    _log(membership, "accounts.decline", by=by)
    logger.info("membership rejected: %s by=%s", membership.pk, by.pk)
    return membership


def _notify_approvers(membership: Membership) -> None:
    recipients = [u.email for u in selectors.approvers(membership) if u.email]
    if recipients:
        queue_templated_email(
            template="accounts/email/membership_requested",
            to=recipients,
            context={
                "membership": membership,
                "approval_url": absolute_url(
                    reverse("accounts:approval", kwargs={"token": approval_token(membership)})
                ),
            },
            language=settings.LANGUAGE_CODE,
        )
    membership.notified_at = timezone.now()
    membership.save(update_fields=["notified_at"])


@transaction.atomic
def email_verified(*, user, email: str) -> None:
    """Act on ``user``'s pending requests once ``email`` is verified: employers are approved,
    so is a request that a membership side approves for the address (partner staff whose
    organisation has verified the domain), everyone else's approvers are asked (once)."""
    for membership in Membership.objects.pending().filter(user=user):
        if membership.role == Role.EMPLOYER or any(
            side.approves_verified_email(membership, email) for side in all_sides()
        ):
            membership_approve(membership=membership)
        elif membership.notified_at is None:
            _notify_approvers(membership)


@transaction.atomic
def employer_profile_update(*, user, **fields) -> EmployerProfile:
    """Save the employer's company details."""
    profile, _created = EmployerProfile.objects.get_or_create(user=user)
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    return profile


def account_export(*, user) -> dict:
    """Everything stored about ``user``: the account itself plus every registered app source."""
    return {
        "generated_at": timezone.now().isoformat(),
        "account": selectors.account_data(user),
        **personal_data.export_all(user),
    }


@transaction.atomic
def account_delete(*, user) -> None:
    """Erase ``user``'s personal data in every app, then delete the account itself."""
    personal_data.erase_all(user)
    logger.info("account deleted: user=%s", user.pk)
    user.delete()
