"""The directory's demo step (run after the portal's step, as load_demo does)."""

import pytest

from directory import demo_data
from directory.models import ContactPerson, Organisation, Responsibility
from directory.selectors import find_responsible
from portal import demo_data as portal_demo
from portal.demo import DemoContext
from portal.models import Municipality, ResidenceStatus, Topic


@pytest.fixture
def directory_demo(db):
    ctx = DemoContext()
    portal_demo.load(ctx)
    demo_data.load(ctx)
    return ctx


def test_demo_fills_the_directory_and_is_idempotent(directory_demo):
    counts = (
        Organisation.objects.count(),
        ContactPerson.objects.count(),
        Responsibility.objects.count(),
    )
    assert counts[0] >= 25
    assert counts[1] >= 60
    assert counts[2] >= 80
    assert ContactPerson.objects.filter(visibility="partners").exists()
    assert Responsibility.objects.exclude(surname_from="").filter(deputy__isnull=False).exists()

    demo_data.load(directory_demo)

    assert (
        Organisation.objects.count(),
        ContactPerson.objects.count(),
        Responsibility.objects.count(),
    ) == counts


def test_demo_answers_the_showcase_question(directory_demo, partner_user):
    answer = find_responsible(
        user=partner_user,
        topic=Topic.objects.get(slug="aufenthalt-beschaeftigung"),
        residence_status=ResidenceStatus.objects.get(slug="duldung"),
        municipality=Municipality.objects.get(slug="buende"),
        surname="Mansour",
    )
    [match] = answer.matches
    assert match.contact.person.family_name == "Lohmeyer"
    assert match.contact.person.visibility == "partners"
    assert match.deputy.person.family_name == "Nolting"


def test_demo_has_an_absent_contact_with_a_deputy_and_an_internal_hotline(directory_demo):
    from django.contrib.auth.models import AnonymousUser

    from directory.selectors import organisation_detail

    absent = ContactPerson.objects.get(external_key="demo:abh-kreis-duldung-lz")
    assert absent.is_absent
    assert Responsibility.objects.filter(contact=absent, deputy__isnull=False).exists()
    abh = Organisation.objects.get(slug="abh-kreis")
    assert abh.hotline and abh.hotline_visibility == "partners"
    assert organisation_detail(user=AnonymousUser(), slug="abh-kreis").hotline == ""
