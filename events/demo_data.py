"""Demo step of the events app: trainings, Meeting Points and information events of the
Integration Point Kreis Herford over the past and the coming months, with registrations.

Dates are relative to the day the demo is loaded. Everything is fictional demo content (people,
companies, ``.example`` addresses) and not legal advice. Idempotent: pages are keyed by slug,
registrations by date and e-mail address; nobody is mailed while the demo loads.
"""

from __future__ import annotations

import calendar
import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from events import services
from events.choices import AttendanceMode, EventKind, Recurrence
from events.models import BERLIN, EventIndexPage, EventPage, OccurrenceOverride, Registration
from portal.access import Visibility
from portal.demo import DemoContext, ensure_page
from portal.models import Audience, Municipality, Topic
from portal.vocabulary import Weekday

DEMO_NOTE = (
    "<p><em>Demo-Veranstaltung: Termine, Personen und Firmen sind erfunden; keine "
    "Rechtsberatung.</em></p>"
)
THURSDAY, WEDNESDAY, TUESDAY = Weekday.THURSDAY, Weekday.WEDNESDAY, Weekday.TUESDAY

#: Approximate coordinates of the demo venues (GEO in the calendar feeds).
GEO = {
    "herford": ("52.115600", "8.673400"),
    "buende": ("52.200800", "8.573700"),
    "loehne": ("52.193600", "8.713100"),
    "vlotho": ("52.165500", "8.859700"),
    "enger": ("52.140700", "8.558000"),
    "spenge": ("52.139900", "8.483600"),
}

# Fictional companies that registered for Meeting Points (by phone or through their account).
COMPANIES = [
    ("Bäckerei Kornblume (Demo)", "Petra Kornmeier", "Bäckerhandwerk", "A2"),
    ("Möbelwerk Else GmbH (Demo)", "Stefan Wiebe", "Holz- und Möbelfertigung", "A2"),
    ("Pflegedienst Werretal (Demo)", "Aylin Demir", "Altenpflege", "B1"),
    ("Spedition Ravensberg KG (Demo)", "Frank Niemeyer", "Lager und Logistik", "A2"),
    ("Autohaus Bünde-Süd (Demo)", "Claudia Husemann", "Kfz-Mechatronik", "B1"),
    ("Elektro Stratmann (Demo)", "Heiko Stratmann", "Elektroinstallation", "B1"),
    ("Hotel Am Wall (Demo)", "Miriam Koch", "Hotel und Gastronomie", "A2"),
    ("Gartenbau Grünwerk (Demo)", "Lars Obermeier", "Garten- und Landschaftsbau", "A1"),
    ("Metallbau Vlotho (Demo)", "Tobias Reker", "Metallbau", "A2"),
    ("Kita-Verbund Enger (Demo)", "Sabine Hölscher", "Kinderpflege", "B2"),
]

# Fictional partner staff who registered for trainings.
STAFF = [
    ("Anna Brüggemann", "Jobcenter Kreis Herford", "jc-kreis.example"),
    ("Markus Tiemann", "Agentur für Arbeit Herford", "aa-herford.example"),
    ("Fatma Aydın", "Ausländerbehörde Kreis Herford", "abh-kreis.example"),
    ("Jonas Meier", "Kommunales Integrationszentrum Kreis Herford", "ki-kreis.example"),
    ("Olga Schneider", "Caritasverband Herford – Migrationsberatung (MBE)", "caritas.example"),
    ("Thomas Kleine", "Jugendamt Kreis Herford", "jugendamt-kreis.example"),
    ("Leyla Ahmadi", "Diakonie Herford – Jugendmigrationsdienst (JMD)", "diakonie.example"),
    ("Sven Lohmann", "Jobcenter Kreis Herford – Geschäftsstelle Bünde", "jc-buende.example"),
    ("Maria Pohl", "Volkshochschule im Kreis Herford", "vhs.example"),
    ("Ahmad Haidari", "AWO Kreisverband Herford – Migrationsberatung", "awo.example"),
    ("Katrin Vogt", "Sozialamt Stadt Löhne", "sozialamt-loehne.example"),
    ("Dirk Schwarze", "DRK Kreisverband Herford-Land – Flüchtlingsberatung", "drk.example"),
    ("Nadia Karimi", "Bildungswerk Else-Werre (Demo)", "bildungswerk.example"),
]


