"""The knowledge base's recurring jobs (``portal.housekeeping``, declared in wagtail_hooks)."""

from knowledge import tasks
from knowledge.models import TopicSubscription


def digests():
    for frequency in TopicSubscription.Frequency.values:
        tasks.send_digests.enqueue(frequency=frequency)
    return "enqueued"
