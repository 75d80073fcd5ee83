"""The directory as a table (CSV, XLSX) for partner staff; written by ``portal.tables``, whose
docstring holds the one rule against formula injection."""

from __future__ import annotations

from portal.tables import Column, Kind, Table

COLUMNS = [
    Column("Organisation"),
    Column("Art"),
    Column("Name"),
    Column("Funktion"),
    Column("Telefon", Kind.PHONE),
    Column("Mobil", Kind.PHONE),
    Column("E-Mail"),
    Column("Sprachen"),
    Column("Sprechzeiten"),
    Column("Adresse"),
    Column("Gemeinde"),
    Column("Geprüft am"),
]


def rows(contacts) -> list[list[str]]:
    """One row per contact (already filtered by ``portal.access``), in COLUMNS order."""
    table = []
    for contact in contacts:
        location = contact.location
        table.append(
            [
                contact.organisation.name,
                contact.organisation.kind.name,
                contact.name,
                contact.function,
                contact.phone,
                contact.mobile,
                contact.email,
                contact.languages,
                contact.consultation_hours,
                location.address_line if location else "",
                location.municipality.name if location and location.municipality else "",
                contact.verified_on.isoformat() if contact.verified_on else "",
            ]
        )
    return table


def export_queryset(queryset):
    return queryset.select_related(
        "organisation", "organisation__kind", "location", "location__municipality"
    ).order_by("organisation__name", "family_name", "given_name")


def table(contacts) -> Table:
    """The contacts as the table that both formats are written from."""
    return Table(title="Verzeichnis", columns=COLUMNS, rows=rows(contacts))
