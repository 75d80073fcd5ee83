"""Demo step of the portal: the region Kreis Herford, the shared vocabulary, the home page, the
legal pages and one login per role. Fictional people; real kinds of organisations and places."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from portal.access import Role
from portal.demo import DemoContext, ensure_page, ensure_user
from portal.models import (
    AccessibilityFeedbackField,
    AccessibilityStatementPage,
    Audience,
    ContentPage,
    HomePage,
    Municipality,
    PortalSettings,
    Region,
    ResidenceStatus,
    Topic,
)

MUNICIPALITIES = [
    # name, slug, AGS, postal codes
    ("Bünde", "buende", "05758004", "32257"),
    ("Enger", "enger", "05758008", "32130"),
    ("Herford", "herford", "05758012", "32049,32051,32052"),
    ("Hiddenhausen", "hiddenhausen", "05758016", "32120"),
    ("Kirchlengern", "kirchlengern", "05758020", "32278"),
    ("Löhne", "loehne", "05758024", "32584"),
    ("Rödinghausen", "roedinghausen", "05758028", "32289"),
    ("Spenge", "spenge", "05758032", "32139"),
    ("Vlotho", "vlotho", "05758036", "32602"),
]

TOPICS = [
    ("Arbeitsvermittlung", "arbeitsvermittlung", ""),
    ("Ausbildung", "ausbildung", ""),
    ("Sprachförderung", "sprachfoerderung", ""),
    ("Anerkennung ausländischer Abschlüsse", "anerkennung", "99088003000000"),
    ("Aufenthalt & Beschäftigungserlaubnis", "aufenthalt-beschaeftigung", "99010038000000"),
    ("Leistungen SGB II", "leistungen-sgb2", ""),
    ("Leistungen AsylbLG", "leistungen-asylblg", ""),
    ("Jugendhilfe", "jugendhilfe", ""),
    ("Schule", "schule", ""),
    ("Wohnen", "wohnen", ""),
    ("Gesundheit", "gesundheit", ""),
    ("Arbeitgeberberatung", "arbeitgeberberatung", ""),
    ("Ehrenamt", "ehrenamt", ""),
]

AUDIENCES = [
    ("Partnerfachkräfte", "partner-staff"),
    ("Ehrenamtliche", "volunteers"),
    ("Arbeitgeber", "employers"),
    ("Geflüchtete", "refugees"),
]

# name, slug, legal basis, legal circle, valid from
RESIDENCE_STATUSES = [
    ("Ankunftsnachweis", "ankunftsnachweis", "§ 63a AsylG", "asylblg", datetime.date(2016, 2, 5)),
    ("Aufenthaltsgestattung", "aufenthaltsgestattung", "§ 55 AsylG", "asylblg", None),
    ("Duldung", "duldung", "§ 60a AufenthG", "asylblg", None),
    (
        "Duldung für Personen mit ungeklärter Identität",
        "duldung-60b",
        "§ 60b AufenthG",
        "asylblg",
        datetime.date(2019, 8, 21),
    ),
    (
        "Ausbildungsduldung",
        "ausbildungsduldung",
        "§ 60c AufenthG",
        "asylblg",
        datetime.date(2020, 1, 1),
    ),
    (
        "Beschäftigungsduldung",
        "beschaeftigungsduldung",
        "§ 60d AufenthG",
        "asylblg",
        datetime.date(2020, 1, 1),
    ),
    ("Fiktionsbescheinigung", "fiktionsbescheinigung", "§ 81 AufenthG", "", None),
    ("Aufenthaltserlaubnis – Asylberechtigung", "ae-25-1", "§ 25 Abs. 1 AufenthG", "sgb2", None),
    (
        "Aufenthaltserlaubnis – Flüchtlingsschutz",
        "ae-25-2-gfk",
        "§ 25 Abs. 2 Alt. 1 AufenthG",
        "sgb2",
        None,
    ),
    (
        "Aufenthaltserlaubnis – subsidiärer Schutz",
        "ae-25-2-subsidiaer",
        "§ 25 Abs. 2 Alt. 2 AufenthG",
        "sgb2",
        None,
    ),
    ("Aufenthaltserlaubnis – Abschiebungsverbot", "ae-25-3", "§ 25 Abs. 3 AufenthG", "sgb2", None),
    ("Aufenthaltserlaubnis – humanitäre Gründe", "ae-25-5", "§ 25 Abs. 5 AufenthG", "sgb2", None),
    (
        "Aufenthaltserlaubnis – vorübergehender Schutz",
        "ae-24",
        "§ 24 AufenthG",
        "sgb2",
        datetime.date(2022, 3, 4),
    ),
    ("Chancen-Aufenthaltsrecht", "ae-104c", "§ 104c AufenthG", "sgb2", datetime.date(2022, 12, 31)),
    ("Niederlassungserlaubnis", "niederlassungserlaubnis", "§ 9 / § 26 AufenthG", "sgb2", None),
]

DEMO_NOTE = (
    "Demo-Inhalt: Alle Personen und Angaben sind erfunden. Keine Rechtsberatung – "
    "verbindliche Auskünfte geben die zuständigen Behörden."
)


def _paragraph(html: str) -> tuple[str, str]:
    return ("paragraph", html)


def _heading(text: str) -> tuple[str, dict]:
    return ("heading", {"text": text, "level": "h2"})


def load(ctx: DemoContext) -> None:
    region, _ = Region.objects.update_or_create(
        slug="kreis-herford",
        defaults={"name": "Kreis Herford", "kind": Region.Kind.KREIS, "official_key": "05758"},
    )
    ctx.data["region"] = region
    for index, (name, slug, ags, plz) in enumerate(MUNICIPALITIES):
        Municipality.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "region": region,
                "official_key": ags,
                "postal_codes": plz,
                "sort_order": index,
            },
        )
    for index, (name, slug, leika) in enumerate(TOPICS):
        Topic.objects.update_or_create(
            slug=slug, defaults={"name": name, "leika_key": leika, "sort_order": index}
        )
    for index, (name, slug) in enumerate(AUDIENCES):
        Audience.objects.update_or_create(slug=slug, defaults={"name": name, "sort_order": index})
    for index, (name, slug, basis, circle, valid_from) in enumerate(RESIDENCE_STATUSES):
        ResidenceStatus.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "legal_basis": basis,
                "legal_circle": circle,
                "valid_from": valid_from,
                "sort_order": index,
            },
        )
    ctx.progress(
        f"Region {region.name}: {len(MUNICIPALITIES)} municipalities, {len(TOPICS)} "
        f"topics, {len(RESIDENCE_STATUSES)} residence statuses"
    )

    home = _home_page()
    ctx.data["home"] = home
    imprint = ensure_page(
        home,
        ContentPage,
        slug="impressum",
        title="Impressum",
        show_in_menus=False,
        summary="Angaben gemäß § 5 DDG.",
        body=[
            _paragraph(
                "<p>Integration Point Kreis Herford<br/>Agentur für Arbeit Herford, "
                "Hansastraße 33, 32049 Herford (Demo-Anschrift)</p>"
            ),
            _paragraph("<p>Vertreten durch: Dr. Ingrid Fiktiv, Geschäftsführung (Demo)</p>"),
            _paragraph(f"<p>{DEMO_NOTE}</p>"),
        ],
    )
    privacy = ensure_page(
        home,
        ContentPage,
        slug="datenschutz",
        title="Datenschutzerklärung",
        show_in_menus=False,
        body=[
            _heading("Wer verarbeitet Ihre Daten?"),
            _paragraph(
                "<p>Verantwortlich ist das Integration Point Kreis Herford (Demo). Diese "
                "Website lädt keine Schriften, Skripte oder Dienste von Dritten und setzt "
                "keine Tracker ein.</p>"
            ),
            _heading("Welche Daten wir speichern"),
            _paragraph(
                "<p>Server-Protokolle (7 Tage; Zugangsschlüssel aus Links und E-Mail-Adressen "
                "werden darin unkenntlich gemacht), Ihr Konto, wenn Sie eines anlegen, und Ihre "
                "Anmeldungen zu Veranstaltungen. Personenbezogene Angaben in Anmeldungen "
                "werden 180 Tage nach der Veranstaltung anonymisiert.</p>"
                "<p>E-Mails, die das Portal Ihnen schickt, werden 30 Tage nach dem Versand "
                "gelöscht. Suchbegriffe zählen wir nur bei Besucherinnen und Besuchern ohne "
                "Anmeldung, ohne Ziffern, E-Mail-Adressen und Namen nach einer Anrede, und "
                "löschen die Zählung nach 30 Tagen.</p>"
                "<p>Unter „Mein Konto“ können Sie alle über Sie gespeicherten Daten "
                "herunterladen und Ihr Konto mit diesen Daten löschen.</p>"
            ),
            _heading("Ihre Rechte"),
            _paragraph(
                "<p>Auskunft, Berichtigung, Löschung, Einschränkung, Widerspruch und "
                "Datenübertragbarkeit (Art. 15–21 DSGVO). Beschwerden: Landesbeauftragte für "
                "Datenschutz und Informationsfreiheit NRW.</p>"
            ),
        ],
    )
    accessibility = _accessibility_page(home)
    easy = ensure_page(
        home,
        ContentPage,
        slug="leichte-sprache",
        title="Leichte Sprache",
        show_in_menus=False,
        easy_language=True,
        summary="Hier steht in Leichter Sprache, was diese Internet-Seite ist.",
        body=[
            _heading("Was ist diese Seite?"),
            _paragraph(
                "<p>Das ist die Internet-Seite vom Integration Point.</p>"
                "<p>Der Integration Point hilft Menschen mit Flucht-Geschichte.</p>"
                "<p>Er hilft bei der Suche nach Arbeit.</p>"
                "<p>Und er hilft bei der Suche nach einer Ausbildung.</p>"
            ),
            _heading("Was finde ich hier?"),
            _paragraph(
                "<ul><li>Wer hilft mir? Das steht im Verzeichnis.</li>"
                "<li>Was ist neu im Gesetz? Das steht im Wissen.</li>"
                "<li>Wann gibt es Treffen? Das steht bei den Veranstaltungen.</li></ul>"
            ),
            _heading("Brauchen Sie Hilfe?"),
            _paragraph(
                "<p>Rufen Sie uns an: 05221 000 100.</p>"
                "<p>Oder kommen Sie vorbei. Wir helfen Ihnen gern.</p>"
            ),
        ],
    )
    site = Site.objects.get(root_page=home)
    # The name the admin and allauth's mails greet with ("Vielen Dank, dass Sie … nutzen!").
    site.site_name = "Integration Point Kreis Herford"
    site.save(update_fields=["site_name"])
    settings = PortalSettings.for_site(site)
    settings.integration_point_name = "Integration Point Kreis Herford"
    settings.desk_phone = "05221 000 100"
    settings.desk_email = "integrationpoint@herford.example"
    settings.desk_address = "Hansastraße 33\n32049 Herford"
    settings.desk_hours = "Mo–Fr 8:00–12:30, Do 14:00–17:30"
    settings.imprint_page = imprint
    settings.privacy_page = privacy
    settings.accessibility_page = accessibility
    settings.easy_language_page = easy
    settings.show_demo_notice = True
    settings.save()
    ctx.progress("Home page, Impressum, Datenschutz, Barrierefreiheit, Leichte Sprache")

    Group.objects.get_or_create(name=Role.ADMINISTRATOR)
    ensure_user(
        ctx,
        role_label="Administrator",
        email="admin@ipnetz.example",
        first_name="Andrea",
        last_name="Admin",
        groups=[Role.ADMINISTRATOR],
        superuser=True,
    )
    editor = ensure_user(
        ctx,
        role_label="Editor",
        email="redaktion@ipnetz.example",
        first_name="Erik",
        last_name="Redlich",
        groups=[Role.EDITOR],
    )
    ensure_user(
        ctx,
        role_label="Moderator",
        email="freigabe@ipnetz.example",
        first_name="Mona",
        last_name="Prüfer",
        groups=[Role.MODERATOR, Role.EDITOR],
    )
    ensure_user(
        ctx,
        role_label="Partner staff",
        email="s.yilmaz@jobcenter-herford.example",
        first_name="Selin",
        last_name="Yılmaz",
        groups=[Role.PARTNER_STAFF],
    )
    ensure_user(
        ctx,
        role_label="Employer",
        email="personal@tischlerei-brinkmann.example",
        first_name="Jens",
        last_name="Brinkmann",
        groups=[Role.EMPLOYER],
    )
    ensure_user(
        ctx,
        role_label="Volunteer",
        email="helga.ehrenamt@example.org",
        first_name="Helga",
        last_name="Wiemann",
        groups=[Role.VOLUNTEER],
    )
    ctx.data["editor"] = editor


def _default_site(home: HomePage) -> None:
    """The default Site answers at ``BASE_URL`` (in development http://127.0.0.1:8000), so that
    the sitemap, feeds and printed pages of the demo name the address it is served at instead of
    Wagtail's placeholder ``http://localhost``."""
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    port = address.port or (443 if address.scheme == "https" else 80)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": address.hostname, "port": port, "root_page": home},
    )


