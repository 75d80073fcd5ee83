"""Background tasks of the knowledge base (django-tasks). Run daily by
``manage.py knowledge_notifications`` from the worker's timer (docs/knowledge.md)."""

from django_tasks import task

from knowledge import services
from portal.links import base_url


@task()
def send_digests(*, frequency: str) -> int:
    """Queue the due topic digests of ``frequency``; the outbox delivers and retries them."""
    return services.send_digests(frequency=frequency, base_url=base_url())


@task()
def send_review_reminders() -> int:
    """Queue one reminder per owner of pages overdue for review."""
    return services.send_review_reminders(base_url=base_url())


@task()
def put_legal_changes_in_force() -> int:
    """Store "in force" for announced legal changes whose effective date has come."""
    return services.put_legal_changes_in_force()
