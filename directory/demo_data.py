"""Demo step of the directory app: organisations, locations, contacts and responsibilities of
the Kreis Herford partner network. Everything here is fictional demo content (people, phone
numbers, ``.example`` addresses) and not legal advice. Idempotent: records are keyed by their
``external_key`` (prefix ``demo:``)."""

from __future__ import annotations

import datetime
import itertools
import math

from django.utils import timezone

from directory.models import (
    ContactPerson,
    DirectoryIndexPage,
    Location,
    Organisation,
    OrganisationKind,
    Responsibility,
)
from portal.access import Visibility
from portal.demo import DemoContext, ensure_page, ensure_user
from portal.models import Municipality, ResidenceStatus, Topic

DEMO = "Demo-Eintrag: erfundene Angaben, keine Rechtsberatung."

KINDS = [
    ("Agentur für Arbeit", "agentur-fuer-arbeit"),
    ("Jobcenter", "jobcenter"),
    ("Ausländerbehörde", "auslaenderbehoerde"),
    ("Sozialamt", "sozialamt"),
    ("Jugendamt", "jugendamt"),
    ("Schulverwaltungsamt / Schulamt", "schulverwaltungsamt"),
    ("Kommunales Integrationszentrum", "kommunales-integrationszentrum"),
    ("BAMF", "bamf"),
    ("Kammer (IHK/HWK)", "kammer"),
    ("Sprachkursträger", "sprachkurstraeger"),
    ("Qualifizierungsträger", "qualifizierungstraeger"),
    ("Berufskolleg", "berufskolleg"),
    ("Hochschule", "hochschule"),
    ("Wohlfahrtsverband", "wohlfahrtsverband"),
    ("Beratungsstelle", "beratungsstelle"),
    ("Ehrenamtliche Initiative", "ehrenamt"),
    ("Arbeitgeberverband", "arbeitgeberverband"),
    ("Sonstige", "sonstige"),
]

#: Approximate town centres (WGS 84) of the demo's places; a location gets its town's centre
#: plus a small fixed offset, so that the map shows the offices in their true relation without
#: pretending to know a real building.
TOWN_CENTRES = {
    "Herford": (52.1146, 8.6734),
    "Bünde": (52.2017, 8.5846),
    "Enger": (52.1406, 8.5583),
    "Hiddenhausen": (52.1644, 8.6231),
    "Kirchlengern": (52.2006, 8.6367),
    "Löhne": (52.1972, 8.7136),
    "Rödinghausen": (52.2550, 8.4809),
    "Spenge": (52.1406, 8.4844),
    "Vlotho": (52.1650, 8.8597),
    "Bielefeld": (52.0211, 8.5347),
}


def _coordinates(city: str, number: int) -> tuple[float | None, float | None]:
    centre = TOWN_CENTRES.get(city)
    if centre is None:
        return None, None
    angle = number * 2.399963  # the golden angle: offsets that never pile up
    radius = 0.0025 + 0.0012 * (number % 5)
    return (
        round(centre[0] + radius * math.sin(angle), 6),
        round(centre[1] + radius * 1.6 * math.cos(angle), 6),
    )


