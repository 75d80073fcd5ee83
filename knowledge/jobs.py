"""The knowledge base's recurring jobs (``portal.housekeeping``)."""

from knowledge import tasks
from knowledge.models import TopicSubscription
from portal import housekeeping


@housekeeping.register(
    "knowledge.digests",
    every="day",
    description="Topic digests (each subscription only when its day or week is over)",
)
def digests():
    for frequency in TopicSubscription.Frequency.values:
        tasks.send_digests.enqueue(frequency=frequency)
    return "enqueued"


housekeeping.register_task(
    "knowledge.review_reminders",
    tasks.send_review_reminders,
    every="week",
    description="Remind owners of pages overdue for review",
)

housekeeping.register_task(
    "knowledge.legal_changes_in_force",
    tasks.put_legal_changes_in_force,
    every="day",
    description="Put announced legal changes in force on their effective date",
)
