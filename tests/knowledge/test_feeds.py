"""Atom feeds of legal changes, parsed with a real feed parser."""

import feedparser
import pytest

from tests.factories import TopicFactory
from tests.knowledge.factories import GuidancePageFactory, LegalChangePageFactory


@pytest.fixture
def changes(knowledge_index, topic, publish):
    other = TopicFactory(slug="sprachfoerderung", name="Sprachförderung")
    pages = {
        "public": LegalChangePageFactory(
            parent=knowledge_index, title="Chancenkarte", topics=[topic]
        ),
        "other": LegalChangePageFactory(
            parent=knowledge_index, title="Integrationskurs", topics=[other]
        ),
        "partners": LegalChangePageFactory(
            parent=knowledge_index, title="Interne Weisung", topics=[topic], visibility="partners"
        ),
        "guidance": GuidancePageFactory(parent=knowledge_index, title="Keine Rechtsänderung"),
    }
    return {key: publish(page) for key, page in pages.items()}


def test_the_overall_feed_is_valid_atom_with_public_legal_changes(client, knowledge_index, changes):
    response = client.get(knowledge_index.url + "feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert {entry.title for entry in feed.entries} == {"Chancenkarte", "Integrationskurs"}
    for entry in feed.entries:
        assert entry.link.endswith("/")
        assert entry.updated


def test_a_topic_feed_has_only_that_topic(client, knowledge_index, changes, topic):
    feed = feedparser.parse(client.get(f"{knowledge_index.url}feed/{topic.slug}/").content)
    assert not feed.bozo
    assert [entry.title for entry in feed.entries] == ["Chancenkarte"]
    assert topic.name in feed.feed.title


def test_an_unknown_topic_is_a_404(client, knowledge_index):
    assert client.get(knowledge_index.url + "feed/gibt-es-nicht/").status_code == 404


def test_partners_see_partner_items_in_a_private_response(
    client, knowledge_index, changes, partner_user
):
    client.force_login(partner_user)
    response = client.get(knowledge_index.url + "feed/")
    titles = {entry.title for entry in feedparser.parse(response.content).entries}
    assert "Interne Weisung" in titles
    assert response["Cache-Control"] == "private"


def test_pages_announce_the_feed(client, knowledge_index, changes):
    for url in [changes["public"].url, knowledge_index.url, knowledge_index.url + "glossar/"]:
        html = client.get(url).content.decode()
        assert '<link rel="alternate" type="application/atom+xml"' in html
        assert f'href="{knowledge_index.url}feed/"' in html
