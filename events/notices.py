"""The e-mails a registrant receives. Each goes through the portal's outbox (stored, delivered by a
background task, retried with back-off on failure); dated notices carry the date as .ics."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from events import ical
from events.models import Registration
from portal.links import absolute_url, base_url
from portal.mail import Attachment, queue_templated_email


def manage_url(registration: Registration) -> str:
    from django.urls import reverse

    from events.selectors import manage_token

    return absolute_url(reverse("events:manage", kwargs={"token": manage_token(registration)}))


SUBJECTS = {
    "confirmed": _("Registration confirmed: %(title)s"),
    "waiting": _("You are on the waiting list: %(title)s"),
    "promoted": _("A seat has become free – you are registered: %(title)s"),
    "cancellation": _("Registration cancelled: %(title)s"),
    "reminder": _("Reminder: %(title)s"),
    "changed": _("Changed date: %(title)s"),
    "cancelled": _("Cancelled: %(title)s"),
}
#: Notices that carry the date as an .ics attachment.
WITH_ICS = {"confirmed", "promoted", "reminder", "changed", "cancelled"}


def send(registration: Registration, kind: str) -> None:
    """Queue the notice ``kind`` for ``registration`` in the outbox."""
    occurrence = registration.occurrence
    event = occurrence.event
    context = {
        "kind": kind,
        "registration": registration,
        "occurrence": occurrence,
        "event": event,
        "manage_url": manage_url(registration),
        "event_url": absolute_url(event.url or ""),
    }
    if kind == "waiting":
        from events.selectors import waiting_position

        context["position"] = waiting_position(registration)
    attachments = [_ics(occurrence)] if kind in WITH_ICS else []
    queue_templated_email(
        template="events/email/notice",
        context=context,
        subject=str(SUBJECTS[kind]) % {"title": event.title},
        to=[registration.email],
        attachments=attachments,
        reply_to=[event.organiser_contact] if event.organiser_contact else [],
    )


def _ics(occurrence) -> Attachment:
    """The date as an .ics attachment; for registrants it carries the online link."""
    return Attachment(
        filename="termin.ics",
        content=ical.occurrence_calendar(occurrence, base_url=base_url(), private=True),
        mimetype="text/calendar",
    )


def send_message(registration: Registration, *, subject: str, body: str, sender) -> None:
    """Queue the organiser's message to one registrant, with the date and their manage link."""
    occurrence = registration.occurrence
    event = occurrence.event
    reply_to = [a for a in (getattr(sender, "email", ""), event.organiser_contact) if a][:1]
    queue_templated_email(
        template="events/email/message",
        context={
            "registration": registration,
            "occurrence": occurrence,
            "event": event,
            "message": body,
            "manage_url": manage_url(registration),
            "event_url": absolute_url(event.url or ""),
        },
        subject=subject,
        to=[registration.email],
        reply_to=reply_to,
    )
