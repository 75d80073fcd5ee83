"""Factories for test data (never the demo data)."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.models import Audience, Municipality, Region, ResidenceStatus, Topic


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    username = factory.SelfAttribute("email")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person{n}")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set([Group.objects.get_or_create(name=str(name))[0] for name in extracted])
        if create:
            self.save()


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)

    name = "Kreis Teststadt"
    slug = "kreis-teststadt"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Gemeinde {n}")
    slug = factory.Sequence(lambda n: f"gemeinde-{n}")
    region = factory.SubFactory(RegionFactory)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


class AudienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Audience
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Zielgruppe {n}")
    slug = factory.Sequence(lambda n: f"zielgruppe-{n}")


class ResidenceStatusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResidenceStatus
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Status {n}")
    slug = factory.Sequence(lambda n: f"status-{n}")


def section_page(model, *, slug: str, title: str):
    """The one ``model`` section page below the default site's home page, made on first use."""
    from wagtail.models import Site

    existing = model.objects.first()
    if existing:
        return existing
    home = Site.objects.get(is_default_site=True).root_page
    return home.add_child(instance=model(title=title, slug=slug))
