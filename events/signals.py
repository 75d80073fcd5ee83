"""Decoupled reactions of the events app to Wagtail's page life cycle."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from events.models import EventPage


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
