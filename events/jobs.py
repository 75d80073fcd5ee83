"""The events app's recurring jobs (``portal.housekeeping``)."""

from events import tasks
from portal import housekeeping


@housekeeping.register(
    "events.reminders",
    every="hour",
    description="Reminders EVENT_REMINDER_DAYS before a date (within the hour they fall due)",
)
def reminders():
    tasks.send_reminders.enqueue()
    return "enqueued"


@housekeeping.register(
    "events.retention",
    every="day",
    description="Anonymise registrations EVENT_REGISTRATION_RETENTION_DAYS after the date",
)
def retention():
    tasks.anonymise_registrations.enqueue()
    return "enqueued"


@housekeeping.register(
    "events.series", every="day", description="New dates of open-ended series as time moves on"
)
def series():
    tasks.extend_schedules.enqueue()
    return "enqueued"
