"""The directory as a table (CSV, XLSX) and the rows of the printable phone list.

Formula injection: spreadsheet programs run a CSV cell that starts with ``=``, ``+``, ``-``,
``@``, tab or carriage return as a formula, so such cells get a leading apostrophe — except
real phone numbers (``+49 5221 …``: a plus followed only by digits, spaces and ``/ ( ) -``),
which stay dialable. XLSX cells are always written as strings, never as formulas.
"""

from __future__ import annotations

import csv
import io
import re

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING

from directory.models import ContactPerson

COLUMNS = [
    ("organisation", "Organisation"),
    ("kind", "Art"),
    ("name", "Name"),
    ("function", "Funktion"),
    ("phone", "Telefon"),
    ("mobile", "Mobil"),
    ("email", "E-Mail"),
    ("languages", "Sprachen"),
    ("consultation_hours", "Sprechzeiten"),
    ("address", "Adresse"),
    ("municipality", "Gemeinde"),
    ("verified_on", "Geprüft am"),
]

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_PHONE = re.compile(r"^\+\d[\d /()\-]{3,}$")


def safe_cell(value) -> str:
    """The cell text, neutralised against formula injection (see module docstring)."""
    text = "" if value is None else str(value)
    if text.startswith(_DANGEROUS) and not _PHONE.match(text):
        return "'" + text
    return text


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


def to_csv(contacts: list[ContactPerson]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([label for _key, label in COLUMNS])
    for row in rows(contacts):
        writer.writerow([safe_cell(cell) for cell in row])
    # A byte-order mark so that Excel opens the UTF-8 file with its umlauts intact.
    return "\ufeff" + buffer.getvalue()


def to_xlsx(contacts: list[ContactPerson]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Verzeichnis"
    sheet.append([label for _key, label in COLUMNS])
    for row in rows(contacts):
        sheet.append([str(cell) for cell in row])
    for row in sheet.iter_rows():
        for cell in row:
            # openpyxl turns any text starting with "=" into a formula; force plain strings.
            if cell.value is not None:
                cell.data_type = TYPE_STRING
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