# --- dates ---------------------------------------------------------------------------------


def nth_weekday(year: int, month: int, weekday: int, week: int) -> datetime.date:
    """The ``week``-th ``weekday`` of a month (``week=-1``: the last one)."""
    days = [
        day
        for day in calendar.Calendar().itermonthdates(year, month)
        if day.month == month and day.isoweekday() == weekday
    ]
    return days[week - 1] if week > 0 else days[week]


def add_months(day: datetime.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), BERLIN)


def weekday_after(day: datetime.date, weekday: int, *, weeks: int = 0) -> datetime.date:
    """The first ``weekday`` on or after ``day``, plus ``weeks`` weeks."""
    return day + datetime.timedelta(days=(weekday - day.isoweekday()) % 7, weeks=weeks)


# --- lookups -------------------------------------------------------------------------------


def _directory(key: str):
    """(organisation, main location) of a demo directory entry, or (None, None)."""
    from directory.models import Location, Organisation

    organisation = Organisation.objects.filter(external_key=f"demo:{key}").first()
    location = Location.objects.filter(external_key=f"demo:{key}:main").first()
    return organisation, location


def _terms(model, slugs):
    return list(model.objects.filter(slug__in=slugs))


# --- the events ----------------------------------------------------------------------------


def _definitions(today: datetime.date) -> list[dict]:
    """Every demo event as page fields (plus the keys ``_org``, ``_place``, ``_audiences``,
    ``_topics``, ``_cancel_nth``, ``_small_date``)."""
    ago3 = add_months(today, -3)
    mp_first = nth_weekday(*ago3, THURSDAY, -1)
    buende_first = nth_weekday(*add_months(today, -1), WEDNESDAY, 1)
    full_training = weekday_after(today + datetime.timedelta(days=9), TUESDAY)
    online_training = weekday_after(today + datetime.timedelta(days=16), WEDNESDAY)
    hybrid_info = weekday_after(today + datetime.timedelta(days=22), THURSDAY)
    partner_meeting = weekday_after(today + datetime.timedelta(days=30), TUESDAY)
    fair_day = weekday_after(today + datetime.timedelta(days=40), Weekday.SATURDAY)
    loehne_mp = weekday_after(today + datetime.timedelta(days=45), TUESDAY)
    language_cafe = weekday_after(today - datetime.timedelta(days=21), TUESDAY)
    cancelled_info = weekday_after(today + datetime.timedelta(days=12), WEDNESDAY)
    past_training = weekday_after(today - datetime.timedelta(days=60), TUESDAY)
    past_info = weekday_after(today - datetime.timedelta(days=33), THURSDAY)
    past_vlotho = weekday_after(today - datetime.timedelta(days=20), WEDNESDAY)
    volunteer_info = weekday_after(today + datetime.timedelta(days=26), Weekday.MONDAY)
    return [
        {
            "slug": "meeting-point-herford",
            "title": "Meeting Point Herford – Arbeitgeber treffen Geflüchtete",
            "kind": EventKind.MEETING_POINT,
            "teaser": (
                "Jeden letzten Donnerstag im Monat: Betriebe stellen sich, ihre offenen Stellen "
                "und Ausbildungsplätze vor und kommen mit geflüchteten Bewerberinnen und "
                "Bewerbern ins Gespräch."
            ),
            "description": (
                "<p>Der Arbeitgeberservice der Agentur für Arbeit und des Jobcenters lädt "
                "Betriebe aus dem Kreis Herford ein. Sie stellen an einem Tisch Ihr Unternehmen "
                "vor und bringen Ihre Angebote mit – Praktika, Einstiegsqualifizierungen, "
                "Ausbildungsplätze und Stellen – mit dem Sprachniveau, das Sie erwarten.</p>"
                "<p>Das Team des Integration Point bereitet die Bewerberinnen und Bewerber vor; "
                "Dolmetscherinnen für Arabisch, Dari/Farsi, Ukrainisch und Tigrinya sind vor "
                "Ort. Fragen zu Beschäftigungserlaubnis und Förderung beantworten wir direkt.</p>"
                + DEMO_NOTE
            ),
            "start": at(mp_first, 16),
            "end": at(mp_first, 19),
            "recurrence": Recurrence.MONTHLY,
            "recurrence_week": -1,
            "recurrence_weekdays": [THURSDAY],
            "capacity": 12,
            "max_attendees": 3,
            "mode": AttendanceMode.ON_SITE,
            "languages": "Deutsch, Englisch",
            "interpretation": "Arabisch, Dari/Farsi, Ukrainisch, Tigrinya",
            "step_free": True,
            "_org": "aa-herford",
            "_place": "aa-herford",
            "_geo": "herford",
            "_audiences": ["employers", "refugees"],
            "_topics": ["arbeitsvermittlung", "ausbildung", "arbeitgeberberatung"],
            # The second date from today on is cancelled (a RECURRENCE-ID with CANCELLED).
            "_cancel_nth": 1,
            "_cancel_note": "Entfällt wegen der Betriebsversammlung der Agentur für Arbeit.",
            # The third date from today on is in the small hall: fewer tables than usual.
            "_small_date": (2, 6, "Im kleinen Saal: nur sechs Tische."),
        },
        {
            "slug": "meeting-point-buende",
            "title": "Meeting Point Bünde – Handwerk und Industrie",
            "kind": EventKind.MEETING_POINT,
            "teaser": (
                "Jeden ersten Mittwoch im Monat in der Geschäftsstelle Bünde: Handwerks- und "
                "Industriebetriebe aus dem Elsetal suchen Auszubildende und Fachkräfte."
            ),
            "description": (
                "<p>Ein kleiner Meeting Point mit acht Tischen. Bitte melden Sie Ihr Unternehmen "
                "mit den Angeboten an, die Sie mitbringen.</p>" + DEMO_NOTE
            ),
            "start": at(buende_first, 14),
            "end": at(buende_first, 16, 30),
            "recurrence": Recurrence.MONTHLY,
            "recurrence_week": 1,
            "recurrence_weekdays": [WEDNESDAY],
            "recurrence_count": 6,
            "capacity": 8,
            "max_attendees": 2,
            "step_free": False,
            "_org": "jc-buende",
            "_place": "jc-buende",
            "_geo": "buende",
            "_audiences": ["employers", "refugees"],
            "_topics": ["arbeitsvermittlung", "ausbildung"],
        },
        {
            "slug": "schulung-beschaeftigungsduldung-ausbildungsduldung",
            "title": "Schulung: Beschäftigungs- und Ausbildungsduldung in der Praxis",
            "kind": EventKind.TRAINING,
            "teaser": (
                "Für Fachkräfte der Partner: §§ 60c und 60d AufenthG, die Ausbildungs-"
                "Aufenthaltserlaubnis nach § 16g und was bei der Beschäftigungserlaubnis zu "
                "beachten ist. Ausgebucht – Anmeldungen kommen auf die Warteliste."
            ),
            "description": (
                "<p>Referentin: Ausländerbehörde Kreis Herford. Mit Fallbeispielen aus dem "
                "Integration Point und Zeit für Ihre Fragen.</p>" + DEMO_NOTE
            ),
            "start": at(full_training, 9),
            "end": at(full_training, 12, 30),
            "capacity": 10,
            "visibility": Visibility.PARTNERS,
            "step_free": True,
            "_org": "abh-kreis",
            "_place": "abh-kreis",
            "_geo": "herford",
            "_audiences": ["partner-staff"],
            "_topics": ["aufenthalt-beschaeftigung", "ausbildung"],
            "_full": True,
        },
        {
            "slug": "online-schulung-chancenkarte-westbalkanregelung",
            "title": "Online-Schulung: Chancenkarte und Westbalkanregelung",
            "kind": EventKind.TRAINING,
            "teaser": (
                "Zwei Stunden online: wer die Chancenkarte bekommt, wie die Westbalkanregelung "
                "seit 2024 funktioniert und wo die Zuständigkeiten liegen."
            ),
            "description": (
                "<p>Die Einwahldaten erhalten Sie mit der Anmeldebestätigung.</p>" + DEMO_NOTE
            ),
            "start": at(online_training, 10),
            "end": at(online_training, 12),
            "capacity": 40,
            "mode": AttendanceMode.ONLINE,
            "online_url": "https://konferenz.example/ip-herford/chancenkarte",
            "_org": "aa-herford",
            "_audiences": ["partner-staff"],
            "_topics": ["aufenthalt-beschaeftigung", "arbeitsvermittlung"],
        },
        {
            "slug": "infoabend-arbeitgeber-gefluechtete-ausbilden",
            "title": "Infoabend für Arbeitgeber: Geflüchtete ausbilden",
            "kind": EventKind.INFORMATION,
            "teaser": (
                "Einstiegsqualifizierung, AsA flex, Ausbildungsduldung: wie Betriebe "
                "geflüchtete Auszubildende gewinnen und begleiten. Im Kreishaus und online."
            ),
            "description": (
                "<p>Mit Beiträgen der Handwerkskammer, der IHK und des Arbeitgeberservice. "
                "Sie können vor Ort im Kreishaus oder online teilnehmen.</p>" + DEMO_NOTE
            ),
            "start": at(hybrid_info, 18),
            "end": at(hybrid_info, 20),
            "capacity": 60,
            "mode": AttendanceMode.HYBRID,
            "online_url": "https://konferenz.example/ip-herford/ausbildung",
            "address": "Kreishaus Herford, Großer Sitzungssaal, Amtshausstraße 3, 32051 Herford",
            "_municipality": "herford",
            "_geo": "herford",
            "step_free": True,
            "interpretation": "Gebärdensprache auf Anfrage",
            "_org": "uv-herford",
            "_audiences": ["employers"],
            "_topics": ["ausbildung", "arbeitgeberberatung"],
        },
        {
            "slug": "netzwerktreffen-integration-point",
            "title": "Netzwerktreffen der Partner im Integration Point",
            "kind": EventKind.TRAINING,
            "teaser": "Internes Treffen: Fallbesprechungen, Zuständigkeiten, neue Verfahren.",
            "description": "<p>Nur für Fachkräfte der Partner.</p>" + DEMO_NOTE,
            "start": at(partner_meeting, 13, 30),
            "end": at(partner_meeting, 15, 30),
            "capacity": 25,
            "visibility": Visibility.PARTNERS,
            "_org": "ki-kreis",
            "_place": "ki-kreis",
            "_geo": "herford",
            "_audiences": ["partner-staff"],
            "_topics": ["arbeitsvermittlung"],
        },
        {
            "slug": "ausbildungstag-berufskolleg-am-wall",
            "title": "Ausbildungstag am Berufskolleg am Wall",
            "kind": EventKind.INFORMATION,
            "all_day": True,
            "teaser": (
                "Ganztägig: Ausbildungsberufe zum Anfassen, Beratung zur Anerkennung und zur "
                "Sprachförderung. Ohne Anmeldung."
            ),
            "description": "<p>Eintritt frei, keine Anmeldung nötig.</p>" + DEMO_NOTE,
            "start": at(fair_day, 0),
            "end": at(fair_day, 23, 59),
            "capacity": None,
            "_org": "bk-herford",
            "_place": "bk-herford",
            "_geo": "herford",
            "_audiences": ["refugees", "employers"],
            "_topics": ["ausbildung", "schule"],
        },
        {
            "slug": "meeting-point-loehne-pflege-gesundheit",
            "title": "Meeting Point Löhne – Pflege und Gesundheit",
            "kind": EventKind.MEETING_POINT,
            "teaser": (
                "Pflegedienste, Kliniken und Praxen aus Löhne und Umgebung treffen Bewerberinnen "
                "und Bewerber mit Erfahrung oder Interesse an Pflegeberufen."
            ),
            "description": "<p>Mit Beratung zur Anerkennung von Pflegeabschlüssen.</p>" + DEMO_NOTE,
            "start": at(loehne_mp, 15),
            "end": at(loehne_mp, 18),
            "capacity": 10,
            "max_attendees": 2,
            "registration_opens": at(loehne_mp - datetime.timedelta(days=30), 8),
            "_org": "jc-loehne",
            "_place": "jc-loehne",
            "_geo": "loehne",
            "_audiences": ["employers", "refugees"],
            "_topics": ["arbeitsvermittlung", "gesundheit", "anerkennung"],
        },
        {
            "slug": "sprachcafe-kommunales-integrationszentrum",
            "title": "Sprachcafé im Kommunalen Integrationszentrum",
            "kind": EventKind.INFORMATION,
            "teaser": (
                "Dienstags und donnerstags Deutsch sprechen üben – mit Ehrenamtlichen, ohne "
                "Anmeldung."
            ),
            "description": "<p>Kaffee und Tee gibt es vor Ort.</p>" + DEMO_NOTE,
            "start": at(language_cafe, 16),
            "end": at(language_cafe, 17, 30),
            "recurrence": Recurrence.WEEKLY,
            "recurrence_weekdays": [TUESDAY, THURSDAY],
            "recurrence_count": 16,
            "capacity": None,
            "_org": "ki-kreis",
            "_place": "ki-kreis",
            "_geo": "herford",
            "_audiences": ["refugees", "volunteers"],
            "_topics": ["sprachfoerderung", "ehrenamt"],
            "_exception_offset_days": 14,
        },
        {
            "slug": "infoabend-wohnungssuche",
            "title": "Infoabend: Wohnungssuche mit Wohnberechtigungsschein",
            "kind": EventKind.INFORMATION,
            "teaser": "Abgesagt – ein neuer Termin folgt.",
            "description": "<p>Die Veranstaltung wurde abgesagt.</p>" + DEMO_NOTE,
            "start": at(cancelled_info, 17),
            "end": at(cancelled_info, 19),
            "capacity": 30,
            "cancelled": True,
            "_org": "sozialamt-herford",
            "_place": "sozialamt-herford",
            "_geo": "herford",
            "_audiences": ["refugees", "volunteers"],
            "_topics": ["wohnen"],
        },
        {
            "slug": "schulung-leistungen-asylblg-sgb2-ehrenamt",
            "title": "Leistungen nach AsylbLG und SGB II – ein Überblick für Ehrenamtliche",
            "kind": EventKind.INFORMATION,
            "teaser": (
                "Wer zahlt wann? Rechtskreiswechsel, Bürgergeld, Leistungen nach dem "
                "Asylbewerberleistungsgesetz – verständlich erklärt."
            ),
            "description": "<p>Für Ehrenamtliche und Partner.</p>" + DEMO_NOTE,
            "start": at(volunteer_info, 18),
            "end": at(volunteer_info, 20),
            "capacity": 20,
            "visibility": Visibility.VOLUNTEERS,
            "_org": "fh-enger",
            "_place": "fh-enger",
            "_geo": "enger",
            "_audiences": ["volunteers"],
            "_topics": ["leistungen-asylblg", "leistungen-sgb2", "ehrenamt"],
        },
        {
            "slug": "schulung-staatsangehoerigkeitsrecht",
            "title": "Schulung: Das neue Staatsangehörigkeitsrecht",
            "kind": EventKind.TRAINING,
            "teaser": "Einbürgerung nach fünf Jahren, Mehrstaatigkeit – was sich geändert hat.",
            "description": "<p>Die Unterlagen stehen im Wissensbereich.</p>" + DEMO_NOTE,
            "start": at(past_training, 9),
            "end": at(past_training, 12),
            "capacity": 20,
            "_org": "abh-kreis",
            "_place": "abh-kreis",
            "_geo": "herford",
            "_audiences": ["partner-staff"],
            "_topics": ["aufenthalt-beschaeftigung"],
        },
        {
            "slug": "infoveranstaltung-anerkennung-berufsabschluesse",
            "title": "Infoveranstaltung: Ausländische Berufsabschlüsse anerkennen lassen",
            "kind": EventKind.INFORMATION,
            "teaser": "Wege zur Anerkennung, Kosten, Förderung und Anpassungsqualifizierung.",
            "description": "<p>Mit der Beratungsstelle Anerkennung OWL.</p>" + DEMO_NOTE,
            "start": at(past_info, 17),
            "end": at(past_info, 19),
            "capacity": 40,
            "_org": "anerkennung",
            "_place": "anerkennung",
            "_geo": "herford",
            "_audiences": ["refugees", "volunteers", "partner-staff"],
            "_topics": ["anerkennung"],
        },
        {
            "slug": "meeting-point-vlotho-gastronomie",
            "title": "Meeting Point Vlotho – Hotel und Gastronomie",
            "kind": EventKind.MEETING_POINT,
            "teaser": "Betriebe aus Hotel und Gastronomie an der Weser suchen Mitarbeitende.",
            "description": "<p>Im Sozialamt der Stadt Vlotho.</p>" + DEMO_NOTE,
            "start": at(past_vlotho, 15),
            "end": at(past_vlotho, 17),
            "capacity": 8,
            "max_attendees": 2,
            "_org": "sozialamt-vlotho",
            "_place": "sozialamt-vlotho",
            "_geo": "vlotho",
            "_audiences": ["employers", "refugees"],
            "_topics": ["arbeitsvermittlung"],
        },
    ]


