"""Article pages: tree rules, access, trust data, banners, table of contents, print and history."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from knowledge.models import (
    FaqPage,
    GuidancePage,
    KnowledgeIndexPage,
    LegalChangePage,
    ProcedurePage,
)
from portal.access import Role
from portal.models import HomePage
from tests.knowledge.factories import (
    FaqPageFactory,
    GuidancePageFactory,
    LegalChangePageFactory,
    ProcedurePageFactory,
)

ARTICLE_TYPES = [LegalChangePage, ProcedurePage, GuidancePage, FaqPage]
FACTORIES = [LegalChangePageFactory, ProcedurePageFactory, GuidancePageFactory, FaqPageFactory]


@pytest.mark.parametrize("model", ARTICLE_TYPES)
def test_articles_live_only_below_the_knowledge_index(model):
    assert model.allowed_parent_page_models() == [KnowledgeIndexPage]
    assert HomePage in KnowledgeIndexPage.allowed_parent_page_models()
    assert not model.allowed_subpage_models()


@pytest.mark.parametrize("factory", FACTORIES)
def test_every_article_type_renders_with_trust_box_and_feed_link(client, knowledge_index, factory):
    page = factory(parent=knowledge_index, last_reviewed_on=datetime.date(2026, 10, 1))
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "knowledge-trust" in html
    assert 'type="application/atom+xml"' in html
    assert "01.10.2026" in html or "1. Oktober 2026" in html


# role → (public, volunteers, partners) visible?
ACCESS = {
    None: (True, False, False),
    Role.EMPLOYER: (True, False, False),
    Role.VOLUNTEER: (True, True, False),
    Role.PARTNER_STAFF: (True, True, True),
    Role.EDITOR: (True, True, True),
}


@pytest.mark.parametrize("role", list(ACCESS))
@pytest.mark.parametrize("position,visibility", enumerate(["public", "volunteers", "partners"]))
@pytest.mark.parametrize("suffix", ["", "drucken/", "aenderungen/"])
def test_access_matrix_hidden_pages_answer_404(
    client, knowledge_index, make_user, role, position, visibility, suffix
):
    page = GuidancePageFactory(parent=knowledge_index, visibility=visibility)
    if role is not None:
        client.force_login(make_user(role))
    response = client.get(page.url + suffix)
    expected = 200 if ACCESS[role][position] else 404
    assert response.status_code == expected


def test_pages_for_logged_in_readers_are_not_cached_by_shared_caches(
    client, knowledge_index, partner_user
):
    page = GuidancePageFactory(parent=knowledge_index, visibility="partners")
    client.force_login(partner_user)
    assert client.get(page.url)["Cache-Control"] == "private"


def test_a_superseded_change_shows_a_banner_linking_its_successor(client, knowledge_index):
    successor = LegalChangePageFactory(parent=knowledge_index, title="Duldungsgesetz 2020")
    old = LegalChangePageFactory(
        parent=knowledge_index, state=LegalChangePage.State.SUPERSEDED, superseded_by=successor
    )
    html = client.get(old.url).content.decode()
    assert "knowledge-banner" in html
    assert f'href="{successor.url}"' in html


def test_superseded_needs_a_successor_and_validity_must_be_ordered(knowledge_index):
    page = LegalChangePageFactory(parent=knowledge_index)
    page.state = LegalChangePage.State.SUPERSEDED
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "superseded_by" in error.value.message_dict
    page.state = LegalChangePage.State.IN_FORCE
    page.valid_from, page.valid_to = datetime.date(2024, 1, 2), datetime.date(2024, 1, 1)
    with pytest.raises(ValidationError):
        page.full_clean()


def test_legal_references_link_to_the_official_text(client, knowledge_index):
    page = LegalChangePageFactory(
        parent=knowledge_index,
        legal_references=[
            ("reference", {"law": "AufenthG", "paragraph": "60a", "detail": "Abs. 2"})
        ],
        legal_circles=["sgb2"],
    )
    html = client.get(page.url).content.decode()
    assert 'href="https://www.gesetze-im-internet.de/aufenthg_2004/__60a.html"' in html
    assert "Abs. 2 AufenthG" in html


def test_long_texts_get_a_table_of_contents_from_their_headings(client, knowledge_index):
    body = []
    for text in ["Was sich ändert", "Für wen", "Was Partner tun können"]:
        body.append(("heading", {"text": text, "level": "h2"}))
        body.append(("paragraph", "<p>Text.</p>"))
    page = GuidancePageFactory(parent=knowledge_index, body=body)
    html = client.get(page.url).content.decode()
    assert "knowledge-toc" in html
    for block in page.body:
        if block.block_type == "heading":
            assert f'href="#abschnitt-{block.id}"' in html
            assert f'id="abschnitt-{block.id}"' in html


def test_short_texts_have_no_table_of_contents(client, knowledge_index):
    page = GuidancePageFactory(
        parent=knowledge_index, body=[("heading", {"text": "Nur eine", "level": "h2"})]
    )
    assert "knowledge-toc" not in client.get(page.url).content.decode()


def test_related_pages_share_a_topic_and_respect_visibility(client, knowledge_index, topic):
    page = GuidancePageFactory(parent=knowledge_index, topics=[topic])
    related = FaqPageFactory(parent=knowledge_index, title="Passende FAQ", topics=[topic])
    hidden = FaqPageFactory(
        parent=knowledge_index, title="Interne FAQ", topics=[topic], visibility="partners"
    )
    unrelated = FaqPageFactory(parent=knowledge_index, title="Andere FAQ")
    html = client.get(page.url).content.decode()
    assert related.title in html
    assert hidden.title not in html
    assert unrelated.title not in html


def test_the_print_view_is_a_standalone_document_with_the_whole_content(client, knowledge_index):
    page = ProcedurePageFactory(
        parent=knowledge_index,
        steps=[("step", {"title": "Antrag stellen", "what_to_do": "<p>Hingehen.</p>"})],
    )
    response = client.get(page.url + "drucken/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Antrag stellen" in html
    assert 'class="main-nav"' not in html
    assert "noindex" in html
    assert "print.css" in html


def test_the_change_history_shows_what_changed_between_publications(
    client, knowledge_index, publish
):
    page = GuidancePageFactory(parent=knowledge_index, summary="Alte Regel: 18 Monate.")
    publish(page)
    page.summary = "Neue Regel: 36 Monate."
    publish(page)
    html = client.get(page.url + "aenderungen/").content.decode()
    assert "<del>Alte Regel: 18 Monate.</del>" in html
    assert "<ins>Neue Regel: 36 Monate.</ins>" in html


def test_the_change_history_lists_scheduled_publications(client, knowledge_index, publish):
    """Wagtail logs a go-live by the scheduler as ``wagtail.publish.scheduled``, not as
    ``wagtail.publish``; the history must show it all the same."""
    from unittest import mock

    from django.core.management import call_command
    from django.utils import timezone

    page = GuidancePageFactory(parent=knowledge_index, summary="Alte Regel: 18 Monate.")
    publish(page)
    go_live = timezone.now() + datetime.timedelta(days=2)
    page.summary = "Neue Regel ab Stichtag: 36 Monate."
    page.go_live_at = go_live
    page.save_revision(log_action=True).publish()
    page.refresh_from_db()
    assert page.summary == "Alte Regel: 18 Monate."  # waits for its date
    with mock.patch("django.utils.timezone.now", return_value=go_live + datetime.timedelta(1)):
        call_command("publish_scheduled", verbosity=0)
    html = client.get(page.url + "aenderungen/").content.decode()
    assert "<ins>Neue Regel ab Stichtag: 36 Monate.</ins>" in html
    assert "<del>Alte Regel: 18 Monate.</del>" in html


@pytest.mark.parametrize("steps", [1, 6])
def test_an_article_page_runs_a_bounded_number_of_queries(
    client, knowledge_index, django_assert_max_num_queries, steps
):
    from tests.directory.factories import ContactPersonFactory

    contacts = [ContactPersonFactory() for _ in range(steps)]
    page = ProcedurePageFactory(
        parent=knowledge_index,
        steps=[
            ("step", {"title": f"Schritt {n}", "what_to_do": "<p>x</p>", "contact": c})
            for n, c in enumerate(contacts)
        ],
    )
    client.get(page.url)  # warm the site-root and content-type caches
    with django_assert_max_num_queries(16):
        assert client.get(page.url).status_code == 200
