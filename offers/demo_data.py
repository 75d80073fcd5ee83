"""Demo step of offers: 34 fictional employers of the Kreis Herford with 71 offers across the
nine municipalities and the occupational fields, 21 measures of the demo providers of the
directory, the neighbourhood of the municipalities, an employer-service login and saved
searches. Every company and measure is marked "(Demo)"; all names, people and numbers are
invented, not legal advice. Idempotent: records are keyed by ``external_key`` (``demo:``), and
dates are relative to the day of loading so that the demo always has current offers."""

from __future__ import annotations

import datetime

from django.utils import timezone

from offers.demo.data import COMPANIES, INVITED, MEASURES, NEIGHBOURS, OFFERS, PARTNERS_ONLY
from portal.access import Role, Visibility
from portal.demo import DemoContext, ensure_page, ensure_user

DEMO = "Demo-Eintrag: erfundene Angaben."


def _neighbours(municipalities) -> None:
    from offers.models import MunicipalityNeighbour

    for a, b in NEIGHBOURS:
        if a in municipalities and b in municipalities:
            MunicipalityNeighbour.objects.get_or_create(
                municipality=municipalities[a], neighbour=municipalities[b]
            )


def _employer_service_user(ctx: DemoContext):
    from allauth.account.models import EmailAddress

    from directory.models import Organisation, OrganisationMembership
    from portal.accounts.models import Membership

    user = ensure_user(
        ctx,
        role_label="Partner staff (employer service, Agentur für Arbeit)",
        email="m.arslan@aa-herford.example",
        first_name="Murat",
        last_name="Arslan",
        groups=[Role.PARTNER_STAFF],
    )
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    membership, _created = Membership.objects.update_or_create(
        user=user,
        role=Role.PARTNER_STAFF,
        defaults={"status": Membership.Status.APPROVED, "decided_at": timezone.now()},
    )
    agency = Organisation.objects.filter(slug="aa-herford").first()
    if agency is not None:
        OrganisationMembership.objects.update_or_create(
            membership=membership, defaults={"organisation": agency}
        )
    return user


def _companies(municipalities, service_user) -> dict:
    from django.contrib.auth import get_user_model

    from offers.models import Company
    from offers.services import company_for_employer

    companies = {}
    employer = get_user_model().objects.filter(email="personal@tischlerei-brinkmann.example")
    employer = employer.first()
    for number, row in enumerate(COMPANIES):
        key, name, sector, muni, street, plz, town, size, person = row
        values = {
            "name": name,
            "sector": sector,
            "description": f"{sector} in {town}. {DEMO}",
            "street": street,
            "postcode": plz,
            "city": town,
            "municipality": municipalities.get(muni),
            "size": size,
            "contact_person": person,
            "contact_email": f"bewerbung@{key}.example",
            "contact_phone": f"+49 5221 555-{400 + number:03d}",
            "is_active": True,
        }
        if key == "brinkmann" and employer is not None:
            company = company_for_employer(user=employer)
            Company.objects.filter(pk=company.pk).update(external_key=f"demo:company:{key}")
            for field, value in values.items():
                setattr(company, field, value)
            company.external_key = f"demo:company:{key}"
            company.contact_email = employer.email
            company.save()
        else:
            company, _ = Company.objects.update_or_create(
                external_key=f"demo:company:{key}",
                defaults={**values, "entered_by": service_user},
            )
            if key in INVITED and company.invitation_sent_at is None:
                company.invitation_email = values["contact_email"]
                company.invitation_sent_at = timezone.now() - datetime.timedelta(days=3)
                company.invitation_version += 1
                company.save()
        companies[key] = company
    return companies


