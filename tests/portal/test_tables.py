"""The one table writer (``portal.tables``): the formula rule, what XLSX cannot hold, and every
CSV/XLSX export of the portal driven through its real URL with hostile cell values."""

from __future__ import annotations

import csv
import datetime
import io
import pathlib
import re
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from openpyxl import load_workbook

from portal import tables
from portal.access import Role

LONG = "x" * 40_000
#: What arrives in each format from a hostile value: (stored, CSV text, XLSX text).
HOSTILE = [
    ("=1+1", "'=1+1", "=1+1"),
    (' =HYPERLINK("http://x")', '\' =HYPERLINK("http://x")', ' =HYPERLINK("http://x")'),
    ("\t=1+1", "'\t=1+1", "\t=1+1"),
    ("@SUM(A1)", "'@SUM(A1)", "@SUM(A1)"),
    ("+cmd", "'+cmd", "+cmd"),
    ("-1+1", "'-1+1", "-1+1"),
    ("\x01=2+2", "'=2+2", "=2+2"),
    ("a\x1bb\uffff", "ab", "ab"),
]
LONG_OUT = "x" * (tables.MAX_CELL_LENGTH - 1) + "…"
SHORT_VALUES = [stored for stored, _csv, _xlsx in HOSTILE]


# --- the rule ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "phone", "expected"),
    [
        ('=HYPERLINK("http://x")', False, '\'=HYPERLINK("http://x")'),
        (' =HYPERLINK("http://x")', False, '\' =HYPERLINK("http://x")'),
        ("+SUM(1)", False, "'+SUM(1)"),
        ("-2+3", False, "'-2+3"),
        ("@cmd", False, "'@cmd"),
        ("\tx", False, "'\tx"),
        ("\rx", False, "'\rx"),
        ("\nx", False, "'\nx"),
        ("-Lager", False, "'-Lager"),
        ("  =1+1", False, "'  =1+1"),
        ("\u00a0=1+1", False, "'\u00a0=1+1"),
        ("\uff1d1+1", False, "'\uff1d1+1"),
        ("\x01=1+1", False, "'=1+1"),
        ("+49 5221 13-100", True, "+49 5221 13-100"),
        ("+49 (0)5221 / 13-100", True, "+49 (0)5221 / 13-100"),
        ("+49 5221 12345", True, "+49 5221 12345"),
        ("+49 (0)5221 / 12 34-5", True, "+49 (0)5221 / 12 34-5"),
        ("0049 5221 12345", True, "0049 5221 12345"),
        ("+49 5221 13-100", False, "'+49 5221 13-100"),  # only the phone column dials
        ("+1+1", True, "'+1+1"),
        ("=1+2", True, "'=1+2"),
        ("+49 5221 cmd|' /C calc'!A0", True, "'+49 5221 cmd|' /C calc'!A0"),
        ("Müller", False, "Müller"),
        ("Tischlerei", False, "Tischlerei"),
        ("", False, ""),
        (None, False, ""),
    ],
)
def test_the_csv_neutralising_rule(value, phone, expected):
    assert tables.neutralise(value, phone=phone) == expected


def test_clean_drops_what_xml_cannot_hold_and_cuts_at_excels_limit():
    assert tables.clean("a\x00b\x08c\x0bd\x1fe\ufffef\uffff") == "abcdef"
    assert tables.clean("line\tone\r\nline two") == "line\tone\r\nline two"
    assert tables.clean(LONG) == LONG_OUT
    astral = tables.clean("😀" * 20_000)  # two UTF-16 units each, as Excel counts
    assert len(astral.encode("utf-16-le")) // 2 <= tables.MAX_CELL_LENGTH


def test_csv_is_semicolon_separated_utf8_with_bom_and_numbers_stay_numbers():
    table = tables.Table(
        "T",
        [tables.Column("Name"), tables.Column("Anzahl", tables.Kind.NUMBER)],
        [["Müller; Söhne", -2], ["=1", 2.5], ["x", "=1+1"]],
    )
    content = tables.to_csv(table)
    assert content.startswith("\ufeff".encode())
    assert content.decode("utf-8-sig") == (
        "Name;Anzahl\r\n\"Müller; Söhne\";-2\r\n'=1;2,5\r\nx;'=1+1\r\n"
    )


def test_xlsx_writes_numbers_only_in_number_columns_and_never_a_formula():
    table = tables.Table(
        "Blatt: [1]/2?",
        [tables.Column("=Kopf"), tables.Column("Anzahl", tables.Kind.NUMBER)],
        [[3, 3], ["=1+1", "=1+1"], [True, None]],
    )
    workbook = load_workbook(io.BytesIO(tables.to_xlsx(table)))
    sheet = workbook.active
    assert sheet.title == "Blatt- -1--2-"
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["=Kopf", "Anzahl"],
        ["3", 3],
        ["=1+1", "=1+1"],
        ["True", None],  # an empty text is an empty cell
    ]
    types = [c.data_type for row in sheet.iter_rows() for c in row if c.value is not None]
    assert types == ["s", "s", "s", "n", "s", "s", "s"]