# key, name, abbreviation, kind, municipality slug (None: outside the region), street, postal
# code, city, parent key
ORGANISATIONS = [
    (
        "aa-herford",
        "Agentur für Arbeit Herford",
        "AA",
        "agentur-fuer-arbeit",
        "herford",
        "Hansastraße 33",
        "32049",
        "Herford",
        None,
    ),
    (
        "jc-kreis",
        "Jobcenter Kreis Herford",
        "JC",
        "jobcenter",
        "herford",
        "Hansastraße 34",
        "32049",
        "Herford",
        None,
    ),
    (
        "jc-buende",
        "Jobcenter Kreis Herford – Geschäftsstelle Bünde",
        "",
        "jobcenter",
        "buende",
        "Bahnhofstraße 12",
        "32257",
        "Bünde",
        "jc-kreis",
    ),
    (
        "jc-loehne",
        "Jobcenter Kreis Herford – Geschäftsstelle Löhne",
        "",
        "jobcenter",
        "loehne",
        "Oeynhausener Straße 5",
        "32584",
        "Löhne",
        "jc-kreis",
    ),
    (
        "abh-kreis",
        "Ausländerbehörde Kreis Herford",
        "ABH",
        "auslaenderbehoerde",
        "herford",
        "Amtshausstraße 3",
        "32051",
        "Herford",
        None,
    ),
    (
        "abh-stadt",
        "Ausländerbehörde Stadt Herford",
        "ABH Stadt",
        "auslaenderbehoerde",
        "herford",
        "Auf der Freiheit 21",
        "32052",
        "Herford",
        None,
    ),
    (
        "sozialamt-herford",
        "Sozialamt Stadt Herford",
        "",
        "sozialamt",
        "herford",
        "Auf der Freiheit 21",
        "32052",
        "Herford",
        None,
    ),
    (
        "sozialamt-buende",
        "Sozialamt Stadt Bünde",
        "",
        "sozialamt",
        "buende",
        "Eschstraße 20",
        "32257",
        "Bünde",
        None,
    ),
    (
        "sozialamt-loehne",
        "Sozialamt Stadt Löhne",
        "",
        "sozialamt",
        "loehne",
        "Oeynhausener Straße 41",
        "32584",
        "Löhne",
        None,
    ),
    (
        "sozialamt-vlotho",
        "Sozialamt Stadt Vlotho",
        "",
        "sozialamt",
        "vlotho",
        "Lange Straße 60",
        "32602",
        "Vlotho",
        None,
    ),
    (
        "jugendamt-kreis",
        "Jugendamt Kreis Herford",
        "",
        "jugendamt",
        "herford",
        "Amtshausstraße 3",
        "32051",
        "Herford",
        None,
    ),
    (
        "jugendamt-herford",
        "Jugendamt Stadt Herford",
        "",
        "jugendamt",
        "herford",
        "Auf der Freiheit 25",
        "32052",
        "Herford",
        None,
    ),
    (
        "jugendamt-buende",
        "Jugendamt Stadt Bünde",
        "",
        "jugendamt",
        "buende",
        "Eschstraße 20",
        "32257",
        "Bünde",
        None,
    ),
    (
        "jugendamt-loehne",
        "Jugendamt Stadt Löhne",
        "",
        "jugendamt",
        "loehne",
        "Oeynhausener Straße 41",
        "32584",
        "Löhne",
        None,
    ),
    (
        "schulamt",
        "Schulamt für den Kreis Herford",
        "",
        "schulverwaltungsamt",
        "herford",
        "Amtshausstraße 3",
        "32051",
        "Herford",
        None,
    ),
    (
        "ki-kreis",
        "Kommunales Integrationszentrum Kreis Herford",
        "KI",
        "kommunales-integrationszentrum",
        "herford",
        "Amtshausstraße 2",
        "32051",
        "Herford",
        None,
    ),
    (
        "bamf-bielefeld",
        "BAMF – Außenstelle Bielefeld",
        "BAMF",
        "bamf",
        None,
        "Am Stadtholz 24",
        "33609",
        "Bielefeld",
        None,
    ),
    (
        "ihk-owl",
        "IHK Ostwestfalen zu Bielefeld",
        "IHK",
        "kammer",
        None,
        "Elsa-Brändström-Straße 1",
        "33602",
        "Bielefeld",
        None,
    ),
    (
        "hwk-owl",
        "Handwerkskammer Ostwestfalen-Lippe zu Bielefeld",
        "HWK",
        "kammer",
        None,
        "Campus Handwerk 1",
        "33613",
        "Bielefeld",
        None,
    ),
    (
        "vhs",
        "Volkshochschule im Kreis Herford",
        "VHS",
        "sprachkurstraeger",
        "herford",
        "Münsterkirchplatz 1",
        "32052",
        "Herford",
        None,
    ),
    (
        "lingua",
        "Sprachschule Lingua Ravensberg (Demo)",
        "",
        "sprachkurstraeger",
        "buende",
        "Marktplatz 4",
        "32257",
        "Bünde",
        None,
    ),
    (
        "bildungswerk",
        "Bildungswerk Else-Werre (Demo)",
        "",
        "qualifizierungstraeger",
        "loehne",
        "Werrestraße 18",
        "32584",
        "Löhne",
        None,
    ),
    (
        "bk-herford",
        "Berufskolleg am Wall Herford (Demo)",
        "",
        "berufskolleg",
        "herford",
        "Wallstraße 9",
        "32052",
        "Herford",
        None,
    ),
    (
        "bk-buende",
        "Berufskolleg Bünde-Else (Demo)",
        "",
        "berufskolleg",
        "buende",
        "Schulstraße 2",
        "32257",
        "Bünde",
        None,
    ),
    (
        "hochschule",
        "Hochschule Bielefeld – International Office",
        "HSBI",
        "hochschule",
        None,
        "Interaktion 1",
        "33619",
        "Bielefeld",
        None,
    ),
    (
        "caritas",
        "Caritasverband Herford – Migrationsberatung (MBE)",
        "Caritas",
        "wohlfahrtsverband",
        "herford",
        "Komturstraße 19",
        "32052",
        "Herford",
        None,
    ),
    (
        "diakonie",
        "Diakonie Herford – Jugendmigrationsdienst (JMD)",
        "Diakonie",
        "wohlfahrtsverband",
        "herford",
        "Elisabethstraße 5",
        "32052",
        "Herford",
        None,
    ),
    (
        "awo",
        "AWO Kreisverband Herford – Migrationsberatung",
        "AWO",
        "wohlfahrtsverband",
        "loehne",
        "Lübbecker Straße 9",
        "32584",
        "Löhne",
        None,
    ),
    (
        "drk",
        "DRK Kreisverband Herford-Land – Flüchtlingsberatung",
        "DRK",
        "wohlfahrtsverband",
        "enger",
        "Bahnhofstraße 30",
        "32130",
        "Enger",
        None,
    ),
    (
        "anerkennung",
        "Beratungsstelle Anerkennung OWL (Demo)",
        "",
        "beratungsstelle",
        "herford",
        "Bäckerstraße 7",
        "32052",
        "Herford",
        None,
    ),
    (
        "fh-enger",
        "Flüchtlingshilfe Enger e. V. (Demo)",
        "",
        "ehrenamt",
        "enger",
        "Kirchplatz 2",
        "32130",
        "Enger",
        None,
    ),
    (
        "willkommen-spenge",
        "Willkommensinitiative Spenge (Demo)",
        "",
        "ehrenamt",
        "spenge",
        "Lange Straße 1",
        "32139",
        "Spenge",
        None,
    ),
    (
        "uv-herford",
        "Unternehmensverband Herford (Demo)",
        "",
        "arbeitgeberverband",
        "herford",
        "Goebenstraße 3",
        "32052",
        "Herford",
        None,
    ),
]

