"""Retention and personal data of registrations, and the secrets of personal calendar feeds."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import (
    transaction,
)
from django.utils import timezone

from events.models import (
    FeedToken,
    Occurrence,
    Registration,
)
from events.services.registrations import registration_cancel
from portal import audit


def registrations_anonymise(*, now=None) -> int:
    """Erase the personal data of registrations EVENT_REGISTRATION_RETENTION_DAYS after the date.

    Status, attendee count and offer counts stay, so that statistics remain possible.
    """
    now = now or timezone.now()
    days = getattr(settings, "EVENT_REGISTRATION_RETENTION_DAYS", 180)
    cutoff = now - datetime.timedelta(days=days)
    occurrences = Occurrence.objects.filter(end__lt=cutoff, anonymised_at__isnull=True)
    count = 0
    for occurrence in occurrences:
        with transaction.atomic():
            for reg in occurrence.registrations.filter(anonymised_at__isnull=True):
                _anonymise(reg, now)
                count += 1
            occurrence.anonymised_at = now
            occurrence.save(update_fields=["anonymised_at"])
    return count


def _anonymise(registration: Registration, now) -> None:
    registration.user = None
    registration.name = ""
    registration.email = ""
    registration.phone = ""
    registration.organisation = ""
    registration.comment = ""
    registration.offers = [
        {"kind": o.get("kind", ""), "count": o.get("count", 0)} for o in registration.offers
    ]
    registration.anonymised_at = now
    registration.save()
    audit.forget_actor(registration)


def personal_data_export(user) -> list[dict]:
    """The user's registrations as plain data (for the portal's data export)."""
    return [
        {
            "event": reg.occurrence.event.title,
            "date": reg.occurrence.start.isoformat(),
            "status": reg.status,
            "name": reg.name,
            "email": reg.email,
            "phone": reg.phone,
            "organisation": reg.organisation,
            "attendees": reg.attendees,
            "offers": reg.offers,
            "registered_at": reg.created_at.isoformat(),
        }
        for reg in Registration.objects.filter(user=user).select_related("occurrence__event")
    ]


def personal_data_erase(user) -> int:
    """Cancel the user's future registrations (moving others up) and erase all their data."""
    count = 0
    for reg in Registration.objects.filter(user=user).select_related("occurrence__event"):
        if reg.status != Registration.Status.CANCELLED and reg.occurrence.end > timezone.now():
            registration_cancel(registration=reg)
            reg.refresh_from_db()
        _anonymise(reg, timezone.now())
        count += 1
    FeedToken.objects.filter(user=user).delete()
    return count


def feed_token_create(*, user) -> str:
    """Issue a new personal feed token (256 bits), revoking the previous one. Returns it once."""
    secret = secrets.token_urlsafe(32)
    FeedToken.objects.update_or_create(
        user=user, defaults={"secret_hash": FeedToken.hash(secret), "created_at": timezone.now()}
    )
    return f"{user.pk}-{secret}"


def feed_token_revoke(*, user) -> None:
    FeedToken.objects.filter(user=user).delete()
