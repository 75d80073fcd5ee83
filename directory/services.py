"""Write workflows of the directory: confirming a contact as current, the reminder run, and
saving records with a change-log entry. The import lives in ``directory.importing``."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from directory import changelog
from directory.models import ContactPerson
from portal.access import Role
from portal.links import absolute_url
from portal.mail import queue_templated_email

logger = logging.getLogger("ipnetz.directory")

_SALT = "directory.contact-verify"


def reminder_months() -> int:
    """Months after which a contact counts as not verified (``DIRECTORY_VERIFY_AFTER_MONTHS``)."""
    return int(getattr(settings, "DIRECTORY_VERIFY_AFTER_MONTHS", 6))


def link_max_age() -> datetime.timedelta:
    """How long a "still correct" link stays valid (``DIRECTORY_VERIFY_LINK_DAYS``, 30)."""
    return datetime.timedelta(days=int(getattr(settings, "DIRECTORY_VERIFY_LINK_DAYS", 30)))


def verification_cutoff(*, today: datetime.date | None = None) -> datetime.date:
    today = today or timezone.localdate()
    months = reminder_months()
    year, month = divmod(today.month - 1 - months, 12)
    year += today.year
    month += 1
    day = min(today.day, 28)
    return datetime.date(year, month, day)


def verification_token(*, contact: ContactPerson, account=None) -> str:
    """A signed, timestamped token for the one-click "still correct" link. It names the contact
    and the account it was sent to (by default the contact's responsible account), so that the
    confirmation is attributed to whoever was asked."""
    signer = signing.TimestampSigner(salt=_SALT)
    account_id = account.pk if account is not None else contact.responsible_account_id
    return signer.sign_object({"c": contact.pk, "u": account_id})


def verification_url(*, contact: ContactPerson, account=None) -> str:
    token = verification_token(contact=contact, account=account)
    return absolute_url(reverse("directory:verify", kwargs={"token": token}))


class InvalidToken(Exception):
    """The link was tampered with, has expired or names a contact that no longer exists."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def contact_from_token(*, token: str) -> ContactPerson:
    """The contact a link names; raises ``InvalidToken`` with reason "expired" or "invalid".
    ``contact.confirming_account`` is the account the link was sent to (None if gone)."""
    signer = signing.TimestampSigner(salt=_SALT)
    try:
        data = signer.unsign_object(token[:500], max_age=link_max_age())
    except signing.SignatureExpired as error:
        raise InvalidToken("expired") from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise InvalidToken("invalid") from error
    if not isinstance(data, dict) or not isinstance(data.get("c"), int):
        raise InvalidToken("invalid")
    contact = (
        ContactPerson.objects.select_related("organisation", "responsible_account")
        .filter(pk=data["c"], is_active=True)
        .first()
    )
    if contact is None:
        raise InvalidToken("invalid")
    account_id = data.get("u")
    contact.confirming_account = (
        get_user_model().objects.filter(pk=account_id, is_active=True).first()
        if isinstance(account_id, int)
        else None
    )
    return contact


def contact_verify(
    *, contact: ContactPerson, by=None, source: str = changelog.Source.SERVICE
) -> ContactPerson:
    """Confirm that ``contact`` is still correct today; logged in the audit trail."""
    with transaction.atomic():
        before = changelog.snapshot(contact)
        contact.verified_on = timezone.localdate()
        contact.save(update_fields=["verified_on", "updated_at"])
        changelog.record_changes(
            instance=contact,
            before=before,
            user=by,
            source=source,
            action=changelog.Action.VERIFIED,
        )
    return contact


def contacts_due_for_reminder(*, today: datetime.date | None = None):
    """Active contacts not verified since the cutoff (whoever is to be reminded of them)."""
    return (
        ContactPerson.objects.unverified_since(verification_cutoff(today=today))
        .filter(organisation__is_active=True)
        .select_related("organisation", "organisation__parent", "responsible_account")
        .prefetch_related("organisation__maintainers", "organisation__parent__maintainers")
        .order_by("organisation__name", "family_name", "given_name")
    )


def _reachable(accounts) -> list:
    return [a for a in accounts if a.is_active and a.email]


def _editors() -> list:
    users = get_user_model().objects.filter(groups__name=Role.EDITOR, is_active=True)
    return list(users.exclude(email="").order_by("pk").distinct())


def reminder_recipients(contact: ContactPerson, *, editors=None) -> list:
    """Who is reminded of ``contact``: its responsible account; failing that, the maintainers of
    its organisation (or of the parent organisation); failing those, the region's editors."""
    if contact.responsible_account is not None and _reachable([contact.responsible_account]):
        return [contact.responsible_account]
    organisation = contact.organisation
    maintainers = _reachable(organisation.maintainers.all())
    if not maintainers and organisation.parent is not None:
        maintainers = _reachable(organisation.parent.maintainers.all())
    if maintainers:
        return maintainers
    return _editors() if editors is None else editors


def reminder_batches(*, today: datetime.date | None = None) -> list[tuple[object, list]]:
    """``[(account, [overdue contacts])]``: one batch per recipient, so that each person gets
    one e-mail listing all the contacts they are asked about."""
    editors = None
    batches: dict[int, tuple[object, list]] = {}
    for contact in contacts_due_for_reminder(today=today):
        if contact.responsible_account is None and editors is None:
            editors = _editors()
        for account in reminder_recipients(contact, editors=editors):
            batches.setdefault(account.pk, (account, []))[1].append(contact)
    return [batches[pk] for pk in sorted(batches)]


def reminders_send(*, today: datetime.date | None = None) -> int:
    """Queue one reminder e-mail per recipient (``reminder_batches``) listing its overdue
    contacts, each with its own signed "still correct" link. Returns the number queued."""
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for account, contacts in reminder_batches(today=today):
            items = [
                {"contact": contact, "url": verification_url(contact=contact, account=account)}
                for contact in contacts
            ]
            queue_templated_email(
                template="directory/email/reminder",
                context={
                    "account": account,
                    "items": items,
                    "count": len(items),
                    "months": reminder_months(),
                    "days": link_max_age().days,
                },
                to=[account.email],
            )
            sent += 1
    logger.info("directory reminders queued: %d", sent)
    return sent
