"""Import of organisations and contact persons from CSV or XLSX (today's lists live in Excel).

One row per contact person; rows without a surname only create or update the organisation.
Records are matched by their external key, so running the same file twice changes nothing.
All-or-nothing: the whole file is written in one transaction, and any row error rolls it back.
A dry run does exactly the same work and rolls back at the end, so its report is the real one.
Every write goes through ``directory.changelog`` with source "import".

Columns (German header names; English aliases accepted, case and spaces ignored):
``organisation_schluessel`` (required), ``organisation``, ``art``, ``schluessel``,
``anrede``, ``vorname``, ``nachname``, ``funktion``, ``telefon``, ``mobil``, ``email``,
``sprachen``, ``sprechzeiten``, ``sichtbarkeit`` (``öffentlich``/``partner``), ``geprueft_am``
(``TT.MM.JJJJ`` or ``JJJJ-MM-TT``).
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from directory import changelog
from directory.models import ContactPerson, Organisation, OrganisationKind
from portal.access import Visibility

MAX_ROWS = 20_000
MAX_BYTES = 10 * 1024 * 1024

ALIASES = {
    "organisation_schluessel": {"organisation_schluessel", "organisation_key", "org_key"},
    "organisation": {"organisation", "organisation_name", "organization"},
    "art": {"art", "kind", "organisationsart"},
    "schluessel": {"schluessel", "schlüssel", "key", "external_key", "kontakt_schluessel"},
    "anrede": {"anrede", "honorific", "titel"},
    "vorname": {"vorname", "given_name"},
    "nachname": {"nachname", "family_name", "name"},
    "funktion": {"funktion", "function", "rolle"},
    "telefon": {"telefon", "phone"},
    "mobil": {"mobil", "mobile"},
    "email": {"email", "e_mail", "e-mail"},
    "sprachen": {"sprachen", "languages"},
    "sprechzeiten": {"sprechzeiten", "consultation_hours"},
    "sichtbarkeit": {"sichtbarkeit", "visibility"},
    "geprueft_am": {"geprueft_am", "geprüft_am", "verified_on"},
}
CONTACT_FIELDS = {
    "anrede": "honorific",
    "vorname": "given_name",
    "nachname": "family_name",
    "funktion": "function",
    "telefon": "phone",
    "mobil": "mobile",
    "email": "email",
    "sprachen": "languages",
    "sprechzeiten": "consultation_hours",
}
VISIBILITY = {
    "": Visibility.PARTNERS,
    "öffentlich": Visibility.PUBLIC,
    "oeffentlich": Visibility.PUBLIC,
    "public": Visibility.PUBLIC,
    "partner": Visibility.PARTNERS,
    "partners": Visibility.PARTNERS,
    "nur partner": Visibility.PARTNERS,
}


class ImportFileError(Exception):
    """The file as a whole cannot be read (format, encoding, header)."""


@dataclass
class RowError:
    line: int
    field: str
    message: str


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run


def _normalise_header(name) -> str:
    return str(name or "").strip().lower().replace(" ", "_").replace("-", "_")


def _map_header(header: list) -> dict[str, int]:
    columns = {}
    for index, raw in enumerate(header):
        name = _normalise_header(raw)
        for canonical, aliases in ALIASES.items():
            if name in {_normalise_header(a) for a in aliases} and canonical not in columns:
                columns[canonical] = index
    if "organisation_schluessel" not in columns:
        raise ImportFileError(
            _("The first row must name the columns; “organisation_schluessel” is missing.")
        )
    return columns


def read_rows(*, content: bytes, filename: str) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line number, {column: text})`` for every data row of a CSV or XLSX file."""
    if len(content) > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 10 MB."))
    name = filename.lower()
    if name.endswith(".xlsx"):
        table = _xlsx_table(content)
    elif name.endswith(".csv") or name.endswith(".txt"):
        table = _csv_table(content)
    else:
        raise ImportFileError(_("Please upload a .csv or .xlsx file."))
    try:
        header = next(table)
    except StopIteration:
        raise ImportFileError(_("The file is empty.")) from None
    columns = _map_header(header)
    for line, values in enumerate(table, start=2):
        if line - 1 > MAX_ROWS:
            raise ImportFileError(_("The file has more than 20,000 rows."))
        if not any(str(v or "").strip() for v in values):
            continue
        row = {}
        for column, index in columns.items():
            value = values[index] if index < len(values) else ""
            if isinstance(value, datetime.datetime):
                value = value.date().isoformat()
            elif isinstance(value, datetime.date):
                value = value.isoformat()
            elif isinstance(value, float) and value.is_integer():
                value = str(int(value))
            row[column] = "" if value is None else str(value).strip()
        yield line, row


class _Semicolon(csv.excel):
    delimiter = ";"


def _csv_table(content: bytes) -> Iterator[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")  # what Excel on Windows writes as "CSV"
        except UnicodeDecodeError:
            raise ImportFileError(_("The file is not a readable text file.")) from None
    if "\x00" in text:
        raise ImportFileError(_("The file is not a readable text file."))
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        dialect = _Semicolon
    try:
        yield from csv.reader(io.StringIO(text), dialect)
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV file is malformed: %(error)s") % {"error": error}
        ) from None


def _xlsx_table(content: bytes) -> Iterator[list]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError, TypeError, SyntaxError, IndexError):
        # openpyxl reports broken archives and XML with a variety of exceptions.
        raise ImportFileError(_("The file is not a readable Excel (XLSX) file.")) from None
    try:
        sheet = workbook.worksheets[0]
        for values in sheet.iter_rows(values_only=True):
            yield list(values)
    finally:
        workbook.close()


