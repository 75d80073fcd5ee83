"""The "Wer ist zuständig?" finder: precedence, surnames, deputies, fallbacks, visibility,
input validation and a constant number of queries."""

import pytest
from django.urls import reverse

from directory.selectors import find_responsible
from portal.models import ResidenceStatus
from tests.directory.factories import (
    ContactPersonFactory,
    LocationFactory,
    OrganisationFactory,
    ResponsibilityFactory,
)
from tests.factories import MunicipalityFactory, TopicFactory

FINDER = "/verzeichnis/wer-ist-zustaendig/"


def ask(user, world, **overrides):
    query = {
        "topic": world["topic"],
        "municipality": world["buende"],
        "residence_status": world["duldung"],
        "surname": "",
    }
    query.update(overrides)
    return find_responsible(user=user, **query)


@pytest.mark.parametrize(
    ("surname", "expected"),
    [
        ("Mansour", "Lohmeyer"),
        ("Müller", "Lohmeyer"),
        ("Ährenfeld", "Kamphenkel"),
        ("Özdemir", "Lohmeyer"),
        ("von der Heide", "Kamphenkel"),
        ("al-Hassan", "Kamphenkel"),
        ("kaya", "Kamphenkel"),
        ("Zyzik", "Lohmeyer"),
    ],
)
def test_surname_picks_the_split(world, partner_user, surname, expected):
    [match] = ask(partner_user, world, surname=surname).matches
    assert match.contact.person.family_name == expected
    assert match.deputy.person.family_name == "Nolting"


def test_without_surname_every_split_is_shown_with_a_hint(world, partner_user):
    answer = ask(partner_user, world)
    assert answer.surname_needed
    assert [m.responsibility.surname_range_label for m in answer.matches] == ["A–K", "L–Z"]


def test_residence_status_beats_legal_circle_beats_any(world, partner_user):
    circle_person = ContactPersonFactory(organisation=world["abh"], family_name="Kreisrecht")
    ResponsibilityFactory(
        topic=world["topic"],
        organisation=world["abh"],
        legal_circle="asylblg",
        contact=circle_person,
        municipalities=[world["buende"]],
    )
    other_status = ResidenceStatus.objects.create(
        name="Gestattung", slug="gestattung", legal_circle="asylblg"
    )

    by_status = ask(partner_user, world, surname="Mansour").matches
    by_circle = ask(partner_user, world, residence_status=other_status).matches
    by_any = ask(partner_user, world, residence_status=None).matches

    assert [m.contact.person.family_name for m in by_status] == ["Lohmeyer"]
    assert [m.contact.person.family_name for m in by_circle] == ["Kreisrecht"]
    assert [m.contact.person.family_name for m in by_any] == ["Team"]


def test_specific_municipality_beats_all_municipalities(world, partner_user):
    local = ContactPersonFactory(organisation=world["abh"], family_name="Ortsnah")
    ResponsibilityFactory(
        topic=world["topic"],
        organisation=world["abh"],
        contact=local,
        municipalities=[world["herford"]],
    )
    in_herford = ask(partner_user, world, residence_status=None, municipality=world["herford"])
    in_buende = ask(partner_user, world, residence_status=None)
    assert [m.contact.person.family_name for m in in_herford.matches] == ["Ortsnah"]
    assert [m.contact.person.family_name for m in in_buende.matches] == ["Team"]


def test_surname_range_beats_a_rule_for_all_surnames(world, partner_user):
    everyone = ContactPersonFactory(organisation=world["abh"], family_name="Alle")
    ResponsibilityFactory(
        topic=world["topic"],
        organisation=world["abh"],
        residence_status=world["duldung"],
        contact=everyone,
        municipalities=[world["buende"]],
    )
    [match] = ask(partner_user, world, surname="Mansour").matches
    assert match.contact.person.family_name == "Lohmeyer"


