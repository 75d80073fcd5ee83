"""Models and forms: German levels, validity, places, start dates, neighbours — bad input gets a
field error, never a server error."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from offers.forms import OfferForm, SearchForm
from offers.models import MunicipalityNeighbour, Offer, levels_up_to
from offers.selectors import municipality_ids
from tests.offers.factories import (
    CompanyFactory,
    MeasureFactory,
    OccupationalFieldFactory,
    OfferFactory,
    days,
    offer_form_data,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def herford(places):
    return places["herford"]


def test_a_complete_offer_form_is_valid(herford):
    form = OfferForm(data=offer_form_data(herford))
    assert form.is_valid(), form.errors
    assert form.offer_data()["visibility"] == "partners"
    assert OfferForm(data=offer_form_data(herford, publish="on")).is_valid()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("german_level", "Z9"),
        ("start_date", "1900-01-01"),
        ("start_date", "31.02.2027"),
        ("places", "10000"),
        ("places", "0"),
        ("places", "viele"),
        ("hours_per_week", "99"),
        ("valid_until", "1900-01-01"),
        ("valid_until", (datetime.date.today() + datetime.timedelta(days=800)).isoformat()),
        ("kind", "sabbatical"),
        ("municipality", "999999"),
        ("occupation", ""),
    ],
)
def test_bad_input_is_a_field_error(herford, field, value):
    form = OfferForm(data=offer_form_data(herford, **{field: value}))
    assert not form.is_valid()
    assert field in form.errors, form.errors


@pytest.mark.parametrize(
    ("field", "value"),
    [("german_level", "Z9"), ("start_date", datetime.date(1900, 1, 1)), ("places", 10_000)],
)
def test_the_model_refuses_the_same_values(places, field, value):
    offer = OfferFactory.build(
        company=CompanyFactory(), municipality=places["herford"], field=OccupationalFieldFactory()
    )
    setattr(offer, field, value)
    with pytest.raises(ValidationError) as error:
        offer.full_clean()
    assert field in error.value.message_dict


def test_levels_up_to_orders_the_cefr_levels():
    assert levels_up_to("A2") == ["A1", "A2"]
    assert levels_up_to("C2") == ["A1", "A2", "B1", "B2", "C1", "C2"]
    assert levels_up_to("Z9") == []


def test_current_leaves_out_expired_withdrawn_and_switched_off(db):
    current = OfferFactory()
    OfferFactory(valid_until=days(-1))
    OfferFactory(withdrawn_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    OfferFactory(company=CompanyFactory(is_active=False))
    assert list(Offer.objects.current()) == [current]
    # Valid until today means: still listed today.
    today = OfferFactory(valid_until=days(0))
    assert set(Offer.objects.current()) == {current, today}


def test_neighbours_are_read_both_ways_and_not_doubled(places):
    herford, enger, vlotho = places["herford"], places["enger"], places["vlotho"]
    assert municipality_ids(herford, nearby=True) == sorted([herford.pk, enger.pk, vlotho.pk])
    assert municipality_ids(enger, nearby=True) == sorted([herford.pk, enger.pk])
    assert municipality_ids(enger) == [enger.pk]
    with pytest.raises(ValidationError):
        MunicipalityNeighbour(municipality=herford, neighbour=enger).full_clean()
    with pytest.raises(ValidationError):
        MunicipalityNeighbour(municipality=herford, neighbour=herford).full_clean()


def test_measure_exit_level_cannot_lie_below_entry(db):
    measure = MeasureFactory(entry_level="B1", exit_level="A2")
    with pytest.raises(ValidationError) as error:
        measure.full_clean()
    assert "exit_level" in error.value.message_dict


@pytest.mark.parametrize(
    "query",
    [
        {"deutsch": "Z9"},
        {"beginn": "-3"},
        {"beginn": "drei"},
        {"gemeinde": "atlantis"},
        {"art": "sabbatical"},
        {"status": "unbekannt"},
        {"berufsfeld": "<b>"},
    ],
)
def test_search_form_rejects_unknown_values(query):
    form = SearchForm(data=query)
    assert not form.is_valid()
    assert set(form.errors) == {next(iter(query))}


def test_company_gets_a_unique_url_key(db):
    first = CompanyFactory(name="Bäckerei Müller")
    second = CompanyFactory(name="Bäckerei Müller")
    assert first.slug == "backerei-muller"
    assert second.slug == "backerei-muller-2"
    assert first.get_absolute_url() == "/angebote/firma/backerei-muller/"