def _page_fields(definition: dict) -> dict:
    fields = {k: v for k, v in definition.items() if not k.startswith("_") and k != "slug"}
    organisation, location = _directory(definition.get("_org", ""))
    fields["organiser"] = organisation
    if organisation is None:
        fields["organiser_name"] = "Integration Point Kreis Herford"
    fields["organiser_email"] = "integrationpoint@herford.example"
    place_key = definition.get("_place")
    if place_key:
        _org, place = _directory(place_key)
        fields["location"] = place
        if place is None:
            fields["address"] = "Hansastraße 33, 32049 Herford"
    municipality = definition.get("_municipality")
    if municipality:
        fields["municipality"] = Municipality.objects.filter(slug=municipality).first()
    geo = definition.get("_geo")
    if geo and fields.get("mode") != AttendanceMode.ONLINE:
        fields["latitude"], fields["longitude"] = GEO[geo]
    fields["audiences"] = _terms(Audience, definition.get("_audiences", []))
    fields["topics"] = _terms(Topic, definition.get("_topics", []))
    defaults = {
        "recurrence": "",
        "recurrence_week": None,
        "recurrence_weekdays": [],
        "recurrence_count": None,
        "recurrence_until": None,
        "exception_dates": [],
        "mode": AttendanceMode.ON_SITE,
        "online_url": "",
        "address": "",
        "all_day": False,
        "cancelled": False,
        "visibility": Visibility.PUBLIC,
        "max_attendees": 3,
        "registration_opens": None,
        "registration_closes": None,
        "languages": "Deutsch",
        "interpretation": "",
        "step_free": False,
        "search_description": definition.get("teaser", "")[:250],
    }
    for key, value in defaults.items():
        fields.setdefault(key, value)
    return fields