GIVEN = [
    "Anna",
    "Markus",
    "Fatma",
    "Jonas",
    "Olga",
    "Thomas",
    "Leyla",
    "Sven",
    "Maria",
    "Ahmad",
    "Katrin",
    "Dirk",
    "Svetlana",
    "Jan",
    "Nadia",
    "Uwe",
    "Birgit",
    "Kemal",
    "Julia",
    "Peter",
    "Aylin",
    "Frank",
    "Irina",
    "Lukas",
    "Sabine",
    "Daniel",
    "Hanna",
    "Yusuf",
    "Claudia",
    "Matthias",
]
FAMILY = [
    "Brockmeyer",
    "Kleinesudeik",
    "Oberwelland",
    "Rahe",
    "Niedermeier",
    "Tölke",
    "Wehmeier",
    "Vahle",
    "Steinkühler",
    "Hüsemann",
    "Ellerbrake",
    "Pöppelmann",
    "Rieso",
    "Quest",
    "Dreier",
    "Grotegut",
    "Sieker",
    "Heitkamp",
    "Wortmann",
    "Ostmeier",
    "Kuhlmann",
    "Bökenkröger",
    "Fleer",
    "Meise",
    "Schwentker",
    "Landwehr",
    "Ilkhan",
    "Zurmühlen",
    "Abdi",
    "Jürgens",
]
LANGUAGES = [
    "Deutsch, Englisch",
    "Deutsch, Türkisch",
    "Deutsch, Russisch, Ukrainisch",
    "Deutsch, Arabisch",
    "Deutsch, Englisch, Französisch",
    "Deutsch",
]
HOURS = [
    [
        (1, "08:00", "12:00"),
        (2, "08:00", "12:00"),
        (4, "08:00", "12:00"),
        (4, "14:00", "17:30"),
        (5, "08:00", "12:00"),
    ],
    [
        (1, "08:30", "12:30"),
        (2, "08:30", "12:30"),
        (3, "08:30", "12:30"),
        (4, "08:30", "12:30"),
        (4, "14:00", "16:00"),
        (5, "08:30", "12:00"),
    ],
    [(2, "09:00", "13:00"), (4, "13:00", "17:00")],
]

