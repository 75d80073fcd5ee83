"""The knowledge base in the search: articles with their tags, visibility and dates, glossary
terms as documents and as synonyms, and the ways on when nothing is found."""

from __future__ import annotations

import datetime

import pytest

from portal.access import Role, Visibility
from search import services, synonyms
from search.contract import search
from search.models import SearchDocument
from tests.factories import TopicFactory
from tests.knowledge.factories import (
    GlossaryTermFactory,
    KnowledgeIndexPageFactory,
    LegalChangePageFactory,
    ProcedurePageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def knowledge(home_page):
    return KnowledgeIndexPageFactory(parent=home_page)


def published(factory, parent, **fields):
    topics = fields.pop("topics", [])
    page = factory(parent=parent, live=False, **fields)
    page.topics.set(topics)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def keys(results):
    return [hit.key for hit in results.hits]


def test_a_legal_change_carries_its_kind_tags_visibility_and_effective_date(knowledge):
    topic = TopicFactory(slug="aufenthalt")
    page = published(
        LegalChangePageFactory,
        knowledge,
        title="Beschäftigungsduldung erleichtert",
        effective_date=datetime.date(2024, 2, 27),
        topics=[topic],
    )
    services.database_rebuild()
    document = SearchDocument.objects.get(key=f"legal_change:{page.pk}")
    assert document.topics == ["aufenthalt"]
    assert document.date == datetime.date(2024, 2, 27)
    assert document.visibility == Visibility.PUBLIC
    assert document.url == page.url


def test_a_partners_only_procedure_is_found_by_partner_staff_only(knowledge, make_user):
    page = published(
        ProcedurePageFactory,
        knowledge,
        title="Interne Fallübergabe Quellenweg",
        visibility=Visibility.PARTNERS,
    )
    services.database_rebuild()
    assert keys(search("Quellenweg", user=None)) == []
    assert keys(search("Quellenweg", user=make_user(Role.VOLUNTEER))) == []
    assert keys(search("Quellenweg", user=make_user(Role.PARTNER_STAFF))) == [
        f"procedure:{page.pk}"
    ]


def test_an_unpublished_article_leaves_the_index_in_one_task_run(
    search_engine, knowledge, django_capture_on_commit_callbacks
):
    """On both engines: publishing queues the update, the one task run brings it in."""
    with django_capture_on_commit_callbacks(execute=True):
        page = published(LegalChangePageFactory, knowledge, title="Westbalkanregelung entfristet")
    assert keys(search("Westbalkanregelung", user=None)) == [f"legal_change:{page.pk}"]
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    results = search("Westbalkanregelung", user=None)
    assert (keys(results), results.engine) == ([], search_engine)


def test_a_glossary_term_is_a_document_that_points_at_its_entry(knowledge):
    term = GlossaryTermFactory(
        term="Ankunftsnachweis", abbreviations="AKN", definition="Nachweis über die Meldung."
    )
    services.database_rebuild()
    document = SearchDocument.objects.get(key=f"glossary:{term.pk}")
    assert document.url == f"{knowledge.url}glossar/#{term.anchor}"
    assert "AKN" in document.text


def test_the_glossary_feeds_the_synonyms_and_an_edit_applies_to_the_next_query(knowledge):
    term = GlossaryTermFactory(term="Ausländerbehörde", abbreviations="")
    services.document_store(
        kind="organisation",
        pk=1,
        data=services.DocumentData(title="Ausländerbehörde Kreis Herford", url="/abh/"),
    )
    synonyms.forget()
    assert ["Ausländerbehörde", "ZAB"] not in synonyms.groups()
    term.abbreviations = "ZAB"
    term.save()  # no explicit forget: the glossary is a watched synonym source
    assert ["Ausländerbehörde", "ZAB"] in synonyms.groups()
    assert keys(search("ZAB", user=None)) == ["organisation:1"]


def test_nothing_found_offers_the_finder_and_the_glossary(client, knowledge):
    html = client.get("/suche/", {"q": "Xylophonunterricht"}).content.decode()
    assert 'href="/verzeichnis/wer-ist-zustaendig/"' in html
    assert f'href="{knowledge.url}glossar/"' in html
