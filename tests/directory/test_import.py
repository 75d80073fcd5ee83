"""Import from CSV and XLSX: a report per row (line, field, message), all-or-nothing writes, a
dry run, idempotent updates by external key, and a clear answer for a broken file."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook
from wagtail.models import ModelLogEntry

from directory import changelog
from directory.importing import ImportFileError, import_directory
from directory.models import ContactPerson, Organisation
from tests.directory.factories import OrganisationKindFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "organisation_schluessel;organisation;art;schluessel;vorname;nachname;telefon;email;"
    "sichtbarkeit;geprueft_am"
)
ROWS = [
    "abh;Ausländerbehörde Kreis Herford;Behörde;k-1;Petra;Kamphenkel;05221 13-100;"
    "p.kamphenkel@kreis.example;partner;15.01.2026",
    "abh;;;k-2;Tobias;Nolting;05221 13-101;;öffentlich;2026-01-15",
    "jc;Jobcenter Herford;Behörde;;;;;;;",
]


@pytest.fixture(autouse=True)
def kind(db):
    return OrganisationKindFactory(name="Behörde", slug="behoerde")


def csv_file(*rows: str, header: str = HEADER, encoding: str = "utf-8") -> bytes:
    return "\n".join([header, *rows]).encode(encoding)


def xlsx_file(rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run(content: bytes, name: str = "liste.csv", **kwargs):
    return import_directory(content=content, filename=name, **kwargs)


def test_a_csv_creates_organisations_and_contacts_and_logs_the_source():
    report = run(csv_file(*ROWS))
    assert report.ok and (report.rows, report.created) == (3, 2)
    petra = ContactPerson.objects.get(external_key="k-1")
    assert (petra.organisation.name, petra.visibility) == (
        "Ausländerbehörde Kreis Herford",
        "partners",
    )
    assert petra.verified_on.isoformat() == "2026-01-15"
    assert ContactPerson.objects.get(external_key="k-2").visibility == "public"
    assert Organisation.objects.filter(external_key="jc").exists()
    assert ModelLogEntry.objects.filter(data__source=changelog.Source.IMPORT).exists()


def test_running_the_same_file_twice_changes_nothing():
    run(csv_file(*ROWS))
    entries = ModelLogEntry.objects.count()
    report = run(csv_file(*ROWS))
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert ModelLogEntry.objects.count() == entries


def test_a_changed_row_updates_the_record_with_that_key():
    run(csv_file(*ROWS))
    changed = ROWS[0].replace("05221 13-100", "05221 13-199")
    report = run(csv_file(changed))
    assert (report.created, report.updated) == (0, 1)
    assert ContactPerson.objects.get(external_key="k-1").phone == "05221 13-199"
    assert ContactPerson.objects.filter(external_key="k-1").count() == 1


def test_a_control_character_in_a_text_is_a_row_error():
    pasted = ROWS[0].replace("Petra", "Pe\x01tra")
    organisation = ROWS[2].replace("Jobcenter Herford", "Jobcenter\x1b Herford")
    report = run(csv_file(pasted, organisation))
    assert [(e.line, e.field) for e in report.errors] == [(2, "vorname"), (3, "organisation")]
    assert not ContactPerson.objects.exists()


def test_one_bad_row_writes_nothing_and_the_report_names_line_and_field():
    bad = "abh;;;k-3;Karl;Brune;;keine-mail;partner;"
    wrong_visibility = "abh;;;k-4;Lea;Ost;;;geheim;"
    report = run(csv_file(ROWS[0], bad, wrong_visibility))
    assert not report.ok and not report.written
    assert [(e.line, e.field) for e in report.errors] == [(3, "email"), (4, "sichtbarkeit")]
    assert not ContactPerson.objects.exists() and not Organisation.objects.exists()


def test_a_dry_run_reports_like_the_real_run_and_writes_nothing():
    report = run(csv_file(*ROWS), dry_run=True)
    assert report.ok and report.created == 2 and not report.written
    assert not ContactPerson.objects.exists()


def test_an_xlsx_from_excel_imports_the_same_way():
    rows = [HEADER.split(";"), *[row.split(";") for row in ROWS]]
    report = run(xlsx_file(rows), "liste.xlsx")
    assert report.ok and report.created == 2


def test_excel_csv_in_windows_encoding_and_english_headers_are_understood():
    header = "Organisation Key,Organisation,Kind,Key,Given name,Family name,Phone"
    row = "abh,Ausländerbehörde,Behörde,k-9,Jörg,Müller,05221 1"
    report = run(csv_file(row, header=header, encoding="cp1252"))
    assert report.ok
    assert ContactPerson.objects.get(external_key="k-9").family_name == "Müller"


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "leer.csv", "leer"),
        (b"name;telefon\nA;1\n", "liste.csv", "organisation_schluessel"),
        (b"\x00\x01\x02 binary", "liste.csv", "lesbare Textdatei"),
        (b"PK\x03\x04 not really a zip", "liste.xlsx", "Excel"),
        (b"a;b", "liste.pdf", ".csv"),
        (b"x" * (10 * 1024 * 1024 + 1), "gross.csv", "10 MB"),
    ],
)
def test_a_broken_file_is_refused_with_one_clear_reason(content, name, message):
    """(The messages are German: the portal speaks German unless the reader chose English.)"""
    with pytest.raises(ImportFileError) as error:
        run(content, name)
    assert message in str(error.value)
    assert not Organisation.objects.exists()


def test_a_surname_of_ten_thousand_characters_is_a_row_error_not_a_crash():
    report = run(csv_file(f"abh;Amt;Behörde;k-1;A;{'M' * 10_000};;;;"))
    assert [(e.line, e.field) for e in report.errors] == [(2, "nachname")]


def test_the_command_shows_progress_and_says_why_nothing_was_written(tmp_path, capsys):
    good = tmp_path / "liste.csv"
    good.write_bytes(csv_file(*ROWS))
    call_command("import_directory", str(good))
    captured = capsys.readouterr()
    assert "[##############################] 3/3" in captured.err
    assert "Imported. 3 rows: 2 created" in captured.out
    broken = tmp_path / "kaputt.xlsx"
    broken.write_bytes(b"garbage")
    with pytest.raises(CommandError, match="Nothing was written"):
        call_command("import_directory", str(broken))
    bad = tmp_path / "fehler.csv"
    bad.write_bytes(csv_file("abh;Amt;Behörde;k-1;A;B;;keine-mail;;"))
    with pytest.raises(CommandError, match="1 errors; nothing was written"):
        call_command("import_directory", str(bad))
    assert "line 2, email:" in capsys.readouterr().out