#: The named people of the Ausländerbehörde Kreis Herford (the finder's showcase).
ABH_PEOPLE = {
    "abh-kreis-duldung-ak": ("Frau", "Petra", "Kamphenkel", "Sachbearbeitung Duldung A–K"),
    "abh-kreis-duldung-lz": ("Frau", "Miriam", "Lohmeyer", "Sachbearbeitung Duldung L–Z"),
    "abh-kreis-vertretung": ("Herr", "Tobias", "Nolting", "Sachbearbeitung, Vertretung Duldung"),
    "abh-kreis-ae-ak": ("Frau", "Derya", "Aksoy", "Sachbearbeitung Aufenthaltserlaubnisse A–K"),
    "abh-kreis-ae-lz": ("Herr", "Bernd", "Wöhrmann", "Sachbearbeitung Aufenthaltserlaubnisse L–Z"),
}

#: The internal hotline of the Ausländerbehörde Kreis Herford for partner staff.
ABH_HOTLINE = {
    "hotline": "+49 5221 13-2580",
    "hotline_hours": "Mo–Fr 8–12 Uhr, nur für Fachkräfte",
    "hotline_visibility": Visibility.PARTNERS,
}

#: The named person who is away (the finder leads with her deputy), days from today and why.
ABSENT = ("abh-kreis-duldung-lz", 14, "Urlaub; in dringenden Fällen bitte die Vertretung.")

# topic slug, residence status slug or "" , legal circle, organisation key
GENERAL_RESPONSIBILITIES = [
    ("arbeitsvermittlung", "", "sgb3", "aa-herford"),
    ("arbeitsvermittlung", "aufenthaltsgestattung", "", "aa-herford"),
    ("arbeitsvermittlung", "duldung", "", "aa-herford"),
    ("ausbildung", "", "", "aa-herford"),
    ("arbeitgeberberatung", "", "", "aa-herford"),
    ("arbeitgeberberatung", "", "", "uv-herford"),
    ("anerkennung", "", "", "anerkennung"),
    ("anerkennung", "", "", "ihk-owl"),
    ("anerkennung", "", "", "hwk-owl"),
    ("ausbildung", "", "", "ihk-owl"),
    ("ausbildung", "", "", "hwk-owl"),
    ("sprachfoerderung", "", "", "bamf-bielefeld"),
    ("sprachfoerderung", "", "", "vhs"),
    ("sprachfoerderung", "", "", "lingua"),
    ("sprachfoerderung", "", "", "ki-kreis"),
    ("schule", "", "", "schulamt"),
    ("schule", "", "", "ki-kreis"),
    ("schule", "", "", "bk-herford"),
    ("ausbildung", "", "", "bk-buende"),
    ("ausbildung", "", "", "bildungswerk"),
    ("anerkennung", "", "", "hochschule"),
    ("wohnen", "", "", "caritas"),
    ("gesundheit", "", "", "drk"),
    ("jugendhilfe", "", "", "diakonie"),
    ("ehrenamt", "", "", "ki-kreis"),
    ("ehrenamt", "", "", "fh-enger"),
    ("ehrenamt", "", "", "willkommen-spenge"),
    ("aufenthalt-beschaeftigung", "", "", "caritas"),
    ("aufenthalt-beschaeftigung", "", "", "awo"),
]


