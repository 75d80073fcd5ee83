"""The "Wer ist zuständig?" finder, the directory list and organisation pages at Land scale.

Volumes (issue 3): 2,000 organisations (teams inside authorities among them), 20,000 contact
persons (partners-only and public, general contacts, a few inactive), 50,000 responsibilities
(residence status / legal circle / any, one-to-ten municipalities or all, surname splits A–K /
L–Z and four-way, deputies, notes, a few inactive) over 20 districts of 10 municipalities.

Measured, anonymous and as partner staff: ``directory.selectors.find_responsible`` (what the
finder view calls) for a mix of realistic questions; the finder view through Django's test
client (form, selector, template, middleware); the directory list ``/verzeichnis/`` with
filters; organisation pages. Query counts of the three pages are checked to be constant across
the mix. Target: finder p95 < 50 ms.
"""

from __future__ import annotations

import itertools
import random
import re
from urllib.parse import parse_qs, urlencode, urlsplit

import _setup

FINDER_TARGET_MS = 50.0

#: name, weight, topic slugs it is responsible for
KIND_PROFILE = {
    "auslaenderbehoerde": (6, ["aufenthalt-beschaeftigung", "sprachfoerderung"]),
    "jobcenter": (6, ["leistungen-sgb2", "arbeitsvermittlung", "sprachfoerderung"]),
    "agentur-fuer-arbeit": (5, ["arbeitsvermittlung", "ausbildung", "arbeitgeberberatung"]),
    "sozialamt": (6, ["leistungen-asylblg", "wohnen", "gesundheit"]),
    "jugendamt": (4, ["jugendhilfe", "schule"]),
    "schulverwaltungsamt": (3, ["schule"]),
    "kommunales-integrationszentrum": (3, ["schule", "sprachfoerderung", "ehrenamt"]),
    "bamf": (1, ["sprachfoerderung", "aufenthalt-beschaeftigung"]),
    "kammer": (2, ["anerkennung", "ausbildung", "arbeitgeberberatung"]),
    "sprachkurstraeger": (8, ["sprachfoerderung"]),
    "qualifizierungstraeger": (6, ["ausbildung", "anerkennung", "arbeitsvermittlung"]),
    "berufskolleg": (4, ["schule", "ausbildung"]),
    "hochschule": (1, ["anerkennung"]),
    "wohlfahrtsverband": (10, ["aufenthalt-beschaeftigung", "wohnen", "gesundheit", "ehrenamt"]),
    "beratungsstelle": (10, ["aufenthalt-beschaeftigung", "anerkennung", "jugendhilfe"]),
    "ehrenamt": (8, ["ehrenamt", "wohnen"]),
    "arbeitgeberverband": (2, ["arbeitgeberberatung"]),
    "sonstige": (3, ["gesundheit", "wohnen"]),
}
TOWN_START = ["Ober", "Nieder", "Alt", "Neu", "Bad ", "Groß", "Klein", "Hohen", "Stein", "Wald"]
TOWN_END = ["feld", "dorf", "hausen", "heim", "burg", "berg", "stadt", "hagen", "kirchen", "rode"]
DISTRICTS = [
    "Lippe",
    "Minden-Lübbecke",
    "Gütersloh",
    "Paderborn",
    "Höxter",
    "Soest",
    "Unna",
    "Warendorf",
    "Coesfeld",
    "Borken",
    "Steinfurt",
    "Recklinghausen",
    "Wesel",
    "Kleve",
    "Viersen",
    "Heinsberg",
    "Düren",
    "Euskirchen",
    "Olpe",
]
FUNCTIONS = [
    "Sachbearbeitung",
    "Teamleitung",
    "Beratung",
    "Integrationsfachkraft",
    "Fallmanagement",
    "Leistungssachbearbeitung",
    "Koordination",
    "Arbeitgeber-Service",
]
MORE_FAMILY = [
    "von der Heide",
    "al-Hassan",
    "Özdemir",
    "Müller",
    "Schäfer",
    "Yilmaz",
    "Kowalski",
    "Nguyen",
    "Petrenko",
    "ter Horst",
    "Zimmermann",
    "Lange",
    "Demir",
    "Ivanova",
    "Haddad",
]
SPLITS = [[("A", "K"), ("L", "Z")], [("A", "F"), ("G", "M"), ("N", "S"), ("T", "Z")]]
NOTES = [
    "Termine nur nach Vereinbarung.",
    "Unterlagen bitte vorab per E-Mail senden.",
    "Vertretung in den Schulferien durch das Team.",
    "",
]


