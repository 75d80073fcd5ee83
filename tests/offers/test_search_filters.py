"""The search filters, one by one, on offers and measures (the selectors behind the page)."""

import pytest

from offers.forms import SearchForm
from offers.selectors import measure_list, offer_list
from portal.access import Visibility
from tests.factories import ResidenceStatusFactory
from tests.offers.factories import MeasureFactory, OfferFactory, days

pytestmark = pytest.mark.django_db


def found(queryset):
    return sorted(str(getattr(obj, "occupation", None) or obj.title) for obj in queryset)


def search(user, **params):
    filters = SearchForm(data=params).filters()
    return found(offer_list(user=user, filters=filters)), found(
        measure_list(user=user, filters=filters)
    )


def test_german_level_means_what_suits_the_person(partner, places):
    for level in ("", "A1", "A2", "B1", "C1"):
        OfferFactory(occupation=f"Stufe {level or 'keine'}", german_level=level)
    offers, _ = search(partner, deutsch="A2")
    assert offers == ["Stufe A1", "Stufe A2", "Stufe keine"]


def test_start_within_weeks_counts_as_soon_as_possible(partner, places):
    OfferFactory(occupation="sofort", start_date=None)
    OfferFactory(occupation="in vier Wochen", start_date=days(28))
    OfferFactory(occupation="in einem halben Jahr", start_date=days(180))
    assert search(partner, beginn="13")[0] == ["in vier Wochen", "sofort"]
    assert search(partner, beginn="0")[0] == ["sofort"]


def test_municipality_with_and_without_neighbours(partner, places):
    OfferFactory(occupation="in Herford", municipality=places["herford"])
    OfferFactory(occupation="in Enger", municipality=places["enger"])
    OfferFactory(occupation="in Vlotho", municipality=places["vlotho"])
    assert search(partner, gemeinde="enger")[0] == ["in Enger"]
    assert search(partner, gemeinde="enger", umgebung="on")[0] == ["in Enger", "in Herford"]
    assert search(partner, gemeinde="herford", umgebung="on")[0] == [
        "in Enger",
        "in Herford",
        "in Vlotho",
    ]


def test_kind_field_permit_and_words(partner, places):
    OfferFactory(occupation="Koch/Köchin", kind="apprenticeship", supports_work_permit=True)
    OfferFactory(occupation="Spülkraft", kind="job")
    assert search(partner, art="job")[0] == ["Spülkraft"]
    assert search(partner, erlaubnis="on")[0] == ["Koch/Köchin"]
    assert search(partner, q="köchin")[0] == ["Koch/Köchin"]
    assert search(partner, berufsfeld="handwerk")[0] == ["Koch/Köchin", "Spülkraft"]
    assert search(partner, art="integration_course")[0] == []


def test_measures_by_status_level_place_start_and_kind(partner, places):
    duldung = ResidenceStatusFactory(slug="duldung", name="Duldung")
    gestattung = ResidenceStatusFactory(slug="gestattung", name="Gestattung")
    for_all = MeasureFactory(title="für alle", municipality=places["herford"], entry_level="")
    only_gestattung = MeasureFactory(title="nur Gestattung", municipality=places["vlotho"])
    only_gestattung.residence_statuses.set([gestattung])
    only_gestattung.save()
    MeasureFactory(title="online B2", mode="online", municipality=None, entry_level="B2")
    MeasureFactory(title="später", starts=[120], municipality=places["herford"])
    MeasureFactory(
        title="EQ laufend", kind="eq", continuous_entry=True, starts=[], municipality=None
    )
    OfferFactory(occupation="EQ im Betrieb", kind="eq")
    assert for_all.residence_statuses.count() == 0
    assert "nur Gestattung" not in search(partner, status=duldung.slug)[1]
    assert "nur Gestattung" in search(partner, status=gestattung.slug)[1]
    assert "online B2" not in search(partner, deutsch="A2")[1]
    assert search(partner, gemeinde="herford")[1] == ["für alle", "online B2", "später"]
    assert "später" not in search(partner, beginn="8")[1]
    assert "EQ laufend" in search(partner, beginn="1")[1]
    assert search(partner, art="eq") == (["EQ im Betrieb"], ["EQ laufend"])
    assert search(partner, zeigen="offers")[1] == []
    assert search(partner, zeigen="measures")[0] == []


def test_the_public_list_shows_only_published_offers(partner, places):
    OfferFactory(occupation="öffentlich", visibility=Visibility.PUBLIC)
    OfferFactory(occupation="intern", visibility=Visibility.PARTNERS)
    assert search(None)[0] == ["öffentlich"]
    assert search(partner)[0] == ["intern", "öffentlich"]
