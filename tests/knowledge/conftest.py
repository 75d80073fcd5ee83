"""Fixtures of the knowledge tests."""

import pytest

from tests.knowledge.factories import KnowledgeIndexPageFactory


@pytest.fixture
def knowledge_index(home_page):
    return KnowledgeIndexPageFactory(parent=home_page)


@pytest.fixture
def publish():
    """``publish(page)``: save a revision and publish it, as an editor would."""

    def do(page, user=None):
        revision = page.save_revision(user=user, log_action=True)
        revision.publish(user=user)
        page.refresh_from_db()
        return page

    return do


@pytest.fixture
def topic(db):
    from tests.factories import TopicFactory

    return TopicFactory(name="Aufenthalt & Beschäftigungserlaubnis", slug="aufenthalt")