def _schedule_extras(definition: dict, fields: dict, today: datetime.date) -> None:
    """Exception dates and the cancelled date of a series, computed from its rule."""
    if not fields["recurrence"]:
        fields["overrides"] = []
        return
    probe = EventPage(**{k: v for k, v in fields.items() if k not in {"audiences", "topics"}})
    starts = probe.scheduled_starts(horizon=at(today, 0) + datetime.timedelta(days=400))
    offset = definition.get("_exception_offset_days")
    if offset:
        target = today + datetime.timedelta(days=offset)
        day = next((s.date() for s in starts if s.date() >= target), None)
        if day:
            fields["exception_dates"] = [day.isoformat()]
    nth = definition.get("_cancel_nth")
    overrides = []
    upcoming = [s for s in starts if s.date() >= today]
    small = definition.get("_small_date")
    if small is not None and len(upcoming) > small[0]:
        index, seats, note = small
        overrides.append(
            OccurrenceOverride(original_start=upcoming[index], capacity=seats, note=note)
        )
    if nth is not None:
        if len(upcoming) > nth:
            overrides.append(
                OccurrenceOverride(
                    original_start=upcoming[nth],
                    cancelled=True,
                    note=definition.get("_cancel_note", ""),
                )
            )
    fields["overrides"] = overrides


