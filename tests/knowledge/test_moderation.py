"""Moderation: a second person approves every knowledge article before it goes live (four eyes),
scheduled publishing lets a legal change go live on its effective date, and the role groups hold
what they need in the admin."""

from __future__ import annotations

import datetime
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
