"""Factories for offers: companies, offers, measures with start dates, saved searches."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from offers.models import (
    Company,
    Measure,
    MeasureStart,
    OccupationalField,
    Offer,
    OfferKind,
    OffersIndexPage,
    SavedSearch,
)
from portal.access import Visibility
from tests.directory.factories import OrganisationFactory
from tests.factories import MunicipalityFactory, section_page


def days(n: int) -> datetime.date:
    """The date ``n`` days from today (negative: in the past)."""
    return timezone.localdate() + datetime.timedelta(days=n)


def offers_index() -> OffersIndexPage:
    """The offers section page at /angebote/ below the home page (made once)."""
    return section_page(OffersIndexPage, slug="angebote", title="Stellen und Kurse")


def offer_form_data(place, **overrides) -> dict:
    """What the offer form posts: an apprenticeship in ``place`` (overrides win)."""
    data = {
        "kind": "apprenticeship",
        "occupation": "Tischler/in",
        "field": OccupationalFieldFactory().pk,
        "places": "2",
        "municipality": place.pk,
        "start_date": days(30).isoformat(),
        "german_level": "A2",
        "valid_until": days(90).isoformat(),
    }
    data.update(overrides)
    return data


class OccupationalFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OccupationalField
        django_get_or_create = ("slug",)

    name = "Handwerk"
    slug = "handwerk"


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Firma {n} GmbH")
    city = "Herford"
    municipality = factory.SubFactory(MunicipalityFactory)
    contact_person = "Erika Personal"
    contact_email = factory.Sequence(lambda n: f"personal{n}@firma.example")
    contact_phone = "+49 5221 555-100"


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    company = factory.SubFactory(CompanyFactory)
    kind = OfferKind.APPRENTICESHIP
    occupation = factory.Sequence(lambda n: f"Tischler/in {n}")
    field = factory.SubFactory(OccupationalFieldFactory)
    places = 1
    municipality = factory.SelfAttribute("company.municipality")
    german_level = "A2"
    start_date = factory.LazyFunction(lambda: days(30))
    contact_person = "Paula Privat"
    contact_email = "paula.privat@firma.example"
    contact_phone = "+49 5221 555-199"
    valid_until = factory.LazyFunction(lambda: days(60))
    visibility = Visibility.PARTNERS


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure
        skip_postgeneration_save = True

    provider = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Berufssprachkurs {n}")
    kind = "job_language_course"
    entry_level = "A2"
    exit_level = "B1"
    municipality = factory.SubFactory(MunicipalityFactory)
    visibility = Visibility.PUBLIC

    @factory.post_generation
    def starts(self, create, extracted, **kwargs):
        """``starts=[14, 100]``: start dates that many days from today (default: in 14 days)."""
        if not create:
            return
        for order, offset in enumerate(extracted if extracted is not None else [14]):
            MeasureStart.objects.create(measure=self, sort_order=order, date=days(offset))


class SavedSearchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavedSearch

    name = "Ausbildung in Herford"
    query = factory.LazyFunction(lambda: {"art": "apprenticeship"})