def test_response_is_a_private_attachment():
    table = tables.Table("T", ["A"], [["b"]])
    response = tables.response(table, format="csv", filename="liste-ä")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert {"private", "no-store"} <= {p.strip() for p in response["Cache-Control"].split(",")}
    with pytest.raises(ValueError, match="unknown"):
        tables.response(table, format="ods", filename="x")


# --- every export of the portal -------------------------------------------------------------


def _partner(make_user, with_totp):
    return make_user(Role.PARTNER_STAFF)


def _admin_user(make_user, with_totp, *codenames):
    user = with_totp(make_user(Role.EDITOR))
    user.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", *codenames]))
    return user


def directory_contacts(make_user, with_totp, values):
    from tests.directory.factories import ContactPersonFactory, OrganisationFactory

    organisation = OrganisationFactory(name="Hostile Org", slug="hostile")
    for value in values:
        if len(value) <= 100:  # CharFields: the database keeps no longer text
            ContactPersonFactory(
                organisation=organisation, given_name="", family_name=value, function=value
            )
    ContactPersonFactory(organisation=organisation, phone="+49 5221 13-100", mobile="-1+1")
    urls = {fmt: f"/verzeichnis/export/verzeichnis.{fmt}" for fmt in ("csv", "xlsx")}
    return _partner(make_user, with_totp), urls


def event_attendees(make_user, with_totp, values):
    from events.models import Registration
    from tests.events.factories import make_event, occurrence_of

    occurrence = occurrence_of(make_event(title="Meeting Point", capacity=100))
    for value in values:
        Registration.objects.create(
            occurrence=occurrence,
            status=Registration.Status.CONFIRMED,
            name=value[:200],
            organisation=value[:200],
            phone=value[:40],
            comment=value,
        )
    Registration.objects.create(
        occurrence=occurrence, status=Registration.Status.CONFIRMED, phone="+49 5221 000000"
    )
    urls = {
        fmt: reverse("events_admin:export", args=[occurrence.pk, fmt]) for fmt in ("csv", "xlsx")
    }
    return _admin_user(make_user, with_totp), urls


def offers_offers(make_user, with_totp, values):
    from tests.offers.factories import OfferFactory

    for value in values:
        OfferFactory(occupation=value[:150], requirements=value, contact_phone=value[:40])
    OfferFactory(contact_phone="+49 5221 555-1")
    urls = {"csv": reverse("offers:export_csv"), "xlsx": reverse("offers:export_xlsx")}
    return _partner(make_user, with_totp), urls


def offers_measures(make_user, with_totp, values):
    from tests.offers.factories import MeasureFactory

    for value in values:
        MeasureFactory(title=value[:200], contact_note=value[:200])
    # The measures' XLSX is the second sheet of the offers' workbook.
    urls = {
        "csv": reverse("offers:export_csv") + "?typ=massnahmen",
        "xlsx": reverse("offers:export_xlsx"),
    }
    return _partner(make_user, with_totp), urls


def form_submissions(make_user, with_totp, values):
    from wagtail.contrib.forms.models import FormSubmission
    from wagtail.models import Site

    from portal.models import AccessibilityFeedbackField, AccessibilityStatementPage

    home = Site.objects.get(is_default_site=True).root_page
    page = home.add_child(instance=AccessibilityStatementPage(title="Barrierefreiheit"))
    AccessibilityFeedbackField.objects.create(
        page=page, label="Beschreibung", field_type="multiline"
    )
    for value in values:
        FormSubmission.objects.create(page=page, form_data={"beschreibung": value})
    user = _admin_user(make_user, with_totp)
    url = reverse("wagtailforms:list_submissions", args=[page.pk])
    return user, {fmt: f"{url}?export={fmt}" for fmt in ("csv", "xlsx")}


def directory_unverified_report(make_user, with_totp, values):
    from tests.directory.factories import ContactPersonFactory

    old = datetime.date.today() - datetime.timedelta(days=800)
    for value in values:
        if len(value) <= 100:
            ContactPersonFactory(given_name="", family_name=value, function=value, verified_on=old)
    user = _admin_user(make_user, with_totp, "change_contactperson")
    url = reverse("directory_admin:unverified_report")
    return user, {fmt: f"{url}?export={fmt}" for fmt in ("csv", "xlsx")}


