"""The attendee list of a date as a table (CSV, XLSX); written by ``portal.tables``, whose
docstring holds the one rule against formula injection (see also docs/events.md)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import BERLIN, Occurrence, Registration
from portal.tables import Column, Kind, Table


def _offers_text(offers: list[dict]) -> str:
    from events.forms import OFFER_KINDS

    labels = dict(OFFER_KINDS)
    parts = []
    for offer in offers:
        text = f"{offer.get('count', 1)} × {labels.get(offer.get('kind'), offer.get('kind', ''))}"
        if offer.get("field"):
            text += f", {offer['field']}"
        if offer.get("german_level"):
            text += f" ({_('German')} {offer['german_level']})"
        parts.append(str(text))
    return "; ".join(parts)


def columns() -> list[Column]:
    return [
        Column(_("Status")),
        Column(_("Contact person")),
        Column(_("Company or organisation")),
        Column(_("E-mail")),
        Column(_("Phone"), Kind.PHONE),
        Column(_("Attendees"), Kind.NUMBER),
        Column(_("Offers")),
        Column(_("Interpreter")),
        Column(_("Table")),
        Column(_("Comment")),
        Column(_("Registered at")),
        Column(_("Checked in")),
    ]


def rows(occurrence: Occurrence) -> list[list]:
    """One row per registration: confirmed first, then the waiting list, then cancelled."""
    order = {
        Registration.Status.CONFIRMED: 0,
        Registration.Status.WAITING: 1,
        Registration.Status.CANCELLED: 2,
    }
    registrations = sorted(
        occurrence.registrations.all(), key=lambda r: (order[r.status], r.created_at, r.pk)
    )
    yes, no = _("yes"), _("no")
    return [
        [
            str(r.get_status_display()),
            r.name,
            r.organisation,
            r.email,
            r.phone,
            r.attendees,
            _offers_text(r.offers),
            yes if r.needs_interpreter else no,
            yes if r.needs_table else no,
            r.comment,
            timezone.localtime(r.created_at, BERLIN).strftime("%d.%m.%Y %H:%M"),
            yes if r.checked_in_at else no,
        ]
        for r in registrations
    ]


def table(occurrence: Occurrence) -> Table:
    """The attendees of ``occurrence`` as the table that both formats are written from."""
    return Table(title=_("Attendees"), columns=columns(), rows=rows(occurrence))
