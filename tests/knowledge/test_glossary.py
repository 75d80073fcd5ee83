"""Glossary terms are explained where they occur, fast, and feed the search synonyms."""

import pytest

from knowledge import glossary, selectors
from tests.knowledge.factories import GlossaryTermFactory, GuidancePageFactory

URL = "/wissen/glossar/"


@pytest.fixture
def terms(db):
    return [
        GlossaryTermFactory(term="Ausländerbehörde", abbreviations="ABH", synonyms="Ausländeramt"),
        GlossaryTermFactory(term="Duldung", expansion="§ 60a AufenthG"),
    ]


def test_the_first_occurrence_is_linked_and_abbreviations_are_expanded(terms):
    html = glossary.explain("<p>Die ABH prüft. Die ABH entscheidet über die Duldung.</p>", url=URL)
    assert html.count('class="glossary-term"') == 2
    assert '<a class="glossary-term" href="/wissen/glossar/#begriff-auslanderbehorde">' in html
    assert '<abbr title="' in html
    assert html.count("<abbr") == 1


def test_links_and_headings_are_left_alone(terms):
    html = '<h2>Duldung</h2><p><a href="/x/">ABH</a> und Duldung</p>'
    explained = glossary.explain(html, url=URL)
    assert explained.startswith("<h2>Duldung</h2>")
    assert '<a href="/x/">ABH</a>' in explained
    assert explained.count("glossary-term") == 1


def test_words_inside_other_words_are_not_matched(terms):
    assert "glossary-term" not in glossary.explain("<p>Duldungsgesetz und ABHilfe</p>", url=URL)


def test_the_compiled_glossary_needs_no_query_until_the_glossary_changes(
    terms, django_assert_num_queries
):
    glossary.explain("<p>ABH</p>", url=URL)
    with django_assert_num_queries(0):
        glossary.explain("<p>ABH</p>", url=URL)
    GlossaryTermFactory(term="Jobcenter", abbreviations="JC")
    with django_assert_num_queries(1):
        assert "glossary-term" in glossary.explain("<p>Das JC</p>", url=URL)


def test_article_bodies_explain_terms(client, knowledge_index, terms):
    page = GuidancePageFactory(
        parent=knowledge_index, body=[("paragraph", "<p>Termin bei der ABH.</p>")]
    )
    html = client.get(page.url).content.decode()
    assert f'href="{knowledge_index.url}glossar/#begriff-auslanderbehorde"' in html


def test_the_glossary_page_has_an_anchor_per_term(client, knowledge_index, terms):
    html = client.get(knowledge_index.url + "glossar/").content.decode()
    assert 'id="begriff-auslanderbehorde"' in html
    assert 'id="begriff-duldung"' in html


def test_synonym_groups_feed_the_search(terms):
    groups = selectors.synonym_groups()
    assert ["Ausländerbehörde", "ABH", "Ausländeramt"] in groups
    assert ["Duldung", "§ 60a AufenthG"] in groups