def test_partners_only_people_are_hidden_from_anonymous_visitors(world, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    [match] = ask(AnonymousUser(), world, surname="Mansour").matches
    assert match.contact.person is None and match.contact.hidden
    assert match.deputy.person is None and match.deputy.hidden
    assert match.responsibility.organisation == world["abh"]


def test_no_match_names_an_organisation_for_the_topic_with_its_general_contact(world, partner_user):
    elsewhere = MunicipalityFactory(name="Vlotho", slug="vlotho")
    world["abh"].responsibilities.update(all_municipalities=False)
    answer = ask(partner_user, world, municipality=elsewhere)
    assert not answer.found
    [organisation] = answer.fallbacks
    assert organisation == world["abh"]
    assert [c.family_name for c in organisation.general_contacts] == ["Team"]


def test_no_organisation_at_all_still_gives_the_desk(client, world):
    topic = TopicFactory(name="Wohnen", slug="wohnen")
    response = client.get(FINDER, {"thema": topic.slug, "gemeinde": "buende"})
    assert response.status_code == 200
    assert response.context["answer"].fallbacks == []
    assert "Still unsure? Ask" in response.text or "Noch unsicher?" in response.text


def test_the_answer_page_is_a_shareable_get_url(client, world, partner_user):
    client.force_login(partner_user)
    response = client.get(
        FINDER,
        {"thema": "aufenthalt", "status": "duldung", "gemeinde": "buende", "nachname": "M"},
    )
    assert response.status_code == 200
    assert "Miriam Lohmeyer" in response.text
    assert "Tobias Nolting" in response.text
    assert "private" in response["Cache-Control"]


def test_anonymous_answer_names_no_partners_only_person(client, world):
    response = client.get(
        FINDER,
        {"thema": "aufenthalt", "status": "duldung", "gemeinde": "buende", "nachname": "M"},
    )
    assert response.status_code == 200
    assert "Ausländerbehörde Kreis" in response.text
    for name in ("Lohmeyer", "Nolting", "Kamphenkel"):
        assert name not in response.text


def test_legal_circle_can_be_asked_directly(client, world, partner_user):
    client.force_login(partner_user)
    response = client.get(
        FINDER, {"thema": "aufenthalt", "status": "rk-asylblg", "gemeinde": "buende"}
    )
    assert response.status_code == 200
    assert response.context["answer"].found


@pytest.mark.parametrize(
    "params",
    [
        {"thema": "gibt-es-nicht", "gemeinde": "buende"},
        {"thema": "aufenthalt", "gemeinde": "atlantis"},
        {"thema": "aufenthalt", "gemeinde": "buende", "status": "rk-sgb99"},
        {"thema": "aufenthalt", "gemeinde": "buende", "nachname": "M" * 10_000},
        {"thema": ["a", "b"], "gemeinde": "\x00"},
        {"gemeinde": "buende"},
    ],
)
def test_bad_input_gets_form_errors_not_a_server_error(client, world, params):
    response = client.get(FINDER, params)
    assert response.status_code == 400
    # NUL bytes and over-long values are refused by the kernel before the form sees them.
    if response.context is not None:
        assert response.context["form"].errors
        assert response.context["answer"] is None


def test_empty_finder_shows_the_form(client, world):
    response = client.get(FINDER)
    assert response.status_code == 200
    assert response.context["answer"] is None


def _grow(world, size):
    topic = world["topic"]
    for number in range(size):
        organisation = OrganisationFactory()
        person = ContactPersonFactory(organisation=organisation, visibility="partners")
        ResponsibilityFactory(
            topic=topic,
            organisation=organisation,
            residence_status=world["duldung"],
            surname_from="L",
            surname_to="Z",
            contact=person,
            deputy=person,
            municipalities=[world["buende"]] if number % 2 else [],
        )


@pytest.mark.parametrize("size", [2, 12])
def test_finder_runs_a_constant_number_of_queries(
    client, world, partner_user, django_assert_num_queries, size
):
    _grow(world, size)
    client.force_login(partner_user)
    params = {"thema": "aufenthalt", "status": "duldung", "gemeinde": "buende", "nachname": "M"}
    client.get(FINDER, params)  # warm the session, site and settings caches
    with django_assert_num_queries(FINDER_QUERIES):
        response = client.get(FINDER, params)
    assert response.status_code == 200
    assert len(response.context["answer"].matches) == size // 2 + 1


#: session, user, groups, site and settings, the form's lookups and choices (statuses, topic,
#: municipality), the ranked candidates, the best tier's responsibilities with people, their
#: organisations' locations — pinned so that a new N+1 query shows up here.
FINDER_QUERIES = 14


def _grow_fallbacks(world, size):
    """``size`` organisations that deal with housing, each with a public and a partners-only
    general contact, but none responsible for housing without a residence status in Bünde."""
    topic = TopicFactory(name="Wohnen", slug="wohnen")
    for _ in range(size):
        organisation = OrganisationFactory()
        LocationFactory(organisation=organisation, municipality=world["buende"])
        for visibility in ("public", "partners"):
            ContactPersonFactory(
                organisation=organisation, is_general_contact=True, visibility=visibility
            )
        ResponsibilityFactory(
            topic=topic,
            organisation=organisation,
            residence_status=world["duldung"],
            municipalities=[world["herford"]],
        )


@pytest.mark.parametrize("size", [2, 6])
def test_finder_fallback_runs_a_constant_number_of_queries(
    client, world, django_assert_num_queries, size
):
    _grow_fallbacks(world, size)
    params = {"thema": "wohnen", "gemeinde": "buende"}
    client.get(FINDER, params)  # warm the site and settings caches
    with django_assert_num_queries(FALLBACK_QUERIES):
        response = client.get(FINDER, params)
    answer = response.context["answer"]
    assert not answer.found
    assert len(answer.fallbacks) == min(size, 3)
    assert all(len(o.general_contacts) == 1 for o in answer.fallbacks)  # the public one


#: As an anonymous visitor: site and settings, the form's lookups and choices, the (empty)
#: ranked candidates, the fallback organisations, their locations and general contacts.
FALLBACK_QUERIES = 12


def test_finder_link_is_reversible():
    assert reverse("directory:finder") == FINDER


# ---- absence and "last confirmed" (issue 14) ------------------------------------------------


def _absent(contact, days=16, note=""):
    import datetime

    from django.utils import timezone

    contact.absent_until = timezone.localdate() + datetime.timedelta(days=days)
    contact.absence_note = note
    contact.save()
    return contact.absent_until


def test_while_the_responsible_person_is_absent_the_deputy_comes_first(world, partner_user):
    until = _absent(world["lz"])
    [match] = ask(partner_user, world, surname="Müller").matches
    assert match.absent_until == until
    assert [(role, view.person) for role, view in match.people] == [
        ("deputy", world["deputy"]),
        ("contact", world["lz"]),
    ]


def test_after_the_absence_the_order_is_back_to_normal(world, partner_user):
    _absent(world["lz"], days=-1)  # the absence ended yesterday
    [match] = ask(partner_user, world, surname="Müller").matches
    assert match.absent_until is None
    assert [role for role, _view in match.people] == ["contact", "deputy"]


def test_the_answer_page_leads_with_the_deputy_and_says_until_when(client, world, partner_user):
    from django.utils import formats

    until = _absent(world["lz"], note="Elternzeit")
    client.force_login(partner_user)
    response = client.get(
        FINDER,
        {"thema": "aufenthalt", "status": "duldung", "gemeinde": "buende", "nachname": "M"},
    )
    text = response.text
    assert text.index("Tobias Nolting") < text.index("Miriam Lohmeyer</strong>")
    date = formats.date_format(until, "j. F Y")
    assert f"abwesend bis {date}" in text
    assert "Elternzeit" in text


def test_answers_say_when_the_person_was_last_confirmed(client, world, partner_user):
    import datetime

    world["lz"].verified_on = datetime.date(2026, 3, 2)
    world["lz"].save()
    client.force_login(partner_user)
    response = client.get(
        FINDER,
        {"thema": "aufenthalt", "status": "duldung", "gemeinde": "buende", "nachname": "M"},
    )
    assert "zuletzt bestätigt am 2. März 2026" in response.text
