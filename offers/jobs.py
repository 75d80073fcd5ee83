"""The offers app's recurring job (``portal.housekeeping``)."""

from offers import tasks
from portal import housekeeping

housekeeping.register_task(
    "offers.daily",
    tasks.daily_maintenance,
    every="day",
    description="Renewal reminders and expiry notices, lapsed measures, saved-search sweep",
)
