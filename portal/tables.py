"""The one writer of tables (CSV and XLSX) for every export of the portal.

An app describes a table — a title, columns and rows — and returns ``response(table, …)``; it never
writes CSV or XLSX itself (``tests/portal/test_tables.py`` fails when a module does). Wagtail's own
spreadsheet exports (form submissions, reports) come here through ``SpreadsheetExportMixin``.

Decision on formula injection (CSV injection, OWASP), one rule for all exports:

- XLSX: every cell is written with an explicit type — a string, or a number where the column is
  numeric and the value is one — and never as a formula. openpyxl would otherwise store any text
  starting with "=" as a formula. So "=HYPERLINK(…)" and "+49 5221 …" arrive as the literal text
  that was typed, without an apostrophe.
- CSV has no cell types, so the spreadsheet program decides. A text cell that starts with
  ``= + - @``, tab, carriage return or line feed (or the full-width ``＝ ＋ － ＠`` that some
  programs normalise) gets a leading apostrophe — also after leading whitespace, which
  spreadsheets skip. One exception keeps phone numbers dialable: in a *phone* column, a value made
  only of digits, spaces and ``+ - / ( )`` that starts with "+" or a digit is written unchanged;
  it cannot name a function, a cell or a DDE command.
- Both formats drop the characters XML cannot hold (``portal.validators.CONTROL_CHARACTERS``:
  C0 controls except tab/LF/CR, U+FFFE, U+FFFF, lone surrogates) — in XLSX they would break the
  file, in CSV they are invisible junk — and cut a cell at Excel's limit of 32,767 characters.
- CSV is UTF-8 with a byte-order mark (so Excel detects the encoding), ``;``-separated with CRLF
  line ends, as German Excel expects.

tablib was considered and not used: its CSV writer does not neutralise formulas at all and its
XLSX ``escape`` option deletes "=" from the text, so the rule above would still be ours, on top of
one more dependency.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import enum
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.encoding import force_str
from django.utils.http import content_disposition_header

from portal.validators import CONTROL_CHARACTERS

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

#: Characters that make a spreadsheet read a CSV cell as a formula (or DDE).
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
PHONE = re.compile(r"^\+?[0-9][0-9 ()/\-]{3,30}$")
#: Excel's limit of characters in one cell (counted in UTF-16 units).
MAX_CELL_LENGTH = 32_767
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\\*?:/\[\]]")


class Kind(enum.StrEnum):
    """How a column's cells are written."""

    TEXT = "text"
    PHONE = "phone"  # text; a plain phone number stays dialable in CSV
    NUMBER = "number"  # numbers stay numbers (XLSX number cells); anything else is text


@dataclass(frozen=True)
class Column:
    label: str
    kind: Kind = Kind.TEXT


@dataclass
class Table:
    """One sheet: a title (the XLSX sheet name), columns (``Column`` or a plain label) and rows of
    values in column order. Rows may be any iterable; they are read once."""

    title: str
    columns: Sequence[Column | str]
    rows: Iterable[Sequence[Any]]

    def kinds(self) -> list[Kind]:
        return [c.kind if isinstance(c, Column) else Kind.TEXT for c in self.columns]

    def labels(self) -> list[str]:
        return [str(c.label if isinstance(c, Column) else c) for c in self.columns]


def clean(value: Any) -> str:
    """The text of a cell as both formats can hold it: no control characters, not too long."""
    text = CONTROL_CHARACTERS.sub("", force_str("" if value is None else value))
    if len(text) > MAX_CELL_LENGTH // 2 and len(text.encode("utf-16-le")) > 2 * MAX_CELL_LENGTH:
        head = text.encode("utf-16-le")[: 2 * (MAX_CELL_LENGTH - 1)]
        text = head.decode("utf-16-le", errors="ignore") + "…"
    return text


def neutralise(value: Any, *, phone: bool = False) -> str:
    """The CSV form of a text cell: harmless in Excel, LibreOffice and Google Sheets (see the
    module docstring)."""
    text = clean(value)
    if phone and PHONE.match(text):
        return text
    if text.startswith(TRIGGERS) or text.lstrip().startswith(TRIGGERS):
        return clean("'" + text)
    return text


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool)


def to_csv(table: Table) -> bytes:
    """The table as CSV (see the module docstring)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(label) for label in table.labels()])
    kinds = table.kinds()
    for row in table.rows:
        cells = []
        for kind, value in zip(kinds, row, strict=True):
            if kind == Kind.NUMBER and _is_number(value):
                cells.append(str(value).replace(".", ","))  # German Excel's decimal comma
            else:
                cells.append(neutralise(value, phone=kind == Kind.PHONE))
        writer.writerow(cells)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(*tables: Table) -> bytes:
    """The tables as one workbook, a sheet each, in which no cell is a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import TYPE_STRING

    workbook = Workbook(write_only=True)
    for table in tables:
        sheet = workbook.create_sheet(title=_SHEET_TITLE_FORBIDDEN.sub("-", table.title)[:31])
        sheet.freeze_panes = "A2"

        def text_cell(value, sheet=sheet):
            cell = WriteOnlyCell(sheet, clean(value))
            cell.data_type = TYPE_STRING  # openpyxl marks text starting with "=" as a formula
            return cell

        sheet.append([text_cell(label) for label in table.labels()])
        kinds = table.kinds()
        for row in table.rows:
            sheet.append(
                [
                    WriteOnlyCell(sheet, value)
                    if kind == Kind.NUMBER and _is_number(value)
                    else text_cell(value)
                    for kind, value in zip(kinds, row, strict=True)
                ]
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def response(*tables: Table, format: str, filename: str) -> HttpResponse:
    """A download of ``tables`` as ``format`` ("csv": exactly one table; "xlsx": a sheet each),
    named ``filename`` plus the extension, never stored by a cache (exports hold personal data)."""
    if format == "csv":
        (table,) = tables
        content = to_csv(table)
    elif format == "xlsx":
        content = to_xlsx(*tables)
    else:
        raise ValueError(f"unknown table format {format!r}")
    result = HttpResponse(content, content_type=CONTENT_TYPES[format])
    result["Content-Disposition"] = content_disposition_header(True, f"{filename}.{format}")
    patch_cache_control(result, private=True, no_store=True)
    return result


def cell_text(value: Any) -> Any:
    """A value of Wagtail's spreadsheet exports as a cell: dates and times in local German form."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, list | tuple):
        return ", ".join(force_str(item) for item in value)
    return value


class SpreadsheetExportMixin:
    """Put before Wagtail's ``SpreadsheetExportMixin`` views (form submissions, reports) so that
    their CSV/XLSX downloads come from this module's writer, with its formula rule."""

    def as_spreadsheet(self, queryset, spreadsheet_format):
        fields = list(self.list_export)
        table = Table(
            title=str(self.get_filename())[:31],
            columns=[self.get_heading(queryset, field) for field in fields],
            rows=(
                [cell_text(value) for value in self.to_row_dict(item).values()] for item in queryset
            ),
        )
        return response(table, format=spreadsheet_format, filename=self.get_filename())