# --- registrations -------------------------------------------------------------------------


def _register(occurrence, *, email, status, user=None, checked_in=False, **fields) -> bool:
    """One registration, created or updated by (date, e-mail). True when it was new."""
    registration, created = Registration.objects.update_or_create(
        occurrence=occurrence,
        email=email,
        defaults={
            "user": user,
            "status": status,
            "checked_in_at": occurrence.start if checked_in else None,
            **fields,
        },
    )
    return created


#: The demo logins that register (see portal/demo_data.py): name and organisation.
DEMO_LOGINS = {
    "personal@tischlerei-brinkmann.example": {
        "name": "Jens Brinkmann",
        "organisation": "Tischlerei Brinkmann GmbH (Demo)",
        "phone": "05221 000000",
    },
    "s.yilmaz@jobcenter-herford.example": {
        "name": "Selin Yılmaz",
        "organisation": "Jobcenter Kreis Herford",
    },
}


def _register_login(occurrence, user, status, **fields) -> bool:
    """A registration of a demo login (nothing when the login does not exist)."""
    if user is None:
        return False
    data = {**DEMO_LOGINS[user.email], **fields}
    return _register(occurrence, email=user.email, user=user, status=status, **data)


def _company(index: int, *, offers: int = 1) -> dict:
    name, contact, field, level = COMPANIES[index % len(COMPANIES)]
    kinds = ["apprenticeship", "job", "internship"]
    return {
        "organisation": name,
        "name": contact,
        "phone": f"+49 5221 555-{300 + index:03d}",
        "attendees": 1 + index % 2,
        "offers": [
            {
                "kind": kinds[(index + n) % 3],
                "count": 1 + (index + n) % 3,
                "field": field,
                "german_level": level,
            }
            for n in range(offers)
        ],
        "needs_table": True,
        "needs_interpreter": index % 3 == 0,
    }