def _home_page() -> HomePage:
    home = HomePage.objects.filter(depth=2).first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(title="Integration Point", slug="home")
        root.add_child(instance=home)
    _default_site(home)
    home.title = "Integration Point Kreis Herford"
    home.intro = (
        "Agentur für Arbeit, Jobcenter, Kreisverwaltung und ihre Partner an einem Ort: "
        "wer zuständig ist, was sich geändert hat und wann wir uns treffen."
    )
    home.body = [("callout", {"kind": "info", "text": f"<p>{DEMO_NOTE}</p>"})]
    home.save_revision().publish()
    home.refresh_from_db()
    return home


FEEDBACK_FIELDS = [
    ("Seite", "singleline", False, "Die Adresse der Seite mit der Barriere."),
    (
        "Beschreibung der Barriere",
        "multiline",
        True,
        "Was hat nicht funktioniert? Welche Hilfsmittel nutzen Sie (z. B. Screenreader)?",
    ),
    ("Name", "singleline", False, ""),
    ("E-Mail für Rückfragen", "email", False, "Nur wenn Sie eine Antwort wünschen."),
]


def _accessibility_page(home) -> AccessibilityStatementPage:
    page = ensure_page(
        home,
        AccessibilityStatementPage,
        slug="barrierefreiheit",
        title="Erklärung zur Barrierefreiheit",
        show_in_menus=False,
        compliance="partial",
        prepared_on=datetime.date(2026, 11, 1),
        to_address="barrierefreiheit@herford.example",
        from_address="noreply@herford.example",
        subject="Rückmeldung Barrierefreiheit",
        thank_you_text="<p>Danke! Wir antworten innerhalb von zwei Wochen.</p>",
        enforcement_body=(
            "<p>Wenn wir nicht zufriedenstellend antworten, können Sie sich an die "
            "Ombudsstelle für barrierefreie Informationstechnik des Landes NRW wenden.</p>"
        ),
        body=[
            _paragraph(
                "<p>Das Integration Point Kreis Herford ist bemüht, seine Website im "
                "Einklang mit § 12a BGG und der BITV 2.0 barrierefrei zugänglich zu "
                "machen. Diese Erklärung gilt für diese Website.</p>"
            ),
            _heading("Nicht barrierefreie Inhalte"),
            _paragraph(
                "<ul><li>Einige als PDF bereitgestellte Formulare von Behörden sind "
                "noch nicht barrierefrei.</li></ul>"
            ),
        ],
    )
    AccessibilityFeedbackField.objects.filter(page=page).delete()
    for order, (label, field_type, required, help_text) in enumerate(FEEDBACK_FIELDS):
        AccessibilityFeedbackField.objects.create(
            page=page,
            sort_order=order,
            label=label,
            field_type=field_type,
            required=required,
            help_text=help_text,
        )
    return page
