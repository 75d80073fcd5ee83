from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter

from events import admin_views
from events.models import EventPage, Registration
from portal import audit


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("", admin_views.occurrence_list, name="occurrences"),
        path("<int:occurrence_id>/", admin_views.attendees, name="attendees"),
        path("<int:occurrence_id>/checkin/", admin_views.checkin_list, name="checkin_list"),
        path(
            "<int:occurrence_id>/checkin/<int:registration_id>/",
            admin_views.check_in,
            name="check_in",
        ),
        path("<int:occurrence_id>/message/", admin_views.message, name="message"),
        path(
            "<int:occurrence_id>/export.<str:fmt>",
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