def _company_email(index: int) -> str:
    slug = COMPANIES[index % len(COMPANIES)][0].split(" (")[0].lower()
    for old, new in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), (" ", "-")):
        slug = slug.replace(old, new)
    return f"personal@{slug.replace('--', '-')}.example"


def _staff(index: int) -> dict:
    name, organisation, domain = STAFF[index % len(STAFF)]
    local = name.lower().split()[-1]
    for old, new in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("ı", "i")):
        local = local.replace(old, new)
    return {"name": name, "organisation": organisation, "email": f"{local}@{domain}"}


def _registrations(events: dict[str, EventPage]) -> int:
    user_model = get_user_model()
    employer = user_model.objects.filter(email="personal@tischlerei-brinkmann.example").first()
    partner = user_model.objects.filter(email="s.yilmaz@jobcenter-herford.example").first()
    now = timezone.now()
    count = 0

    def occurrences(slug):
        return list(events[slug].occurrences.filter(detached=False).order_by("start"))

    # Meeting Point Herford: past dates with attendance, the next one full with a waiting
    # list (the demo employer among the confirmed), the date after it open.
    herford = occurrences("meeting-point-herford")
    upcoming = [o for o in herford if o.start > now and not o.cancelled]
    for occurrence in [o for o in herford if o.end < now]:
        for index in range(6):
            count += _register(
                occurrence,
                email=_company_email(index),
                status=Registration.Status.CONFIRMED,
                checked_in=index != 4,
                **_company(index),
            )
    if upcoming:
        first = upcoming[0]
        count += _register_login(
            first,
            employer,
            Registration.Status.CONFIRMED,
            attendees=2,
            offers=[
                {
                    "kind": "apprenticeship",
                    "count": 2,
                    "field": "Tischler/in",
                    "german_level": "B1",
                },
                {"kind": "internship", "count": 1, "field": "Werkstatt", "german_level": "A2"},
            ],
            needs_table=True,
            comment="Wir bringen ein Werkstück zum Anfassen mit.",
        )
        for index in range(1, 8):  # 3 × 2 + 4 × 1 seats: full at 12 with the employer's 2
            party = {**_company(index), "attendees": 2 if index <= 3 else 1}
            count += _register(
                first, email=_company_email(index), status=Registration.Status.CONFIRMED, **party
            )
        for index in range(8, 10):
            count += _register(
                first,
                email=_company_email(index),
                status=Registration.Status.WAITING,
                **_company(index),
            )
    if len(upcoming) > 1:
        for index in range(3):
            count += _register(
                upcoming[1],
                email=_company_email(index + 5),
                status=Registration.Status.CONFIRMED,
                **_company(index + 5, offers=2),
            )

    # Meeting Point Bünde: a few companies on the next date.
    buende = [o for o in occurrences("meeting-point-buende") if o.start > now]
    if buende:
        for index in (4, 5, 8):
            count += _register(
                buende[0],
                email=_company_email(index),
                status=Registration.Status.CONFIRMED,
                **_company(index),
            )

    # The full training: ten confirmed, three waiting – the demo partner first in line.
    (training,) = occurrences("schulung-beschaeftigungsduldung-ausbildungsduldung")
    for index in range(10):
        count += _register(training, status=Registration.Status.CONFIRMED, **_staff(index))
    count += _register_login(training, partner, Registration.Status.WAITING)
    for index in (10, 11):
        count += _register(training, status=Registration.Status.WAITING, **_staff(index))

    # The online training: the demo partner is registered.
    (online,) = occurrences("online-schulung-chancenkarte-westbalkanregelung")
    count += _register_login(online, partner, Registration.Status.CONFIRMED)
    for index in range(3, 9):
        count += _register(online, status=Registration.Status.CONFIRMED, **_staff(index))

    # The hybrid information evening: the demo employer and a few companies.
    (hybrid,) = occurrences("infoabend-arbeitgeber-gefluechtete-ausbilden")
    count += _register_login(hybrid, employer, Registration.Status.CONFIRMED)
    for index in range(2, 7):
        company = _company(index)
        count += _register(
            hybrid,
            email=_company_email(index),
            status=Registration.Status.CONFIRMED,
            name=company["name"],
            organisation=company["organisation"],
            phone=company["phone"],
        )

    # Past events: attendance lists for the archive.
    for slug, make, size in (
        ("schulung-staatsangehoerigkeitsrecht", _staff, 14),
        ("meeting-point-vlotho-gastronomie", _company, 5),
    ):
        (past,) = occurrences(slug)
        for index in range(size):
            data = make(index)
            email = data.pop("email", None) or _company_email(index)
            count += _register(
                past,
                email=email,
                status=Registration.Status.CONFIRMED,
                checked_in=index % 5 != 0,
                **data,
            )
    return count


