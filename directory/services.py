"""Write workflows of the directory: confirming a contact as current, the reminder run, and
saving records with a change-log entry. The import lives in ``directory.importing``."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from directory import changelog
from directory.models import ContactPerson
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


def verification_token(*, contact: ContactPerson) -> str:
    """A signed, timestamped token for the one-click "still correct" link. It names the contact
    and the account it was sent to, so that a forwarded link is attributed correctly."""
    signer = signing.TimestampSigner(salt=_SALT)
    return signer.sign_object({"c": contact.pk, "u": contact.responsible_account_id})


def verification_url(*, contact: ContactPerson) -> str:
    path = reverse("directory:verify", kwargs={"token": verification_token(contact=contact)})
    return absolute_url(path)


class InvalidToken(Exception):
    """The link was tampered with, has expired or names a contact that no longer exists."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def contact_from_token(*, token: str) -> ContactPerson:
    """The contact a link names; raises ``InvalidToken`` with reason "expired" or "invalid"."""
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
    """Active contacts not verified since the cutoff, with a responsible account to remind."""
    return (
        ContactPerson.objects.unverified_since(verification_cutoff(today=today))
        .filter(responsible_account__isnull=False, responsible_account__is_active=True)
        .exclude(responsible_account__email="")
        .select_related("organisation", "responsible_account")
        .order_by("responsible_account_id", "family_name")
    )


def reminders_send(*, today: datetime.date | None = None) -> int:
    """Queue one reminder e-mail per responsible account listing its overdue contacts, each with
    its own signed "still correct" link. Returns the number of e-mails queued."""
    by_account: dict[int, list[ContactPerson]] = {}
    for contact in contacts_due_for_reminder(today=today):
        by_account.setdefault(contact.responsible_account_id, []).append(contact)
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for contacts in by_account.values():
            account = contacts[0].responsible_account
            items = [
                {"contact": contact, "url": verification_url(contact=contact)}
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
