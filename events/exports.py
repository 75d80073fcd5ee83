"""Attendee exports (CSV and XLSX), safe against formula injection.

Decision (see docs/events.md):
- XLSX: every cell is written as an explicit string (or a number for counts), never as a
  formula — openpyxl would otherwise store any text starting with "=" as a formula. So "+49 5221 …"
  and "=HYPERLINK(…)" both arrive as the literal text the registrant typed.
- CSV has no cell types, so a spreadsheet program decides. A cell that starts with = + - @, tab
  or CR is neutralised with a leading apostrophe (the OWASP recommendation), except a value in
  the phone column that is a plain phone number (only +, digits, spaces and - / ( ) ): such a
  value cannot contain a function call, a reference or DDE, so it is written unchanged and
  "+49 5221 12345" survives intact.
"""

from __future__ import annotations

import csv
import io
import re

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from events.models import BERLIN, Occurrence, Registration

#: Characters that make a spreadsheet read a cell as a formula (or DDE); the full-width forms
#: are normalised to these by some programs.
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
PHONE = re.compile(r"^\+?[0-9][0-9 ()/\-]{3,30}$")


def neutralise(value: str, *, phone: bool = False) -> str:
    """The CSV form of a text cell: harmless in Excel, LibreOffice and Google Sheets.

    A cell that starts with a trigger – also after leading spaces, which spreadsheets skip – gets
    a leading apostrophe. A plain phone number in the phone column stays as it is: digits,
    spaces, + - / ( ) cannot name a function, a cell or a DDE command.
    """
    if phone and PHONE.match(value):
        return value
    if value.lstrip(" ").startswith(TRIGGERS):
        return "'" + value
    return value


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


def header() -> list[str]:
    return [
        _("Status"),
        _("Contact person"),
        _("Company or organisation"),
        _("E-mail"),
        _("Phone"),
        _("Attendees"),
        _("Offers"),
        _("Interpreter"),
        _("Table"),
        _("Comment"),
        _("Registered at"),
        _("Checked in"),
    ]


PHONE_COLUMN = 4
NUMBER_COLUMNS = {5}


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


def to_csv(occurrence: Occurrence) -> bytes:
    """UTF-8 with BOM (so Excel detects the encoding), semicolon-separated as German Excel
    expects, every text cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(header())
    for row in rows(occurrence):
        writer.writerow(
            [
                value
                if isinstance(value, int)
                else neutralise(str(value), phone=index == PHONE_COLUMN)
                for index, value in enumerate(row)
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(occurrence: Occurrence) -> bytes:
    """An XLSX workbook in which no cell is a formula."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Attendees")[:31]
    for row_index, row in enumerate([header(), *rows(occurrence)], start=1):
        for col_index, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_index, column=col_index)
            if isinstance(value, int) and row_index > 1:
                cell.value = value
            else:
                # Control characters are not allowed in XLSX XML; they carry no meaning here.
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
                cell.data_type = "s"  # openpyxl marks text starting with "=" as a formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
