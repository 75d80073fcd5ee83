"""Factories for directory records."""

import datetime

import factory

from directory.models import (
    ContactPerson,
    Location,
    Organisation,
    OrganisationKind,
    OrganisationMembership,
    Responsibility,
)
from portal.access import Role, Visibility
from portal.accounts.models import Membership
from tests.factories import MunicipalityFactory, TopicFactory


class OrganisationKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationKind
        django_get_or_create = ("slug",)

    name = "Behörde"
    slug = "behoerde"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Amt {n}")
    slug = factory.Sequence(lambda n: f"amt-{n}")
    kind = factory.SubFactory(OrganisationKindFactory)
    phone = "+49 5221 13-0"
    email = factory.Sequence(lambda n: f"amt{n}@behoerde.example")


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    organisation = factory.SubFactory(OrganisationFactory)
    name = "Hauptsitz"
    street = "Amtshausstraße 2"
    postal_code = "32051"
    city = "Herford"
    municipality = factory.SubFactory(MunicipalityFactory)
    step_free_access = "yes"


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    organisation = factory.SubFactory(OrganisationFactory)
    given_name = "Erika"
    family_name = factory.Sequence(lambda n: f"Muster{n}")
    function = "Sachbearbeitung"
    phone = "+49 5221 13-100"
    email = factory.Sequence(lambda n: f"person{n}@behoerde.example")
    visibility = Visibility.PUBLIC
    verified_on = factory.LazyFunction(datetime.date.today)


class ResponsibilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Responsibility
        skip_postgeneration_save = True

    topic = factory.SubFactory(TopicFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    all_municipalities = True

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.all_municipalities = False
            self.save()
            self.municipalities.set(extracted)


def partner_membership(*, user, organisation, status=Membership.Status.APPROVED) -> Membership:
    """``user``'s partner staff request for ``organisation`` (approved unless ``status`` says)."""
    membership = Membership.objects.create(user=user, role=Role.PARTNER_STAFF, status=status)
    OrganisationMembership.objects.create(membership=membership, organisation=organisation)
    return membership
