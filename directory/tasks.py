"""Background tasks of the directory (django-tasks)."""

from django_tasks import task

from directory import services


@task()
def send_verification_reminders() -> int:
    """E-mail each recipient (responsible account, maintainers, editors) its overdue contacts."""
    return services.reminders_send()
