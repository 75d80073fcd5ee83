"""vCards, CSV, XLSX and the phone list: escaping, formula-injection safety and access."""

import csv
import io

import pytest
from openpyxl import load_workbook

from directory import exports, vcard
from portal import tables
from tests.directory.factories import ContactPersonFactory


def test_vcard_escapes_text_and_folds_long_lines(world):
    contact = world["general"]
    contact.function = "Beratung; Anträge, Fristen\\Termine\nund mehr " + "ä" * 60
    text = vcard.contact_card(contact, base_url="https://portal.example")
    assert text.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert text.endswith("END:VCARD\r\n")
    unfolded = text.replace("\r\n ", "")
    assert "TITLE:Beratung\\; Anträge\\, Fristen\\\\Termine\\nund mehr" in unfolded
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_vcard_3_uses_version_3_syntax(world):
    text = vcard.contact_card(world["general"], base_url="https://p.example", version="3.0")
    assert "VERSION:3.0" in text
    assert "KIND:" not in text
    assert "TEL;TYPE=WORK,VOICE:+49 5221 13-100" in text


@pytest.mark.parametrize("version", ["", "3"])
def test_partner_downloads_a_partners_only_contact_card(client, world, partner_user, version):
    client.force_login(partner_user)
    response = client.get(f"/verzeichnis/kontakt/{world['lz'].pk}/vcard/", {"version": version})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/vcard")
    assert "FN:Miriam Lohmeyer" in response.text
    assert "private" in response["Cache-Control"]


def test_anonymous_cannot_download_a_partners_only_card(client, world):
    assert client.get(f"/verzeichnis/kontakt/{world['lz'].pk}/vcard/").status_code == 404
    assert client.get(f"/verzeichnis/kontakt/{world['general'].pk}/vcard/").status_code == 200


def test_organisation_card_holds_only_visible_contacts(client, world, partner_user):
    url = f"/verzeichnis/organisation/{world['abh'].slug}/vcard/"
    anonymous = client.get(url).text
    client.force_login(partner_user)
    partner = client.get(url).text
    assert anonymous.count("BEGIN:VCARD") == 2  # the organisation and its public contact
    assert "KIND:org" in anonymous
    assert "Lohmeyer" not in anonymous
    assert partner.count("BEGIN:VCARD") == 5


def test_partner_csv_export_neutralises_formulas_and_keeps_phone_numbers(
    client, world, partner_user
):
    ContactPersonFactory(organisation=world["abh"], given_name="", family_name="=cmd|' /C calc'!A0")
    client.force_login(partner_user)
    response = client.get("/verzeichnis/export/verzeichnis.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Organisation"
    names = [row[2] for row in rows[1:]]
    assert "'=cmd|' /C calc'!A0" in names
    assert not any(cell.startswith("=") for row in rows for cell in row)
    assert "+49 5221 13-100" in [row[4] for row in rows[1:]]
    assert "Lohmeyer" in response.content.decode("utf-8-sig")


def test_xlsx_cells_are_strings_never_formulas(world):
    contact = ContactPersonFactory(organisation=world["abh"], given_name="", family_name="=1+1")
    contact.refresh_from_db()
    workbook = load_workbook(io.BytesIO(tables.to_xlsx(exports.table([contact]))))
    cells = [cell for row in workbook.active.iter_rows() for cell in row]
    assert all(cell.data_type == "s" for cell in cells if cell.value is not None)
    assert "=1+1" in [cell.value for cell in cells]


def test_xlsx_export_for_partner_staff(client, world, partner_user):
    client.force_login(partner_user)
    response = client.get("/verzeichnis/export/verzeichnis.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    values = [c.value for row in workbook.active.iter_rows() for c in row]
    assert "Lohmeyer" in " ".join(str(v) for v in values)


def test_a_contact_that_already_holds_control_characters_exports_safely(
    client, world, partner_user
):
    # Saved before the validator existed (or past it): the export drops them, never a 500.
    ContactPersonFactory(organisation=world["abh"], family_name="Alt\x01bestand", function="\x1b=1")
    client.force_login(partner_user)
    response = client.get("/verzeichnis/export/verzeichnis.xlsx")
    assert response.status_code == 200
    values = [
        c.value
        for row in load_workbook(io.BytesIO(response.content)).active.iter_rows()
        for c in row
    ]
    assert any(str(v).endswith(" Altbestand") for v in values) and "=1" in values
    text = client.get("/verzeichnis/export/verzeichnis.csv").content.decode("utf-8-sig")
    assert "Altbestand" in text and "'=1" in text and "\x01" not in text


EXPORTS = [
    "/verzeichnis/export/verzeichnis.csv",
    "/verzeichnis/export/verzeichnis.xlsx",
    "/verzeichnis/telefonliste/",
    "/verzeichnis/aenderungen/",
]


@pytest.mark.parametrize("url", EXPORTS)
def test_partner_channels_send_anonymous_visitors_to_the_login(client, world, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/konto/anmelden/" in response["Location"]


@pytest.mark.parametrize("url", [*EXPORTS, "/verzeichnis/aenderungen/feed/"])
def test_partner_channels_refuse_other_accounts(client, world, employer, url):
    client.force_login(employer)
    assert client.get(url).status_code == 403


def test_phone_list_is_printable_and_complete_for_partners(client, world, partner_user):
    client.force_login(partner_user)
    response = client.get("/verzeichnis/telefonliste/")
    assert response.status_code == 200
    assert "Miriam Lohmeyer" in response.text
    assert 'media="print"' in response.text
    assert "private" in response["Cache-Control"]
