"""Background tasks of the directory (django-tasks)."""

from django_tasks import task

from directory import services


@task()
def send_verification_reminders() -> int:
    """E-mail every responsible account the contacts it has not verified for N months."""
    return services.reminders_send()