def _time(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


def _hours(index: int) -> list[tuple[str, dict]]:
    return [
        ("period", {"weekday": str(day), "opens": _time(a), "closes": _time(b), "note": ""})
        for day, a, b in HOURS[index % len(HOURS)]
    ]


def _phone(area: str, number: int) -> str:
    # Fictional numbers in the 555 block, marked as demo on every page through the demo notice.
    return f"+49 {area} 555-{number:03d}"


def load(ctx: DemoContext) -> None:
    index = ensure_page(
        ctx.data["home"],
        DirectoryIndexPage,
        slug="verzeichnis",
        title="Verzeichnis",
        show_in_menus=True,
        intro=(
            "Wer ist zuständig? Behörden, Beratungsstellen und Ansprechpersonen im Kreis Herford."
        ),
    )
    ctx.data["directory_index"] = index
    ctx.progress("Section page /verzeichnis/")

    kinds = {}
    for position, (name, slug) in enumerate(KINDS):
        kinds[slug], _ = OrganisationKind.objects.update_or_create(
            slug=slug, defaults={"name": name, "sort_order": position}
        )
    municipalities = {m.slug: m for m in Municipality.objects.all()}
    topics = {t.slug: t for t in Topic.objects.all()}
    statuses = {s.slug: s for s in ResidenceStatus.objects.all()}

    maintainer = ensure_user(
        ctx,
        role_label="Partner staff (maintainer of the Ausländerbehörde)",
        email="k.hellweg@abh-kreis-herford.example",
        first_name="Karin",
        last_name="Hellweg",
        groups=["Partner staff"],
    )

    organisations: dict[str, Organisation] = {}
    locations: dict[str, Location] = {}
    names = itertools.cycle(zip(GIVEN, FAMILY, strict=True))
    contacts: dict[str, list[ContactPerson]] = {}
    phone_counter = itertools.count(100)
    for number, row in enumerate(ORGANISATIONS):
        key, name, abbr, kind, muni, street, plz, city, parent = row
        area = "521" if city == "Bielefeld" else "5221"
        domain = f"{key}.example"
        organisation, _ = Organisation.objects.update_or_create(
            external_key=f"demo:{key}",
            defaults={
                "name": name,
                "abbreviation": abbr,
                "slug": key,
                "kind": kinds[kind],
                "parent": organisations.get(parent) if parent else None,
                "description": DEMO,
                "phone": _phone(area, number),
                "email": f"info@{domain}",
                "verified_email_domains": domain,
                "is_active": True,
                # The IP–Ausländerbehörde hotline is an internal line (partners only).
                **(ABH_HOTLINE if key == "abh-kreis" else {}),
            },
        )
        organisations[key] = organisation
        latitude, longitude = _coordinates(city, number)
        location, _ = Location.objects.update_or_create(
            external_key=f"demo:{key}:main",
            defaults={
                "organisation": organisation,
                "name": "Hauptsitz" if not parent else "Geschäftsstelle",
                "street": street,
                "postal_code": plz,
                "city": city,
                "municipality": municipalities.get(muni) if muni else None,
                "latitude": latitude,
                "longitude": longitude,
                "opening_hours": _hours(number),
                "opening_hours_note": "Termine bitte vorher telefonisch vereinbaren.",
                "step_free_access": ["yes", "partial", "yes", "unknown"][number % 4],
                "transport_note": "Bushaltestelle in der Nähe (Demo-Angabe).",
            },
        )
        locations[key] = location
        people = []
        # Every organisation gets a public general contact and a partners-only colleague.
        for slot, visibility in enumerate((Visibility.PUBLIC, Visibility.PARTNERS)):
            given, family = next(names)
            person, _ = ContactPerson.objects.update_or_create(
                external_key=f"demo:{key}:{slot}",
                defaults={
                    "organisation": organisation,
                    "location": location,
                    "honorific": "",
                    "given_name": given,
                    "family_name": family,
                    "function": "Allgemeine Beratung" if slot == 0 else "Fachberatung",
                    "phone": _phone(area, next(phone_counter)),
                    "email": f"{given.lower()}.{family.lower()}@{domain}".replace("ü", "ue")
                    .replace("ö", "oe")
                    .replace("ä", "ae"),
                    "languages": LANGUAGES[(number + slot) % len(LANGUAGES)],
                    "consultation_hours": "Di und Do 9–12 Uhr und nach Vereinbarung",
                    "visibility": visibility,
                    "is_general_contact": slot == 0,
                    "is_active": True,
                    # Some entries are overdue so the "not verified" report has rows.
                    "verified_on": timezone.localdate()
                    - datetime.timedelta(days=30 + 50 * ((number + slot) % 5)),
                    "responsible_account": maintainer if key.startswith("abh") else None,
                },
            )
            people.append(person)
        contacts[key] = people
    organisations["abh-kreis"].maintainers.add(maintainer)

    abh = organisations["abh-kreis"]
    named = {}
    for number, (key, (honorific, given, family, function)) in enumerate(ABH_PEOPLE.items()):
        named[key], _ = ContactPerson.objects.update_or_create(
            external_key=f"demo:{key}",
            defaults={
                "organisation": abh,
                "location": locations["abh-kreis"],
                "honorific": honorific,
                "given_name": given,
                "family_name": family,
                "function": function,
                "phone": _phone("5221", 700 + number),
                "email": f"{family.lower().replace('ö', 'oe')}@abh-kreis.example",
                "languages": "Deutsch, Englisch",
                "consultation_hours": "Mo, Di, Do 8–12 Uhr nach Terminvereinbarung",
                "visibility": Visibility.PARTNERS,
                "is_active": True,
                "verified_on": timezone.localdate() - datetime.timedelta(days=20),
                "responsible_account": maintainer,
                "absent_until": (
                    timezone.localdate() + datetime.timedelta(days=ABSENT[1])
                    if key == ABSENT[0]
                    else None
                ),
                "absence_note": ABSENT[2] if key == ABSENT[0] else "",
            },
        )
    ctx.progress(
        f"{len(organisations)} organisations, "
        f"{ContactPerson.objects.filter(external_key__startswith='demo:').count()} contacts"
    )

    count = 0

    def responsibility(key: str, *, topic, organisation, municipality_slugs=(), **fields):
        nonlocal count
        record, _ = Responsibility.objects.update_or_create(
            external_key=f"demo:{key}",
            defaults={
                "topic": topics[topic],
                "organisation": organisation,
                "all_municipalities": not municipality_slugs,
                "is_active": True,
                **fields,
            },
        )
        record.municipalities.set([municipalities[s] for s in municipality_slugs])
        count += 1
        return record

    outside_herford = [slug for slug in municipalities if slug != "herford"]
    kreis_abh = contacts["abh-kreis"]
    stadt_abh = contacts["abh-stadt"]
    for status in (
        "duldung",
        "aufenthaltsgestattung",
        "duldung-60b",
        "ausbildungsduldung",
        "beschaeftigungsduldung",
    ):
        for topic in ("aufenthalt-beschaeftigung",):
            responsibility(
                f"abh-kreis:{status}:ak",
                topic=topic,
                organisation=abh,
                municipality_slugs=outside_herford,
                residence_status=statuses[status],
                surname_from="A",
                surname_to="K",
                contact=named["abh-kreis-duldung-ak"],
                deputy=named["abh-kreis-vertretung"],
                service_name="Beschäftigungserlaubnis, Verlängerung der Duldung/Gestattung",
            )
            responsibility(
                f"abh-kreis:{status}:lz",
                topic=topic,
                organisation=abh,
                municipality_slugs=outside_herford,
                residence_status=statuses[status],
                surname_from="L",
                surname_to="Z",
                contact=named["abh-kreis-duldung-lz"],
                deputy=named["abh-kreis-vertretung"],
                service_name="Beschäftigungserlaubnis, Verlängerung der Duldung/Gestattung",
                note="Anträge auf Beschäftigungserlaubnis bitte mit Stellenbeschreibung "
                "einreichen (Demo-Hinweis).",
            )
            responsibility(
                f"abh-stadt:{status}",
                topic=topic,
                organisation=organisations["abh-stadt"],
                municipality_slugs=["herford"],
                residence_status=statuses[status],
                contact=stadt_abh[1],
                deputy=stadt_abh[0],
            )
    responsibility(
        "abh-kreis:sgb2:ak",
        topic="aufenthalt-beschaeftigung",
        organisation=abh,
        municipality_slugs=outside_herford,
        legal_circle="sgb2",
        surname_from="A",
        surname_to="K",
        contact=named["abh-kreis-ae-ak"],
        deputy=named["abh-kreis-ae-lz"],
    )
    responsibility(
        "abh-kreis:sgb2:lz",
        topic="aufenthalt-beschaeftigung",
        organisation=abh,
        municipality_slugs=outside_herford,
        legal_circle="sgb2",
        surname_from="L",
        surname_to="Z",
        contact=named["abh-kreis-ae-lz"],
        deputy=named["abh-kreis-ae-ak"],
    )
    responsibility(
        "abh-kreis:any",
        topic="aufenthalt-beschaeftigung",
        organisation=abh,
        municipality_slugs=outside_herford,
        contact=kreis_abh[0],
        deputy=kreis_abh[1],
    )
    responsibility(
        "abh-stadt:any",
        topic="aufenthalt-beschaeftigung",
        organisation=organisations["abh-stadt"],
        municipality_slugs=["herford"],
        contact=stadt_abh[0],
        deputy=stadt_abh[1],
    )

    # Jobcenter: per municipality, Herford split by surname.
    jobcenter_office = {
        "buende": "jc-buende",
        "kirchlengern": "jc-buende",
        "roedinghausen": "jc-buende",
        "loehne": "jc-loehne",
    }
    for slug in municipalities:
        office = jobcenter_office.get(slug, "jc-kreis")
        people = contacts[office]
        for topic in ("leistungen-sgb2", "arbeitsvermittlung"):
            if slug == "herford":
                responsibility(
                    f"jc:{topic}:{slug}:ak",
                    topic=topic,
                    organisation=organisations[office],
                    municipality_slugs=[slug],
                    legal_circle="sgb2",
                    surname_from="A",
                    surname_to="K",
                    contact=people[1],
                    deputy=people[0],
                )
                responsibility(
                    f"jc:{topic}:{slug}:lz",
                    topic=topic,
                    organisation=organisations[office],
                    municipality_slugs=[slug],
                    legal_circle="sgb2",
                    surname_from="L",
                    surname_to="Z",
                    contact=people[0],
                    deputy=people[1],
                )
            else:
                responsibility(
                    f"jc:{topic}:{slug}",
                    topic=topic,
                    organisation=organisations[office],
                    municipality_slugs=[slug],
                    legal_circle="sgb2",
                    contact=people[1],
                    deputy=people[0],
                )

    # AsylbLG benefits and youth welfare by municipality.
    social = {
        "herford": "sozialamt-herford",
        "buende": "sozialamt-buende",
        "loehne": "sozialamt-loehne",
        "vlotho": "sozialamt-vlotho",
    }
    youth = {
        "herford": "jugendamt-herford",
        "buende": "jugendamt-buende",
        "loehne": "jugendamt-loehne",
    }
    for slug in municipalities:
        office = social.get(slug)
        if office:
            responsibility(
                f"asylblg:{slug}",
                topic="leistungen-asylblg",
                organisation=organisations[office],
                municipality_slugs=[slug],
                legal_circle="asylblg",
                contact=contacts[office][1],
                deputy=contacts[office][0],
            )
        office = youth.get(slug, "jugendamt-kreis")
        responsibility(
            f"jugendhilfe:{slug}",
            topic="jugendhilfe",
            organisation=organisations[office],
            municipality_slugs=[slug],
            contact=contacts[office][0],
            deputy=contacts[office][1],
        )
    for key, (topic, status, circle, org_key) in enumerate(GENERAL_RESPONSIBILITIES):
        responsibility(
            f"general:{key}",
            topic=topic,
            organisation=organisations[org_key],
            residence_status=statuses[status] if status else None,
            legal_circle=circle,
            contact=contacts[org_key][0],
            deputy=contacts[org_key][1],
        )
    ctx.progress(f"{count} responsibilities (surname splits A–K / L–Z, deputies)")
