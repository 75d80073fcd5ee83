"""Decoupled reactions of offers to other apps. ``events`` and ``accounts`` know nothing of
offers: offers listens to their models' saves."""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from events.models import EventKind, Registration
from portal.accounts.models import EmployerProfile

logger = logging.getLogger("ipnetz.offers")


@receiver(post_save, sender=Registration, dispatch_uid="offers-standing-offers")
def standing_offers_from_meeting_point(sender, instance, created, raw=False, **kwargs):
    """A new Meeting Point registration with offers: make them standing offers (after commit,
    in the background), so that the employer never types them twice."""
    if raw or not created or not instance.offers:
        return
    if instance.occurrence.event.kind != EventKind.MEETING_POINT:
        return

    def enqueue(registration_id=instance.pk):
        from offers.tasks import standing_offers_from_registration

        try:
            standing_offers_from_registration.enqueue(registration_id=registration_id)
        except Exception:  # never fail a registration because of offers
            logger.exception(
                "could not enqueue standing offers of registration %s", registration_id
            )

    transaction.on_commit(enqueue)


@receiver(post_save, sender=EmployerProfile, dispatch_uid="offers-profile-to-company")
def company_follows_profile(sender, instance, raw=False, **kwargs):
    """The employer edited the account profile: the linked company follows."""
    if raw:
        return
    from offers.services import profile_changed

    profile_changed(profile=instance)
