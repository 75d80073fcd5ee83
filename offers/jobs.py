"""The offers app's recurring job (``portal.housekeeping``)."""

from offers import tasks
from portal import housekeeping


@housekeeping.register(
    "offers.daily",
    every="day",
    description="Renewal reminders and expiry notices, lapsed measures, saved-search sweep",
)
def daily():
    tasks.daily_maintenance.enqueue()
    return "enqueued"