def _offers(companies, municipalities, fields, service_user) -> int:
    from offers.models import Offer, OfferSource

    today = timezone.localdate()
    now = timezone.now()
    for index, row in enumerate(OFFERS):
        key, kind, occupation, field, places, level, start, hours, permit, needs = row
        company = companies[key]
        own_account = company.profile_id is not None
        Offer.objects.update_or_create(
            external_key=f"demo:offer:{index}",
            defaults={
                "company": company,
                "kind": kind,
                "occupation": occupation,
                "field": fields.get(field),
                "places": places,
                "municipality": company.municipality,
                "description": f"{occupation} bei {company.name}. {DEMO}",
                "start_date": None if start is None else today + datetime.timedelta(days=start),
                "hours_per_week": hours,
                "german_level": level,
                "requirements": needs,
                "supports_work_permit": permit,
                "contact_person": company.contact_person,
                "contact_email": company.contact_email,
                "contact_phone": company.contact_phone,
                # A few run out within the week, so that the renewal reminder has work.
                "valid_until": today
                + datetime.timedelta(days=5 if index % 11 == 3 else 60 + index),
                "visibility": Visibility.PARTNERS if index in PARTNERS_ONLY else Visibility.PUBLIC,
                "source": OfferSource.EMPLOYER if own_account else OfferSource.EMPLOYER_SERVICE,
                "created_by": None if own_account else service_user,
                "withdrawn_at": None,
                # Spread over the last ten months, so that the statistics show a history.
                "created_at": now - datetime.timedelta(days=(index * 9) % 300),
            },
        )
    # Offers of the past: expired and withdrawn ones, for the statistics' history.
    history = [
        ("moebelwerk-else", "job", "Lagerhelfer/in Saison", "logistik", 5, 200, 120, False),
        ("hotel-vlothoer-hof", "job", "Aushilfe Sommersaison", "gastronomie", 3, 280, 190, False),
        ("spedition-ravensberg", "job", "Beifahrer/in", "logistik", 2, 150, 40, True),
        ("autohaus-meyer", "internship", "Praktikum Autoaufbereitung", "kfz", 1, 240, 150, True),
        (
            "gebaeudeservice-blitzblank",
            "job",
            "Reinigungskraft Klinik",
            "reinigung",
            4,
            180,
            60,
            False,
        ),
        ("bau-stork", "job", "Helfer/in Tiefbau", "bau", 3, 300, 200, True),
    ]
    for number, (key, kind, occupation, field, places, created, ended, withdrawn) in enumerate(
        history
    ):
        company = companies[key]
        end = today - datetime.timedelta(days=ended)
        Offer.objects.update_or_create(
            external_key=f"demo:offer:past:{number}",
            defaults={
                "company": company,
                "kind": kind,
                "occupation": occupation,
                "field": fields.get(field),
                "places": places,
                "municipality": company.municipality,
                "german_level": "A2",
                "valid_until": end,
                "visibility": Visibility.PARTNERS,
                "source": OfferSource.EMPLOYER_SERVICE,
                "created_by": service_user,
                "created_at": now - datetime.timedelta(days=created),
                "withdrawn_at": now - datetime.timedelta(days=ended) if withdrawn else None,
                "expiry_notice_sent_at": now - datetime.timedelta(days=ended),
            },
        )
    return len(OFFERS)


