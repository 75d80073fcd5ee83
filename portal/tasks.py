"""Background tasks of the portal shell."""

from django_tasks import task

from portal import mail


@task()
def deliver_email(*, email_id: int) -> bool:
    """Deliver one e-mail from the outbox; on failure it stays queued for the retry sweep."""
    return mail.deliver(email_id)
