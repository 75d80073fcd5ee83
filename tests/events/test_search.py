"""Events in the portal's search: a published event is found after one task run, with its
facets and next date; unpublished it is gone; partners-only events only for partners. On the
database engine and on Elasticsearch."""

from __future__ import annotations

import uuid

import pytest

from events.choices import EventKind
from events.models import EventPage
from portal.access import Role, Visibility
from search import engine, registry
from search.contract import search
from search.models import PendingUpdate, SearchDocument
from tests.events.factories import at, events_index
from tests.factories import MunicipalityFactory, TopicFactory


@pytest.fixture(params=["database", "elasticsearch"])
def search_engine(request, settings, db):
    engine._last_probe.clear()
    if request.param == "database":
        settings.ELASTICSEARCH_URL = None
        yield "database"
        return
    settings.ELASTICSEARCH_URL = request.getfixturevalue("elasticsearch_url")
    settings.ELASTICSEARCH_INDEX_PREFIX = f"test-events-{uuid.uuid4().hex[:10]}"
    settings.SEARCH_REFRESH_ON_WRITE = True
    from search import services

    services.elasticsearch_reindex()  # creates the index and its alias
    yield "elasticsearch"
    from search.backends import elastic

    es = elastic.client()
    names = list(es.indices.get(index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}-*").keys())
    if names:
        es.indices.delete(index=",".join(names))
    engine._last_probe.clear()


def keys(results) -> list[str]:
    return [hit.key for hit in results.hits]


def publish(**fields) -> EventPage:
    values = {
        "kind": EventKind.MEETING_POINT,
        "start": at(12, 16),
        "end": at(12, 19),
        "capacity": 10,
        "address": "Agentur für Arbeit, Hansastraße 33, 32049 Herford",
        "live": False,
        **fields,
    }
    event = EventPage(**values)
    events_index().add_child(instance=event)
    event.save_revision().publish()
    event.refresh_from_db()
    return event


def test_the_builder_is_registered_with_the_calendar_icon():
    builder = registry.get("event")
    assert builder is not None and builder.icon == "calendar" and builder.model is EventPage


def test_a_published_event_is_found_after_one_task_run_and_gone_after_unpublishing(
    search_engine, django_capture_on_commit_callbacks
):
    topic = TopicFactory(slug="arbeitgeberberatung", name="Arbeitgeberberatung")
    place = MunicipalityFactory(slug="herford", name="Herford")
    with django_capture_on_commit_callbacks(execute=True):
        event = publish(
            title="Meeting Point Tischlerhandwerk",
            slug="mp-tischler",
            teaser="Tischlereien suchen Auszubildende.",
            municipality=place,
        )
        event.topics.set([topic])
        event.save_revision().publish()
    key = f"event:{event.pk}"
    assert keys(search("Tischlerhandwerk", user=None)) == [key]
    document = SearchDocument.objects.get(key=key)
    assert document.kind == "event" and document.url == event.url
    assert document.date == at(12).date()
    assert document.topics == ["arbeitgeberberatung"] and document.municipalities == ["herford"]
    assert "Herford" in document.summary
    assert not PendingUpdate.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        EventPage.objects.get(pk=event.pk).unpublish()
    assert keys(search("Tischlerhandwerk", user=None)) == []
    assert not SearchDocument.objects.filter(key=key).exists()


def test_partners_only_events_are_found_by_partners_only(
    search_engine, make_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        event = publish(
            title="Interne Schulung Westbalkanregelung",
            slug="intern-wbr",
            kind=EventKind.TRAINING,
            visibility=Visibility.PARTNERS,
        )
    assert keys(search("Westbalkanregelung", user=None)) == []
    assert keys(search("Westbalkanregelung", user=make_user(Role.EMPLOYER))) == []
    partner = make_user(Role.PARTNER_STAFF)
    assert keys(search("Westbalkanregelung", user=partner)) == [f"event:{event.pk}"]
