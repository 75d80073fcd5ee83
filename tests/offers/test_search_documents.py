"""Offers and measures in the unified search, on both engines: with their visibility, without
personal data, and an expired offer not findable."""

import uuid

import pytest

from portal.access import Visibility
from search import engine as engine_module
from search import services
from search.contract import search
from search.models import SearchDocument
from tests.offers.factories import CompanyFactory, MeasureFactory, OfferFactory, days

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["database", "elasticsearch"])
def engine(request, settings, db):
    engine_module._last_probe.clear()
    if request.param == "database":
        settings.ELASTICSEARCH_URL = None
        yield "database"
        return
    settings.ELASTICSEARCH_URL = request.getfixturevalue("elasticsearch_url")
    settings.ELASTICSEARCH_INDEX_PREFIX = f"test-offers-{uuid.uuid4().hex[:8]}"
    settings.SEARCH_REFRESH_ON_WRITE = True
    yield "elasticsearch"
    from search.backends import elastic

    es = elastic.client()
    names = list(es.indices.get(index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}-*").keys())
    if names:
        es.indices.delete(index=",".join(names))
    engine_module._last_probe.clear()


def rebuild(engine_name):
    services.database_rebuild()
    if engine_name == "elasticsearch":
        services.elasticsearch_reindex()


def titles(results):
    return [hit.title for hit in results.hits]


def test_offers_and_measures_are_found_with_their_visibility(engine, places, partner):
    company = CompanyFactory(name="Dachdeckerei Hoch", municipality=places["herford"])
    OfferFactory(company=company, occupation="Dachdecker/in", visibility=Visibility.PUBLIC)
    OfferFactory(company=company, occupation="Zimmerer/Zimmerin", visibility=Visibility.PARTNERS)
    OfferFactory(
        company=company,
        occupation="Klempner/in",
        valid_until=days(-1),
        visibility=Visibility.PUBLIC,
    )
    MeasureFactory(title="Orientierungskurs Handwerk", visibility=Visibility.PUBLIC)
    rebuild(engine)
    assert any("Dachdecker/in" in t for t in titles(search("Dachdecker", user=None)))
    assert not search("Zimmerer", user=None).hits
    assert any("Zimmerer" in t for t in titles(search("Zimmerer", user=partner)))
    assert not search("Klempner", user=partner).hits
    hits = search("Orientierungskurs", user=None).hits
    assert [hit.kind for hit in hits] == ["measure"] and hits[0].icon == "school"
    assert not search("Paula Privat", user=partner).hits


def test_the_document_carries_facets_and_no_contact(places):
    offer = OfferFactory(
        municipality=places["herford"], supports_work_permit=True, visibility=Visibility.PUBLIC
    )
    services.database_rebuild()
    document = SearchDocument.objects.get(key=f"offer:{offer.pk}")
    assert document.municipalities == ["herford"]
    assert "aufenthalt-beschaeftigung" in document.topics and "ausbildung" in document.topics
    assert document.visibility == "public"
    for secret in ("Paula", "paula.privat", "555-199"):
        assert secret not in document.text + document.summary + document.title


def test_a_withdrawn_offer_and_a_switched_off_company_leave_the_index(places):
    offer = OfferFactory(visibility=Visibility.PUBLIC)
    services.database_rebuild()
    assert SearchDocument.objects.filter(key=f"offer:{offer.pk}").exists()
    offer.company.is_active = False
    offer.company.save()
    services.pending_process()
    assert not SearchDocument.objects.filter(key=f"offer:{offer.pk}").exists()