def build(args, rng: random.Random) -> dict:
    """Bulk-create the synthetic directory; returns what the measurements need."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.models import Site

    from directory.demo_data import FAMILY, GIVEN, KINDS, LANGUAGES, _hours
    from directory.models import (
        ContactPerson,
        DirectoryIndexPage,
        Location,
        Organisation,
        OrganisationKind,
        Responsibility,
        surname_key,
    )
    from portal import demo_data as portal_demo
    from portal.access import Role
    from portal.models import Municipality, Region, ResidenceStatus, Topic

    n_orgs = _setup.scale(args, 2000, 60)
    contacts_per_org = 10
    responsibilities_per_org = 25

    # -- vocabulary: the demo district plus 19 more of ten municipalities each ----------------
    regions = [Region.objects.create(name="Kreis Herford", slug="kreis-herford")]
    regions += _setup.bulk_create(
        Region,
        [Region(name=f"Kreis {name}", slug=f"kreis-{i}") for i, name in enumerate(DISTRICTS)],
    )
    municipalities = [
        Municipality(name=name, slug=slug, region=regions[0], official_key=ags, sort_order=i)
        for i, (name, slug, ags, _plz) in enumerate(portal_demo.MUNICIPALITIES)
    ]
    towns = (a + b + c for c, a, b in itertools.product(["", "-Süd"], TOWN_START, TOWN_END))
    for region in regions[1:]:
        for _ in range(10):
            name = next(towns)
            municipalities.append(
                Municipality(name=f"{name}", slug=f"{region.slug}-{name.lower()}", region=region)
            )
    for m in municipalities:
        m.slug = m.slug.replace(" ", "-").replace("ß", "ss").replace("ö", "oe").replace("ü", "ue")
    municipalities = _setup.bulk_create(Municipality, municipalities)
    by_region: dict[int, list] = {}
    for m in municipalities:
        by_region.setdefault(m.region_id, []).append(m)
    topics = {
        slug: t
        for t in _setup.bulk_create(
            Topic,
            [
                Topic(name=name, slug=slug, leika_key=leika, sort_order=i)
                for i, (name, slug, leika) in enumerate(portal_demo.TOPICS)
            ],
        )
        for slug in [t.slug]
    }
    statuses = _setup.bulk_create(
        ResidenceStatus,
        [
            ResidenceStatus(
                name=name, slug=slug, legal_basis=basis, legal_circle=circle, sort_order=i
            )
            for i, (name, slug, basis, circle, _valid) in enumerate(portal_demo.RESIDENCE_STATUSES)
        ],
    )
    kinds = {
        slug: kind
        for kind in _setup.bulk_create(
            OrganisationKind,
            [
                OrganisationKind(name=name, slug=slug, sort_order=i)
                for i, (name, slug) in enumerate(KINDS)
            ],
        )
        for slug in [kind.slug]
    }
    kind_names = {slug: name for name, slug in KINDS}

    # -- organisations, teams, locations -----------------------------------------------------
    kind_slugs = list(KIND_PROFILE)
    kind_weights = [KIND_PROFILE[k][0] for k in kind_slugs]
    organisations = []
    for number in range(n_orgs):
        region = regions[number % len(regions)]
        kind = rng.choices(kind_slugs, kind_weights)[0]
        home = rng.choice(by_region[region.pk])
        organisations.append(
            Organisation(
                name=f"{kind_names[kind]} {home.name} {number}",
                abbreviation=rng.choice(["", "", "ABH", "JC", "AA", "KI", "MBE", "JMD"]),
                slug=f"org-{number}",
                kind=kinds[kind],
                description=(
                    f"{kind_names[kind]} für {region.name}. Beratung zu Aufenthalt, Arbeit, "
                    "Ausbildung und Sprachförderung. Demo-Eintrag."
                ),
                phone=f"+49 5221 555-{number:04d}",
                email=f"info{number}@org{number}.example",
                hotline=f"+49 5221 555-9{number % 1000:03d}" if number % 3 == 0 else "",
                verified_email_domains=f"org{number}.example",
                is_active=rng.random() > 0.01,
            )
        )
    organisations = _setup.bulk_create(Organisation, organisations)
    # A tenth are teams inside an authority of the same district.
    teams = []
    for number, org in enumerate(organisations):
        if number >= len(regions) and rng.random() < 0.1:
            org.parent = organisations[number % len(regions)]  # same district (number % 20)
            teams.append(org)
    Organisation.objects.bulk_update(teams, ["parent"], batch_size=2000)
    region_of = {org.pk: regions[i % len(regions)] for i, org in enumerate(organisations)}
    locations = []
    for number, org in enumerate(organisations):
        for place in range(1 if rng.random() < 0.6 else 2):
            town = rng.choice(by_region[region_of[org.pk].pk])
            locations.append(
                Location(
                    organisation=org,
                    sort_order=place,
                    name="Hauptsitz" if place == 0 else "Außenstelle",
                    street=f"Amtshausstraße {number % 90 + 1}",
                    postal_code=f"{32000 + number % 900}",
                    city=town.name,
                    municipality=town,
                    opening_hours=_hours(number),
                    opening_hours_note="Termine bitte vorher vereinbaren.",
                    step_free_access=rng.choice(["yes", "partial", "no", "unknown"]),
                    transport_note="Bushaltestelle in der Nähe.",
                )
            )
    locations = _setup.bulk_create(Location, locations, batch_size=500)
    locations_of: dict[int, list] = {}
    for loc in locations:
        locations_of.setdefault(loc.organisation_id, []).append(loc)

    # -- contact persons ---------------------------------------------------------------------
    family = FAMILY + MORE_FAMILY
    contacts = []
    for org in organisations:
        for position in range(contacts_per_org):
            general = position == 0
            contacts.append(
                ContactPerson(
                    organisation=org,
                    location=rng.choice(locations_of[org.pk]),
                    honorific=rng.choice(["Frau", "Herr", ""]),
                    given_name="Service" if general else rng.choice(GIVEN),
                    family_name="Team" if general else rng.choice(family),
                    function="Empfang" if general else rng.choice(FUNCTIONS),
                    phone=f"+49 5221 555-{rng.randrange(10000):04d}",
                    email=f"p{len(contacts)}@org{org.pk}.example",
                    languages=rng.choice(LANGUAGES),
                    consultation_hours="Mo–Do 8–12 Uhr",
                    visibility="public" if general or rng.random() < 0.35 else "partners",
                    is_general_contact=general,
                    is_active=general or rng.random() > 0.02,
                )
            )
    contacts = _setup.bulk_create(ContactPerson, contacts)
    contacts_of: dict[int, list] = {}
    for contact in contacts:
        contacts_of.setdefault(contact.organisation_id, []).append(contact)

    # -- responsibilities --------------------------------------------------------------------
    responsibilities = []
    coverage = []  # municipality lists, parallel to responsibilities (None: all)
    circles = ["sgb2", "sgb3", "asylblg"]
    for org in organisations:
        kind_slug = next(k for k, v in kinds.items() if v.pk == org.kind_id)
        org_topics = [topics[s] for s in KIND_PROFILE[kind_slug][1]]
        people = contacts_of[org.pk]
        towns = by_region[region_of[org.pk].pk]
        made = 0
        while made < responsibilities_per_org:
            topic = rng.choice(org_topics)
            roll = rng.random()
            status = rng.choice(statuses) if roll < 0.45 else None
            circle = rng.choice(circles) if 0.45 <= roll < 0.65 else ""
            if rng.random() < 0.04:
                places = None
            else:
                places = rng.sample(towns, rng.choice([1, 1, 2, 3, 5, len(towns)]))
            ranges = rng.choice(SPLITS) if rng.random() < 0.35 else [("", "")]
            note = rng.choice(NOTES)
            for low, high in ranges[: responsibilities_per_org - made]:
                contact = rng.choice(people[1:])
                deputy = rng.choice(people[1:]) if rng.random() < 0.6 else None
                if deputy is contact:
                    deputy = None
                responsibilities.append(
                    Responsibility(
                        topic=topic,
                        service_name="" if rng.random() < 0.7 else f"{topic.name} – Beratung",
                        residence_status=status,
                        legal_circle=circle,
                        all_municipalities=places is None,
                        surname_from=low,
                        surname_to=high,
                        surname_from_key=surname_key(low) if low else "",
                        # as Responsibility.save(): "~" sorts after every letter
                        surname_to_key=(surname_key(high) + "~") if high else "",
                        organisation=org,
                        contact=contact,
                        deputy=deputy,
                        note=note,
                        is_active=rng.random() > 0.03,
                    )
                )
                coverage.append(places)
                made += 1
    responsibilities = _setup.bulk_create(Responsibility, responsibilities)
    through = Responsibility.municipalities.through
    rows = [
        through(responsibility_id=r.pk, municipality_id=m.pk)
        for r, places in zip(responsibilities, coverage, strict=True)
        for m in places or ()
    ]
    _setup.bulk_create(through, rows, batch_size=5000)

    # -- the section page and a partner-staff account ----------------------------------------
    home = Site.objects.get(is_default_site=True).root_page
    home.add_child(instance=DirectoryIndexPage(title="Verzeichnis", slug="verzeichnis"))
    partner = get_user_model().objects.create_user(
        username="bench-partner@example.org", email="bench-partner@example.org"
    )
    partner.groups.add(Group.objects.get_or_create(name=Role.PARTNER_STAFF)[0])
    _setup.analyze()
    print(
        f"data: {len(organisations)} organisations ({len(teams)} teams), {len(locations)} "
        f"locations, {len(contacts)} contacts, {len(responsibilities)} responsibilities, "
        f"{len(rows)} responsibility–municipality rows, {len(municipalities)} municipalities"
    )
    return {
        "municipalities": municipalities,
        "topics": list(topics.values()),
        "statuses": statuses,
        "kinds": list(kinds.values()),
        "organisations": [o for o in organisations if o.is_active],
        "partner": partner,
        "surnames": family + ["Schmidt", "Kaya", "Ahmadi", "Wiśniewski", "Öztürk"],
    }


def finder_questions(world: dict, rng: random.Random, count: int) -> list[dict]:
    """A mix of what people ask: topic; a residence status (half), a legal circle (a sixth)
    or nothing; the municipality; a surname in six of ten questions."""
    questions = []
    for _ in range(count):
        roll = rng.random()
        status = rng.choice(world["statuses"]) if roll < 0.5 else None
        circle = rng.choice(["sgb2", "sgb3", "asylblg"]) if 0.5 <= roll < 0.67 else ""
        questions.append(
            {
                "topic": rng.choice(world["topics"]),
                "municipality": rng.choice(world["municipalities"]),
                "residence_status": status,
                "legal_circle": circle,
                "surname": rng.choice(world["surnames"]) if rng.random() < 0.6 else "",
            }
        )
    return questions


def as_params(question: dict) -> dict:
    status = question["residence_status"]
    params = {
        "thema": question["topic"].slug,
        "gemeinde": question["municipality"].slug,
        "status": status.slug
        if status
        else ("rk-" + question["legal_circle"])
        if question["legal_circle"]
        else "",
    }
    if question["surname"]:
        params["nachname"] = question["surname"]
    return params


def main() -> None:
    args = _setup.parse_args(__doc__)
    rng = random.Random(args.seed)
    with _setup.database("directory_finder", args):
        from django.contrib.auth.models import AnonymousUser
        from django.test import Client

        from directory.selectors import find_responsible

        with _setup.timed("synthetic data"):
            world = build(args, rng)
        anonymous = AnonymousUser()
        partner = world["partner"]
        questions = finder_questions(world, rng, _setup.scale(args, 400, 40))
        answers = [find_responsible(user=partner, **q) for q in questions]
        found = sum(a.found for a in answers)
        print(
            f"finder mix: {len(questions)} questions, {found} answered with a responsible "
            f"contact, {len(questions) - found} with the fallback; "
            f"{sum(len(a.matches) for a in answers) / max(found, 1):.1f} matches per answer"
        )

        def selector(user):
            return [lambda q=q: find_responsible(user=user, **q) for q in questions]

        rows = []
        runs, warmup = args.runs, args.warmup
        for label, user in (("anonymous", anonymous), ("partner staff", partner)):
            rows.append(
                _setup.measure(
                    f"finder selector, {label}",
                    selector(user),
                    runs=runs,
                    warmup=warmup,
                    target_p95=FINDER_TARGET_MS,
                )
            )

        clients = {"anonymous": Client(), "partner staff": Client()}
        clients["partner staff"].force_login(partner)
        finder_urls = [
            "/verzeichnis/wer-ist-zustaendig/?" + urlencode(as_params(q)) for q in questions
        ]
        query_counts: dict[str, set[int]] = {}

        def ok(response):
            assert response.status_code == 200, response.status_code

        def pages(client, urls):
            return [lambda u=u: client.get(u) for u in urls]

        for label, client in clients.items():
            rows.append(
                _setup.measure(
                    f"finder view, {label}",
                    pages(client, finder_urls),
                    runs=runs,
                    warmup=warmup,
                    target_p95=FINDER_TARGET_MS,
                    check=ok,
                )
            )
            sample = list(zip(questions, answers, finder_urls, strict=True))[:80]
            for question, answer, url in sample:
                shape = "answer" if answer.found else "fallback"
                shape += ", status" if question["residence_status"] else ""
                count = _setup.count_queries(lambda u=url, c=client: c.get(u))
                query_counts.setdefault(f"finder view, {label} ({shape})", set()).add(count)

        # -- the directory list with filters, and organisation pages ------------------------
        list_urls = ["/verzeichnis/", "/verzeichnis/?seite=7", "/verzeichnis/?seite=30"]
        list_urls += ["/verzeichnis/?q=Jobcenter", "/verzeichnis/?q=Herford"]
        for kind in world["kinds"][:6]:
            list_urls.append(f"/verzeichnis/?art={kind.slug}")
        for municipality in rng.sample(world["municipalities"], 6):
            list_urls.append(f"/verzeichnis/?gemeinde={municipality.slug}")
        for topic in world["topics"][:6]:
            list_urls.append(f"/verzeichnis/?thema={topic.slug}&seite=2")
        organisation_urls = [
            o.get_absolute_url()
            for o in rng.sample(world["organisations"], _setup.scale(args, 60, 10))
        ]
        for label, client in clients.items():
            rows.append(
                _setup.measure(
                    f"directory list, {label}",
                    pages(client, list_urls),
                    runs=max(runs // 3, 10),
                    warmup=warmup,
                    check=ok,
                )
            )
            for url in list_urls:
                shape = "+".join(sorted(k for k in parse_qs(urlsplit(url).query))) or "no filter"
                body = client.get(url).content.decode()
                if re.search(r'id="results-title">\s*0\b', body):
                    shape += ", no results"  # no page of rows: no prefetch queries
                count = _setup.count_queries(lambda u=url, c=client: c.get(u))
                query_counts.setdefault(f"directory list, {label} ({shape})", set()).add(count)
            rows.append(
                _setup.measure(
                    f"organisation page, {label}",
                    pages(client, organisation_urls),
                    runs=max(runs // 3, 10),
                    warmup=warmup,
                    check=ok,
                )
            )
            query_counts[f"organisation page, {label}"] = {
                _setup.count_queries(lambda u=u, c=client: c.get(u)) for u in organisation_urls
            }

        _setup.print_table(rows)
        print("SQL queries per request over the mix (one value = constant):")
        for label, counts in query_counts.items():
            print(f"  {label}: {sorted(counts)}")
        constant = all(len(c) == 1 for c in query_counts.values())
        print("query counts constant:", "yes" if constant else "NO")
        _setup.write_json(
            args,
            {
                "timings": [r.as_dict() for r in rows],
                "query_counts": {k: sorted(v) for k, v in query_counts.items()},
                "finder_found": found,
                "finder_questions": len(questions),
            },
        )


if __name__ == "__main__":
    main()