def _parse_date(value: str) -> datetime.date | None:
    if not value:
        return None
    for fmt in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError


def _validation_errors(line: int, error: ValidationError, labels: dict[str, str]) -> list:
    errors = []
    for name, messages in error.message_dict.items():
        for message in messages:
            errors.append(RowError(line, labels.get(name, name), message))
    return errors


_ORG_LABELS = {"name": "organisation", "kind": "art", "slug": "organisation_schluessel"}
_CONTACT_LABELS = {model: column for column, model in CONTACT_FIELDS.items()}


def import_directory(
    *,
    content: bytes,
    filename: str,
    user=None,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import ``content`` (CSV or XLSX). Raises ``ImportFileError`` for an unreadable file;
    returns a report listing every row error (line, field, message) otherwise. Nothing is
    written unless every row is valid and ``dry_run`` is false."""
    rows = list(read_rows(content=content, filename=filename))
    report = ImportReport(rows=len(rows), dry_run=dry_run)
    kinds = {k.slug: k for k in OrganisationKind.objects.all()}
    kinds.update({k.name.lower(): k for k in kinds.values()})
    with transaction.atomic():
        organisations: dict[str, Organisation] = {}
        for done, (line, row) in enumerate(rows, start=1):
            _import_row(line, row, report, organisations, kinds, user)
            if progress is not None:
                progress(done, len(rows))
        if report.errors or dry_run:
            transaction.set_rollback(True)
    return report


def _import_row(line, row, report, organisations, kinds, user) -> None:
    org_key = row.get("organisation_schluessel", "")
    if not org_key:
        report.errors.append(
            RowError(line, "organisation_schluessel", _("This field is required."))
        )
        return
    organisation = organisations.get(org_key)
    if organisation is None:
        organisation = _upsert_organisation(line, row, org_key, report, kinds, user)
        if organisation is None:
            return
        organisations[org_key] = organisation
    if not row.get("nachname"):
        if row.get("schluessel") or row.get("vorname"):
            report.errors.append(RowError(line, "nachname", _("This field is required.")))
        return
    _upsert_contact(line, row, organisation, report, user)


def _upsert_organisation(line, row, key, report, kinds, user):
    organisation = Organisation.objects.filter(external_key=key).first()
    before = changelog.snapshot(organisation) if organisation else None
    if organisation is None:
        if not row.get("organisation"):
            report.errors.append(
                RowError(line, "organisation", _("Needed to create a new organisation."))
            )
            return None
        base = slugify(row["organisation"])[:100] or "organisation"
        slug, number = base, 2
        while Organisation.objects.filter(slug=slug).exists():
            slug, number = f"{base}-{number}", number + 1
        organisation = Organisation(external_key=key, slug=slug)
    if row.get("organisation"):
        organisation.name = row["organisation"]
    if row.get("art"):
        kind = kinds.get(row["art"].lower()) or kinds.get(slugify(row["art"]))
        if kind is None:
            report.errors.append(
                RowError(line, "art", _("Unknown kind “%(value)s”.") % {"value": row["art"]})
            )
            return None
        organisation.kind = kind
    elif organisation.kind_id is None:
        kind = kinds.get("sonstige")
        if kind is None:
            report.errors.append(RowError(line, "art", _("This field is required.")))
            return None
        organisation.kind = kind
    try:
        organisation.full_clean()
    except ValidationError as error:
        report.errors.extend(_validation_errors(line, error, _ORG_LABELS))
        return None
    if before is not None and changelog.snapshot(organisation) == before:
        return organisation
    organisation.save()
    changelog.record_changes(
        instance=organisation, before=before, user=user, source=changelog.Source.IMPORT
    )
    return organisation


def _upsert_contact(line, row, organisation, report, user) -> None:
    key = row.get("schluessel") or None
    contact = ContactPerson.objects.filter(external_key=key).first() if key else None
    if contact is None and not key:
        # Without a key a row can only be matched by name within the organisation.
        contact = ContactPerson.objects.filter(
            organisation=organisation,
            family_name=row.get("nachname", ""),
            given_name=row.get("vorname", ""),
        ).first()
    before = changelog.snapshot(contact) if contact else None
    if contact is None:
        contact = ContactPerson(external_key=key)
    contact.organisation = organisation
    for column, attribute in CONTACT_FIELDS.items():
        if column in row:
            setattr(contact, attribute, row[column])
    visibility = VISIBILITY.get(row.get("sichtbarkeit", "").strip().lower())
    if visibility is None:
        report.errors.append(
            RowError(
                line,
                "sichtbarkeit",
                _("Use “öffentlich” or “partner”, not “%(value)s”.")
                % {"value": row["sichtbarkeit"]},
            )
        )
        return
    if row.get("sichtbarkeit") or contact.pk is None:
        contact.visibility = visibility
    try:
        verified = _parse_date(row.get("geprueft_am", ""))
    except ValueError:
        report.errors.append(RowError(line, "geprueft_am", _("Use a date like 31.01.2026.")))
        return
    if verified is not None:
        contact.verified_on = verified
    try:
        contact.full_clean(exclude=["organisation"])
    except ValidationError as error:
        report.errors.extend(_validation_errors(line, error, _CONTACT_LABELS))
        return
    if before is not None and changelog.snapshot(contact) == before:
        report.unchanged += 1
        return
    created = contact.pk is None
    contact.save()
    changelog.record_changes(
        instance=contact, before=before, user=user, source=changelog.Source.IMPORT
    )
    if created:
        report.created += 1
    else:
        report.updated += 1
