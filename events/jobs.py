"""The events app's recurring jobs (``portal.housekeeping``)."""

from events import tasks
from portal import housekeeping

housekeeping.register_task(
    "events.reminders",
    tasks.send_reminders,
    every="hour",
    description="Reminders EVENT_REMINDER_DAYS before a date (within the hour they fall due)",
)
housekeeping.register_task(
    "events.retention",
    tasks.anonymise_registrations,
    every="day",
    description="Anonymise registrations EVENT_REGISTRATION_RETENTION_DAYS after the date",
)
housekeeping.register_task(
    "events.series",
    tasks.extend_schedules,
    every="day",
    description="New dates of open-ended series as time moves on",
)
