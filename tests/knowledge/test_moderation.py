"""Moderation: a second person approves every knowledge article before it goes live (four eyes),
scheduled publishing lets a legal change go live on its effective date, and the role groups hold
what they need in the admin."""

from __future__ import annotations

import datetime
import json
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision

from knowledge.models import SecondApprovalTask
from knowledge.services import ensure_second_approval_workflow
from portal.access import Role
from tests.knowledge.factories import LegalChangePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def workflow(knowledge_index):
    return ensure_second_approval_workflow(page=knowledge_index)


@pytest.fixture
def editor(make_user, with_totp):
    return with_totp(make_user(Role.EDITOR, is_staff=False))


@pytest.fixture
def moderators(make_user, with_totp):
    return [with_totp(make_user(Role.MODERATOR, Role.EDITOR)) for _ in range(2)]


def draft(parent, user, **fields):
    page = LegalChangePageFactory(parent=parent, live=False, **fields)
    page.save_revision(user=user)
    return page


def submit(page, workflow, user):
    page.refresh_from_db()
    return workflow.start(page, user)


def approve(page, user):
    page.refresh_from_db()
    state = page.current_workflow_state
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state.specific, user, "approve")
    page.refresh_from_db()


def test_the_role_groups_hold_their_admin_permissions():
    editors = set(
        Group.objects.get(name=Role.EDITOR).permissions.values_list("codename", flat=True)
    )
    assert {
        "access_admin",
        "change_contactperson",
        "add_responsibility",
        "add_glossaryterm",
        "add_topic",
        "change_synonymgroup",
        "add_searchpromotion",
    } <= editors
    moderators = Group.objects.get(name=Role.MODERATOR)
    assert moderators.permissions.filter(codename="change_organisation").exists()
    coordinators = Group.objects.get(name="Volunteer coordinators")
    assert coordinators.permissions.filter(codename="approve_volunteers").exists()


def test_nobody_but_an_administrator_publishes_an_article_directly(
    knowledge_index, editor, moderators, make_user
):
    page = draft(knowledge_index, editor)
    assert page.permissions_for_user(editor).can_edit()
    assert not page.permissions_for_user(editor).can_publish()
    assert not page.permissions_for_user(moderators[0]).can_publish()
    admin = make_user(is_superuser=True)
    assert page.permissions_for_user(admin).can_publish()


def test_a_second_person_approves_and_that_publishes(workflow, knowledge_index, editor, moderators):
    page = draft(knowledge_index, editor, title="Chancen-Aufenthaltsrecht läuft aus")
    submit(page, workflow, editor)
    assert not page.live
    approve(page, moderators[0])
    assert page.live
    assert page.live_revision.user == editor


def test_a_moderator_cannot_approve_their_own_submission(workflow, knowledge_index, moderators):
    author, second = moderators
    page = draft(knowledge_index, author)
    submit(page, workflow, author)
    page.refresh_from_db()
    task = page.current_workflow_state.current_task_state.task.specific
    assert isinstance(task, SecondApprovalTask)
    assert task.get_actions(page, author) == []
    assert [name for name, _label, _modal in task.get_actions(page, second)] == [
        "reject",
        "approve",
        "approve",
    ]
    assert not task.get_task_states_user_can_moderate(author).exists()
    with pytest.raises(PermissionDenied):
        approve(page, author)
    approve(page, second)
    assert page.live


def test_the_admin_offers_submit_for_approval_but_no_publish_button(
    client, workflow, knowledge_index, editor
):
    page = draft(knowledge_index, editor)
    client.force_login(editor)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html


def test_an_approved_legal_change_goes_live_on_its_effective_date(
    workflow, knowledge_index, editor, moderators
):
    effective = (timezone.now() + datetime.timedelta(days=3)).replace(microsecond=0)
    page = draft(knowledge_index, editor, title="GEAS-Anpassung", go_live_at=effective)
    submit(page, workflow, editor)
    approve(page, moderators[0])
    assert not page.live
    revision = Revision.objects.get(pk=page.latest_revision_id)
    assert revision.approved_go_live_at == effective
    # The effective date arrives: Wagtail's scheduler (run every minute by the worker's timer).
    with mock.patch("django.utils.timezone.now", return_value=effective + datetime.timedelta(1)):
        call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert page.live


def test_an_edit_during_review_needs_a_fresh_approval(
    settings, workflow, knowledge_index, editor, moderators
):
    assert settings.WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT
    page = draft(knowledge_index, editor)
    submit(page, workflow, editor)
    page.refresh_from_db()
    page.title = "Geändert während der Prüfung"
    page.save_revision(user=moderators[1])
    # The moderator who edited the revision under review may not approve it any more.
    task = page.current_workflow_state.current_task_state.task.specific
    assert task.get_actions(page, moderators[1]) == []


# --- approving from the page editor (issue 14) ---------------------------------------------------
#
# The edit view saves the form as a new revision when it "has changed" before it runs the
# workflow action. Text written by code (the demo, imports) comes back from Draftail in another
# spelling (<strong> → <b>, block keys), so the approver used to become an "author" of a page they
# had not touched and was refused with "keinen Zugang".

DEMO_LIKE_BODY = [
    ("paragraph", "<p><strong>Demo-Inhalt:</strong> Ein Text, wie ihn der Code schreibt.</p>"),
    ("heading", {"text": "Wer ist betroffen?", "level": "h2"}),
]


