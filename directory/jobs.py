"""The directory's recurring jobs (``portal.housekeeping``)."""

from directory import tasks
from portal import housekeeping

housekeeping.register_task(
    "directory.verification_reminders",
    tasks.send_verification_reminders,
    every="day",
    description="Remind whoever keeps a contact current (account, maintainers, editors)",
)
