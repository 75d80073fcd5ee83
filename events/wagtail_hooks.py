"""Admin of the events app: the organisers' registration views and their buttons; the events
app's entries in the kernel's extension points (``portal.extensions``)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter

from events import admin_views, services, tasks
from events.models import EventPage, Registration
from portal import audit
from portal.accounts.menu import MenuLink
from portal.demo import DemoStep
from portal.housekeeping import task_job
from portal.personal_data import PersonalDataSource


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("", admin_views.occurrence_list, name="occurrences"),
        path("<id:occurrence_id>/", admin_views.attendees, name="attendees"),
        path("<id:occurrence_id>/checkin/", admin_views.checkin_list, name="checkin_list"),
        path(
            "<id:occurrence_id>/checkin/<id:registration_id>/",
            admin_views.check_in,
            name="check_in",
        ),
        path("<id:occurrence_id>/message/", admin_views.message, name="message"),
        path(
            "<id:occurrence_id>/export.<str:fmt>",
            admin_views.export,
            name="export",
        ),
    ]
    return [path("event-registrations/", include((urls, "events_admin")))]


class OrganiserMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.is_organiser(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return OrganiserMenuItem(
        _("Registrations"), reverse("events_admin:occurrences"), icon_name="date", order=300
    )


def _registrations_button(page, user, priority):
    specific = page.specific_class
    if specific is None or not issubclass(specific, EventPage):
        return []
    if not admin_views.is_organiser(user):
        return []
    url = reverse("events_admin:occurrences") + f"?event={page.pk}"
    return [Button(_("Registrations"), url=url, icon_name="date", priority=priority)]


@hooks.register("register_page_header_buttons")
def page_header_buttons(page, user, view_name, next_url=None):
    """The event's attendee lists, one click from its editor."""
    yield from _registrations_button(page, user, 45)


@hooks.register("register_page_listing_more_buttons")
def page_listing_more_buttons(page, user, next_url=None):
    yield from _registrations_button(page, user, 45)


class _RegisteredFormatter(LogFormatter):
    def format_message(self, log_entry):
        if log_entry.data.get("status") == Registration.Status.WAITING:
            return _("Registered on the waiting list")
        return _("Registered")


@hooks.register("register_log_actions")
def register_log_actions(actions):
    """Registrations in the audit trail (``events.services``): the date, never the registrant."""
    audit.register_actions(
        actions,
        {
            "events.register": (_("Register for a date"), _RegisteredFormatter),
            "events.cancel": (_("Cancel a registration"), _("Registration cancelled")),
            "events.promote": (
                _("Move up from the waiting list"),
                _("Moved up from the waiting list"),
            ),
        },
    )


@hooks.register("ipnetz_account_menu_items")
def account_menu_items():
    return MenuLink(
        label=_("My registrations"),
        url="events:my_registrations",
        show=lambda user: user is not None and user.is_authenticated,
        order=10,
    )


@hooks.register("ipnetz_personal_data")
def personal_data_source():
    return PersonalDataSource(
        "event_registrations",
        export=services.personal_data_export,
        erase=services.personal_data_erase,
    )


@hooks.register("ipnetz_housekeeping_jobs")
def housekeeping_jobs():
    return [
        task_job(
            "events.reminders",
            tasks.send_reminders,
            every="hour",
            description=(
                "Reminders EVENT_REMINDER_DAYS before a date (within the hour they fall due)"
            ),
        ),
        task_job(
            "events.retention",
            tasks.anonymise_registrations,
            every="day",
            description="Anonymise registrations EVENT_REGISTRATION_RETENTION_DAYS after the date",
        ),
        task_job(
            "events.series",
            tasks.extend_schedules,
            every="day",
            description="New dates of open-ended series as time moves on",
        ),
    ]


@hooks.register("ipnetz_demo_steps")
def demo_step():
    from events import demo_data

    return DemoStep("events", demo_data.load, order=40)
