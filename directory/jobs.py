"""The directory's recurring jobs (``portal.housekeeping``)."""

from directory import tasks
from portal import housekeeping


@housekeeping.register(
    "directory.verification_reminders",
    every="day",
    description="Remind responsible accounts of contacts not verified for months",
)
def verification_reminders():
    tasks.send_verification_reminders.enqueue()
    return "enqueued"
