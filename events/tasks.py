"""Background tasks of the events app (django-tasks). Each is safe to run again at any time."""

from django_tasks import task

from events import services


@task()
def send_reminders() -> int:
    """E-mail confirmed registrants EVENT_REMINDER_DAYS before their date (once per date)."""
    return services.reminders_send()


@task()
def anonymise_registrations() -> int:
    """Erase personal data of registrations EVENT_REGISTRATION_RETENTION_DAYS after the date."""
    return services.registrations_anonymise()


@task()
def extend_schedules() -> int:
    """Create the new dates of open-ended series as the horizon moves on."""
    return services.schedules_extend()