def approve_in_editor(client, page, user, comment: str | None = None, **changes):
    """The approver opens the page editor and chooses "Freigeben" in its footer menu."""
    from tests.knowledge.admin_post import editor_post

    client.force_login(user)
    data = editor_post(client, page, **changes)
    data |= {"action-workflow-action": "true", "workflow-action-name": "approve"}
    if comment is not None:
        data["workflow-action-extra-data"] = json.dumps({"comment": comment})
    response = client.post(f"/admin/pages/{page.pk}/edit/", data, follow=True)
    page.refresh_from_db()
    return response


def messages_of(response) -> str:
    return " ".join(str(message) for message in response.context["messages"])


def test_the_moderator_approves_from_the_page_editor(
    client, workflow, knowledge_index, editor, moderators
):
    page = draft(knowledge_index, editor, title="Beschäftigungsduldung", body=DEMO_LIKE_BODY)
    submit(page, workflow, editor)
    response = approve_in_editor(client, page, moderators[0])
    assert "keinen Zugang" not in messages_of(response)
    assert page.live
    # Approving without changing anything writes no revision of the approver's.
    assert page.live_revision.user == editor
    assert not Revision.objects.filter(object_id=str(page.pk), user=moderators[0]).exists()


def test_the_moderator_approves_from_the_page_editor_with_a_comment(
    client, workflow, knowledge_index, editor, moderators
):
    page = draft(knowledge_index, editor, body=DEMO_LIKE_BODY)
    state = submit(page, workflow, editor)
    approve_in_editor(client, page, moderators[0], comment="Quellen geprüft, passt.")
    assert page.live
    task_state = state.task_states.get()
    assert task_state.status == "approved" and task_state.comment == "Quellen geprüft, passt."


def test_the_moderator_approves_a_scheduled_page_from_the_editor_with_a_comment(
    client, workflow, knowledge_index, editor, moderators
):
    # The go-live time as code sets it (seconds and all); the editor's field shows minutes only.
    effective = (timezone.now() + datetime.timedelta(days=3)).replace(second=17, microsecond=0)
    page = draft(knowledge_index, editor, body=DEMO_LIKE_BODY, go_live_at=effective)
    submit(page, workflow, editor)
    response = approve_in_editor(client, page, moderators[0], comment="Zum Stichtag.")
    assert "keinen Zugang" not in messages_of(response)
    assert not page.live
    revision = Revision.objects.get(pk=page.latest_revision_id)
    assert revision.approved_go_live_at == effective
    assert revision.user == editor


def test_an_approver_who_changes_the_text_cannot_approve_it_and_is_told_why(
    client, workflow, knowledge_index, editor, moderators
):
    page = draft(knowledge_index, editor, title="Alt", body=DEMO_LIKE_BODY)
    submit(page, workflow, editor)
    response = approve_in_editor(client, page, moderators[0], title="Vom Prüfer geändert")
    assert response.status_code == 200
    text = messages_of(response)
    assert "keinen Zugang" not in text
    assert "zweite Person" in text and "geändert" in text
    # Nothing was saved, nothing published, and the approver may still approve the unchanged page.
    assert not page.live and page.title == "Alt"
    assert not Revision.objects.filter(object_id=str(page.pk), user=moderators[0]).exists()
    task = page.current_workflow_state.current_task_state.task.specific
    assert "approve" in [name for name, _label, _modal in task.get_actions(page, moderators[0])]


def test_a_revision_that_changes_nothing_does_not_make_its_saver_an_author(
    workflow, knowledge_index, editor, moderators
):
    page = draft(knowledge_index, editor, body=DEMO_LIKE_BODY)
    submit(page, workflow, editor)
    # What the edit view used to leave behind: the approver's copy of the text in Draftail's
    # spelling, with the go-live time of the editor's field.
    page.refresh_from_db()
    copy = page.get_latest_revision_as_object()
    copy.body = [
        (
            "paragraph",
            '<p data-block-key="x1"><b>Demo-Inhalt:</b> Ein Text, wie ihn der Code schreibt.</p>',
        ),
        ("heading", {"text": "Wer ist betroffen?", "level": "h2"}),
    ]
    copy.save_revision(user=moderators[0])
    page.refresh_from_db()
    task = page.current_workflow_state.current_task_state.task.specific
    assert "approve" in [name for name, _label, _modal in task.get_actions(page, moderators[0])]
    approve(page, moderators[0])
    assert page.live


def test_the_submitting_editor_cannot_approve_and_is_told_why(
    client, workflow, knowledge_index, moderators
):
    author = moderators[1]
    page = draft(knowledge_index, author, body=DEMO_LIKE_BODY)
    submit(page, workflow, author)
    client.force_login(author)
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert 'value="approve"' not in response.content.decode()
    assert "zweite Person" in messages_of(response)
    response = approve_in_editor(client, page, author)
    assert not page.live


def test_the_submit_buttons_read_as_german(client, workflow, knowledge_index, editor, home_page):
    """Wagtail builds the label from the workflow's name ("In %(workflow_name)s einreichen");
    issue 14 saw "In Zweite Freigabe einreichen" and "In Moderators approval einreichen"."""
    from wagtail.models import Workflow

    from portal.models import ContentPage

    page = draft(knowledge_index, editor)
    client.force_login(editor)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Einreichen: Zweite Freigabe" in html and "In Zweite Freigabe" not in html
    content = home_page.add_child(instance=ContentPage(title="Über uns", slug="ueber-uns"))
    assert Workflow.objects.filter(name="Freigabe durch die Moderation").exists()
    html = client.get(f"/admin/pages/{content.pk}/edit/").content.decode()
    assert "Moderators approval" not in html
    assert "Einreichen: Freigabe durch die Moderation" in html
