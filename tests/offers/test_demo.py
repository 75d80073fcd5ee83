"""The demo step of offers (after the portal's, the directory's and the accounts' steps, as
load_demo runs them): enough employers, offers and measures across the region, idempotent."""

import pytest

from directory import demo_data as directory_demo
from offers import demo_data
from offers.models import Company, Measure, MunicipalityNeighbour, Offer, SavedSearch
from portal import demo_data as portal_demo
from portal.accounts import demo_data as accounts_demo
from portal.demo import DemoContext
from portal.models import Municipality


@pytest.fixture
def offers_demo(db):
    ctx = DemoContext()
    portal_demo.load(ctx)
    directory_demo.load(ctx)
    accounts_demo.load(ctx)
    demo_data.load(ctx)
    return ctx


def test_demo_has_30_employers_60_offers_20_measures_across_the_region(offers_demo):
    demo = Company.objects.filter(external_key__startswith="demo:")
    assert demo.count() >= 30
    assert all("(Demo)" in name for name in demo.values_list("name", flat=True))
    current = Offer.objects.current().filter(company__in=demo)
    assert current.count() >= 60
    assert current.values("municipality").distinct().count() == Municipality.objects.count() == 9
    assert current.values("field").distinct().count() >= 12
    assert current.values("kind").distinct().count() == 5
    assert current.filter(visibility="public").exists() and current.filter(visibility="partners")
    assert Offer.objects.filter(company__in=demo).exclude(pk__in=current).exists()  # history
    measures = Measure.objects.current().filter(external_key__startswith="demo:")
    assert measures.count() >= 20
    assert measures.values("provider").distinct().count() >= 7
    assert MunicipalityNeighbour.objects.count() == 15
    # The demo employer manages its company in its own account.
    brinkmann = Company.objects.get(external_key="demo:company:brinkmann")
    assert brinkmann.profile.user.email == "personal@tischlerei-brinkmann.example"
    assert SavedSearch.objects.exists()


def test_demo_is_idempotent(offers_demo):
    counts = (Company.objects.count(), Offer.objects.count(), Measure.objects.count())
    demo_data.load(offers_demo)
    assert (Company.objects.count(), Offer.objects.count(), Measure.objects.count()) == counts
