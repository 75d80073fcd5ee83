"""Offers and measures as tables (CSV, XLSX) for partner staff; written by ``portal.tables``,
whose docstring holds the one rule against formula injection."""

from __future__ import annotations

from django.utils.translation import gettext as _

from portal.tables import Column, Kind, Table


def _date(value) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def _yes(value: bool) -> str:
    return _("yes") if value else _("no")


def offer_columns() -> list[Column | str]:
    return [
        _("Kind"),
        _("Occupation"),
        _("Occupational field"),
        _("Company"),
        _("Municipality"),
        _("Workplace"),
        _("Places"),
        _("Start"),
        _("Hours per week"),
        _("German level"),
        _("Supports work permit"),
        _("Other requirements"),
        _("Contact person"),
        _("E-mail"),
        Column(_("Phone"), Kind.PHONE),
        _("Valid until"),
        _("Published"),
        _("Link"),
    ]


def offer_rows(offers, *, base_url: str) -> list[list[str]]:
    """One row per offer (already filtered by ``portal.access``), in header order."""
    return [
        [
            offer.get_kind_display(),
            offer.occupation,
            offer.field.name if offer.field_id else "",
            offer.company.name,
            offer.municipality.name if offer.municipality_id else "",
            offer.workplace,
            str(offer.places),
            _date(offer.start_date) or _("as soon as possible"),
            str(offer.hours_per_week or ""),
            offer.german_level,
            _yes(offer.supports_work_permit),
            offer.requirements,
            offer.contact_person,
            offer.contact_email,
            offer.contact_phone,
            _date(offer.valid_until),
            _yes(offer.visibility == "public"),
            base_url + offer.get_absolute_url(),
        ]
        for offer in offers
    ]


def measure_columns() -> list[str]:
    return [
        _("Title"),
        _("Kind"),
        _("Provider"),
        _("Municipality"),
        _("Place"),
        _("German entry level"),
        _("German exit level"),
        _("Next start"),
        _("Continuous entry"),
        _("Duration (weeks)"),
        _("Hours per week"),
        _("Funding route"),
        _("Free seats"),
        _("Residence statuses admitted"),
        _("How to enrol"),
        _("Link"),
    ]


def measure_rows(measures, *, base_url: str) -> list[list[str]]:
    rows = []
    for measure in measures:
        municipality = measure.place_municipality
        statuses = ", ".join(s.name for s in measure.residence_statuses.all()) or _("all")
        rows.append(
            [
                measure.title,
                measure.get_kind_display(),
                measure.provider.name,
                municipality.name if municipality else "",
                measure.place,
                measure.entry_level,
                measure.exit_level,
                _date(getattr(measure, "next_start", None)),
                _yes(measure.continuous_entry),
                str(measure.duration_weeks or ""),
                str(measure.hours_per_week or ""),
                measure.get_funding_display() if measure.funding else "",
                "" if measure.free_seats is None else str(measure.free_seats),
                statuses,
                measure.contact_note,
                base_url + measure.get_absolute_url(),
            ]
        )
    return rows


def offer_table(offers, *, base_url: str) -> Table:
    return Table(_("Offers"), offer_columns(), offer_rows(offers, base_url=base_url))


def measure_table(measures, *, base_url: str) -> Table:
    return Table(_("Measures"), measure_columns(), measure_rows(measures, base_url=base_url))