def knowledge_overdue_report(make_user, with_totp, values):
    from wagtail.models import Site

    from tests.knowledge.factories import GuidancePageFactory, KnowledgeIndexPageFactory

    index = KnowledgeIndexPageFactory(parent=Site.objects.get(is_default_site=True).root_page)
    for number, value in enumerate(values):
        if len(value) <= 255:
            page = GuidancePageFactory(parent=index, title=value, slug=f"feindlich-{number}")
            page.save_revision().publish()
    url = reverse("knowledge_admin:overdue_review")
    return _admin_user(make_user, with_totp), {
        fmt: f"{url}?export={fmt}" for fmt in ("csv", "xlsx")
    }


#: Every CSV/XLSX export of the portal: (setup, whether it holds the 40,000-character text).
EXPORTS = {
    "directory": (directory_contacts, False),
    "events-attendees": (event_attendees, True),
    "offers": (offers_offers, True),
    "offers-measures": (offers_measures, False),
    "form-submissions": (form_submissions, True),
    "directory-unverified-report": (directory_unverified_report, False),
    "knowledge-overdue-report": (knowledge_overdue_report, False),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", EXPORTS)
def test_every_export_writes_hostile_values_as_text(client, make_user, with_totp, name):
    setup, holds_long_text = EXPORTS[name]
    values = [*SHORT_VALUES, LONG] if holds_long_text else SHORT_VALUES
    user, urls = setup(make_user, with_totp, values)
    client.force_login(user)

    response = client.get(urls["csv"])
    assert response.status_code == 200, urls["csv"]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    body = response.content
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""), delimiter=";"))
    cells = {cell for row in rows for cell in row}
    for stored, csv_text, _xlsx_text in HOSTILE:
        if stored.strip("\x01\x1b\uffff") and any(stored in v for v in values):
            assert csv_text in cells, (name, stored)
    if holds_long_text:
        assert LONG_OUT in cells
    for cell in cells:
        assert not tables.CONTROL_CHARACTERS.search(cell)
        if cell.lstrip().startswith(tables.TRIGGERS):
            assert tables.PHONE.match(cell), f"formula trigger survived in {name}: {cell!r}"

    response = client.get(urls["xlsx"])
    assert response.status_code == 200, urls["xlsx"]
    assert response["Content-Type"] == tables.CONTENT_TYPES["xlsx"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        for sheet_xml in (n for n in archive.namelist() if n.startswith("xl/worksheets/")):
            assert not re.search(r"<f[ >]", archive.read(sheet_xml).decode())
    workbook = load_workbook(io.BytesIO(response.content))
    xlsx_cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert not [c for c in xlsx_cells if c.data_type == "f"]
    assert all(c.data_type == "s" for c in xlsx_cells if str(c.value or "").startswith("="))
    texts = {c.value for c in xlsx_cells}
    for stored, _csv_text, xlsx_text in HOSTILE:
        if any(stored in v for v in values):
            assert xlsx_text in texts, (name, stored)
    if holds_long_text:
        assert LONG_OUT in texts


# --- nobody writes tables beside the kernel -------------------------------------------------

ROOT = pathlib.Path(__file__).resolve().parents[2]
APPS = ("portal", "search", "directory", "events", "knowledge", "offers", "bench", "scripts")
WRITERS = re.compile(r"csv\.(writer|DictWriter)\(|Workbook\(|xlsxwriter|tablib")
#: Files that write a table that is not an export, with the reason.
NOT_EXPORTS = {"bench/directory_import.py": "writes the import's input file"}


def test_no_module_but_the_kernel_writes_csv_or_xlsx():
    offenders = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if path == ROOT / "portal" / "tables.py" or "migrations" in path.parts:
                continue
            if str(path.relative_to(ROOT)) in NOT_EXPORTS:
                continue
            text = path.read_text(encoding="utf-8")
            if WRITERS.search(text):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_every_spreadsheet_view_of_the_project_uses_the_kernel_writer():
    """Wagtail's own exports (reports, form submissions) go through ``portal.tables`` too."""
    from django.apps import apps
    from django.urls import get_resolver
    from wagtail.admin.views.mixins import SpreadsheetExportMixin
    from wagtail.contrib.forms.models import FormMixin

    def views(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                yield from views(pattern.url_patterns)
            elif hasattr(pattern.callback, "view_class"):
                yield pattern.callback.view_class, pattern.callback.view_initkwargs

    ours = [
        view
        for view, initkwargs in views(get_resolver().url_patterns)
        if issubclass(view, SpreadsheetExportMixin)
        and (view.list_export or initkwargs.get("list_export"))
        and view.__module__.split(".")[0] in APPS
    ]
    assert len(ours) >= 2
    assert [v for v in ours if not issubclass(v, tables.SpreadsheetExportMixin)] == []
    form_pages = [m for m in apps.get_models() if issubclass(m, FormMixin)]
    assert form_pages
    for model in form_pages:
        view = model().get_submissions_list_view_class()
        assert issubclass(view, tables.SpreadsheetExportMixin), model
