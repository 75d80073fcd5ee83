"""Four-eyes moderation of the knowledge base.

Legal guidance that is wrong harms people, so an article goes live only after a second person has
approved it: ``SecondApprovalTask`` is a group approval that the person who submitted the page
(or edited the revision under review) cannot give. Knowledge articles have no "Publish" button for
anyone but administrators (``KnowledgePermissionTester``); the workflow publishes them when the
second approval is given (``knowledge.workflows.publish_approved``, Wagtail's
``WAGTAIL_FINISH_WORKFLOW_ACTION``).
Scheduled publishing works as usual: an approved revision with a "go live" date waits for it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask, PagePermissionTester


def _authors(obj) -> set[int]:
    """Who asked for the approval and who wrote the revision under review."""
    authors = set()
    state = getattr(obj, "current_workflow_state", None)
    if state is not None and state.requested_by_id:
        authors.add(state.requested_by_id)
    revision = obj.get_latest_revision() if hasattr(obj, "get_latest_revision") else None
    if revision is not None and revision.user_id:
        authors.add(revision.user_id)
    return authors


class SecondApprovalTask(GroupApprovalTask):
    """Members of the chosen groups approve — but never their own submission or revision."""

    def is_own(self, obj, user) -> bool:
        return user.pk in _authors(obj)

    def get_actions(self, obj, user):
        if self.is_own(obj, user):
            return []
        return super().get_actions(obj, user)

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve" and self.is_own(task_state.workflow_state.content_object, user):
            raise PermissionDenied(_("A second person must approve this page."))
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(workflow_state__requested_by=user)

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve; nobody approves their own page")

    class Meta:
        verbose_name = _("second-person approval task")
        verbose_name_plural = _("second-person approval tasks")


class KnowledgePermissionTester(PagePermissionTester):
    """As Wagtail's, except that only administrators publish an article directly; everyone else
    submits it for the second approval. Unpublishing stays with whoever may publish elsewhere."""

    def can_publish(self):
        return self.user.is_active and self.user.is_superuser