def load(ctx: DemoContext) -> None:
    index = ensure_page(
        ctx.data["home"],
        EventIndexPage,
        slug="veranstaltungen",
        title="Veranstaltungen",
        show_in_menus=True,
        intro=(
            "Schulungen für Fachkräfte der Partner, Meeting Points, bei denen Arbeitgeber "
            "geflüchtete Bewerberinnen und Bewerber kennenlernen, und Informationsveranstaltungen "
            "im Kreis Herford."
        ),
    )
    ctx.data["events_index"] = index
    ctx.progress("Section page /veranstaltungen/")

    today = timezone.localdate(timezone=BERLIN)
    events: dict[str, EventPage] = {}
    with services.notifications_suppressed():
        for definition in _definitions(today):
            fields = _page_fields(definition)
            _schedule_extras(definition, fields, today)
            page = ensure_page(index, EventPage, slug=definition["slug"], **fields)
            # Publishing synced the dates; sync again in case the page was already live and
            # unchanged (then no publish signal changes anything).
            services.event_schedule_sync(event=page, notify=False)
            events[definition["slug"]] = page
        ctx.progress(
            f"{len(events)} events: Meeting Points, trainings, information events "
            f"({sum(e.occurrences.filter(detached=False).count() for e in events.values())} dates)"
        )
        new = _registrations(events)
    total = Registration.objects.filter(occurrence__event__in=list(events.values())).count()
    ctx.progress(f"{total} registrations ({new} new), waiting lists and check-ins")
