from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from events import admin_views
from events.models import EventPage


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