def _measures(municipalities, fields, statuses) -> int:
    from directory.models import ContactPerson, Location, Organisation
    from offers.models import Measure, MeasureStart
    from portal.models import Audience, Topic

    today = timezone.localdate()
    refugees = list(Audience.objects.filter(slug="refugees"))
    language = list(Topic.objects.filter(slug="sprachfoerderung"))
    count = 0
    for row in MEASURES:
        (
            key,
            provider_key,
            title,
            kind,
            entry,
            exit_,
            continuous,
            starts,
            weeks,
            hours,
            mode,
            muni,
            address,
            funding,
            seats,
            status_slugs,
            field_slugs,
        ) = row
        provider = Organisation.objects.filter(external_key=f"demo:{provider_key}").first()
        if provider is None:
            continue
        location = (
            None
            if address
            else Location.objects.filter(external_key=f"demo:{provider_key}:main").first()
        )
        contact = ContactPerson.objects.filter(external_key=f"demo:{provider_key}:0").first()
        measure, _ = Measure.objects.update_or_create(
            external_key=f"demo:measure:{key}",
            defaults={
                "provider": provider,
                "title": title,
                "kind": kind,
                "description": f"{title.removesuffix(' (Demo)')}. {DEMO}",
                "target_group_note": "",
                "entry_level": entry,
                "exit_level": exit_,
                "continuous_entry": continuous,
                "duration_weeks": weeks,
                "hours_per_week": hours,
                "mode": mode,
                "location": location,
                "address": address,
                "municipality": municipalities.get(muni) if muni else None,
                "funding": funding,
                "free_seats": seats,
                "contact": contact,
                "contact_note": f"Anmeldung telefonisch unter {provider.phone}.",
                "visibility": Visibility.PUBLIC,
                "is_active": True,
            },
        )
        MeasureStart.objects.filter(measure=measure).delete()
        for order, offset in enumerate(starts):
            MeasureStart.objects.create(
                measure=measure, sort_order=order, date=today + datetime.timedelta(days=offset)
            )
        measure.audiences.set(refugees)
        measure.residence_statuses.set(
            [statuses[s] for s in status_slugs.split(",") if s in statuses]
        )
        measure.occupational_fields.set([fields[s] for s in field_slugs.split(",") if s in fields])
        if kind in ("integration_course", "job_language_course"):
            measure.topics.set(language)
        measure.save()
        count += 1
    return count


def _meeting_point_offers() -> int:
    """The events demo writes its registrations directly (no signal): make their offers
    standing offers here, as the signal would (idempotent: existing ones are linked)."""
    from events.choices import EventKind
    from events.models import Registration
    from offers.services import offers_from_registration

    recent = timezone.now() - datetime.timedelta(days=30)  # older Meeting Points are history
    registrations = Registration.objects.active().filter(
        occurrence__event__kind=EventKind.MEETING_POINT, occurrence__end__gte=recent
    )
    count = 0
    for pk in registrations.exclude(offers=[]).values_list("pk", flat=True):
        count += len(offers_from_registration(registration_id=pk))
    return count


def _saved_searches() -> None:
    """One saved search of the demo partner, created as the site creates one: what it matches
    today counts as seen, so that loading the demo e-mails nobody."""
    from django.contrib.auth import get_user_model

    from offers.models import SavedSearch
    from offers.services import saved_search_create

    partner = get_user_model().objects.filter(email="s.yilmaz@jobcenter-herford.example").first()
    name = "Ausbildung, Herford und Umgebung, A2"
    if partner is None or SavedSearch.objects.filter(user=partner, name=name).exists():
        return
    saved_search_create(
        user=partner,
        name=name,
        query={"art": "apprenticeship", "gemeinde": "herford", "umgebung": "on", "deutsch": "A2"},
    )


def _section_page(ctx: DemoContext) -> None:
    """The section page at /angebote/, listed after the other sections in the navigation, where
    the shell's fixed link used to be."""
    from offers.models import OffersIndexPage

    home = ctx.data["home"]
    page = ensure_page(
        home,
        OffersIndexPage,
        slug="angebote",
        title="Stellen und Kurse",
        show_in_menus=True,
    )
    last = home.get_children().in_menu().last()
    if last is not None and last.pk != page.pk:
        page.move(last, pos="right")
    ctx.progress("Section page /angebote/")


def load(ctx: DemoContext) -> None:
    from offers.models import OccupationalField
    from portal.models import Municipality, ResidenceStatus

    _section_page(ctx)

    municipalities = {m.slug: m for m in Municipality.objects.all()}
    fields = {f.slug: f for f in OccupationalField.objects.all()}
    statuses = {s.slug: s for s in ResidenceStatus.objects.all()}
    _neighbours(municipalities)
    service_user = _employer_service_user(ctx)
    companies = _companies(municipalities, service_user)
    offers = _offers(companies, municipalities, fields, service_user)
    measures = _measures(municipalities, fields, statuses)
    standing = _meeting_point_offers()
    _saved_searches()
    ctx.progress(
        f"offers: {len(companies)} employers, {offers} current offers, {measures} measures, "
        f"{standing} offers from Meeting Point registrations, {len(NEIGHBOURS)} neighbouring pairs"
    )
