"""Signals of the events app: what it tells others, and how it reacts to Wagtail's page life cycle.

Signals the events app sends (always after the transaction commits, so a receiver never sees a
registration that was rolled back, and a failing receiver cannot undo one):

``registration_created(sender=Registration, registration, status)``
    A person or company registered for one date; ``status`` is ``"confirmed"`` or ``"waiting"``.
    For Meeting Points ``registration.offers`` holds what the employer brings:
    ``[{"kind": "internship"|"apprenticeship"|"job", "count": int, "field": str,
    "german_level": "A1"…"C2"|""}]`` and ``registration.user`` the employer's account. The
    offers app (issue 8) can hook in here to turn these into standing offers.

``registration_cancelled(sender=Registration, registration)``
    A registration was cancelled (by the registrant through the manage link or "Meine
    Anmeldungen", or when the account was deleted).

``registration_promoted(sender=Registration, registration)``
    A waiting registration moved up to confirmed because a seat became free.

Receivers get fresh model instances; they should do little and enqueue real work as a task.
"""

from django.db.models.signals import post_delete
from django.dispatch import Signal, receiver
from wagtail.signals import page_published, page_unpublished

from events.models import EventPage

registration_created = Signal()
registration_cancelled = Signal()
registration_promoted = Signal()


@receiver(page_published, sender=EventPage)
def sync_dates_on_publish(sender, instance, **kwargs):
    """A published edit may add, move or cancel dates: bring the occurrences in line, raise
    SEQUENCE when calendars must update, tell registrants, refresh the feeds."""
    from events.services import event_schedule_sync

    event_schedule_sync(event=instance)


@receiver(page_unpublished, sender=EventPage)
def cancel_dates_on_unpublish(sender, instance, **kwargs):
    """An unpublished event counts as cancelled for its registrants and calendars."""
    from events.services import event_schedule_sync

    event_schedule_sync(event=EventPage.objects.get(pk=instance.pk))


@receiver(post_delete, sender=EventPage)
def refresh_feeds_on_delete(sender, instance, **kwargs):
    """A deleted event leaves the feeds."""
    from events.services import feeds_changed

    feeds_changed()
