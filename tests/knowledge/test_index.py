"""The knowledge index: filters, newest legal changes on top, pagination, query budget."""

import datetime

import pytest

from tests.factories import AudienceFactory
from tests.knowledge.factories import (
    FaqPageFactory,
    GuidancePageFactory,
    LegalChangePageFactory,
    ProcedurePageFactory,
)


def titles(response):
    return [article.title for article in response.context["articles"]]


def test_the_index_lists_visible_articles_only(client, knowledge_index, make_user):
    GuidancePageFactory(parent=knowledge_index, title="Öffentlich")
    GuidancePageFactory(parent=knowledge_index, title="Nur Ehrenamt", visibility="volunteers")
    GuidancePageFactory(parent=knowledge_index, title="Nur Partner", visibility="partners")
    assert titles(client.get(knowledge_index.url)) == ["Öffentlich"]
    client.force_login(make_user("Volunteers"))
    assert set(titles(client.get(knowledge_index.url))) == {"Öffentlich", "Nur Ehrenamt"}


def test_filters_by_topic_audience_and_type(client, knowledge_index, topic):
    audience = AudienceFactory(slug="volunteers", name="Ehrenamtliche")
    GuidancePageFactory(parent=knowledge_index, title="Mit Thema", topics=[topic])
    FaqPageFactory(parent=knowledge_index, title="Für Ehrenamt", audiences=[audience])
    ProcedurePageFactory(parent=knowledge_index, title="Verfahren")
    url = knowledge_index.url
    assert titles(client.get(url, {"thema": topic.slug})) == ["Mit Thema"]
    assert titles(client.get(url, {"zielgruppe": "volunteers"})) == ["Für Ehrenamt"]
    assert titles(client.get(url, {"art": "verfahren"})) == ["Verfahren"]


@pytest.mark.parametrize("params", [{"thema": "gibt-es-nicht"}, {"art": "x"}, {"status": "<b>"}])
def test_unknown_filter_values_are_ignored_not_an_error(client, knowledge_index, params):
    GuidancePageFactory(parent=knowledge_index)
    response = client.get(knowledge_index.url, params)
    assert response.status_code == 200
    assert len(response.context["articles"]) == 1


def test_newest_legal_changes_come_first(client, knowledge_index):
    LegalChangePageFactory(
        parent=knowledge_index, title="Bürgergeld", effective_date=datetime.date(2023, 1, 1)
    )
    LegalChangePageFactory(
        parent=knowledge_index, title="GEAS", effective_date=datetime.date(2026, 6, 12)
    )
    GuidancePageFactory(parent=knowledge_index, title="Orientierung")
    response = client.get(knowledge_index.url)
    newest = [page.title for page in response.context["newest_legal_changes"]]
    assert newest == ["GEAS", "Bürgergeld"]
    html = response.content.decode()
    assert html.index("GEAS") < html.index("Orientierung")


@pytest.mark.parametrize(("page", "expected"), [("abc", 1), ("999", 2), ("-1", 2), ("2", 2)])
def test_pagination_never_fails_on_bad_page_numbers(client, knowledge_index, page, expected):
    for n in range(21):
        GuidancePageFactory(parent=knowledge_index, title=f"Seite {n}")
    response = client.get(knowledge_index.url, {"page": page})
    assert response.status_code == 200
    assert response.context["page_obj"].number == expected


@pytest.mark.parametrize("size", [2, 12])
def test_the_index_runs_a_constant_number_of_queries(
    client, knowledge_index, topic, django_assert_num_queries, size
):
    for n in range(size):
        LegalChangePageFactory(parent=knowledge_index, title=f"Änderung {n}", topics=[topic])
        GuidancePageFactory(parent=knowledge_index, title=f"Hilfe {n}", topics=[topic])
    client.get(knowledge_index.url)
    with django_assert_num_queries(QUERIES_ON_INDEX):
        client.get(knowledge_index.url, {"thema": topic.slug})


QUERIES_ON_INDEX = 16
