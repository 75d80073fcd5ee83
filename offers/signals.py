"""Decoupled reactions of offers to other apps. ``events`` and ``accounts`` know nothing of
offers: offers listens to the events app's ``registration_created`` signal and to saves of the
account profile."""

from __future__ import annotations

import logging

from django.db.models.signals import post_save
from django.dispatch import receiver

from events.choices import EventKind
from events.signals import registration_created
from portal.accounts.models import EmployerProfile

logger = logging.getLogger("ipnetz.offers")


@receiver(registration_created, dispatch_uid="offers-standing-offers")
def standing_offers_from_meeting_point(sender, registration, **kwargs):
    """A new Meeting Point registration with offers (the events app sends this after commit):
    make them standing offers in the background, so that the employer never types them twice."""
    if not registration.offers or registration.occurrence.event.kind != EventKind.MEETING_POINT:
        return
    from offers.tasks import standing_offers_from_registration

    try:
        standing_offers_from_registration.enqueue(registration_id=registration.pk)
    except Exception:  # never fail a registration because of offers
        logger.exception("could not enqueue standing offers of registration %s", registration.pk)


@receiver(post_save, sender=EmployerProfile, dispatch_uid="offers-profile-to-company")
def company_follows_profile(sender, instance, raw=False, **kwargs):
    """The employer edited the account profile: the linked company follows."""
    if raw:
        return
    from offers.services import profile_changed

    profile_changed(profile=instance)
