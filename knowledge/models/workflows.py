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

import datetime
import functools
import re

from django.core.exceptions import PermissionDenied
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import GroupApprovalTask, PagePermissionTester
from wagtail.rich_text import RichText

OWN_CHANGE_MESSAGE = _(
    "You changed the content, so a second person must approve it: save your changes as a draft "
    "and submit them for approval, or approve the page without changing it."
)
AUTHOR_MESSAGE = _(
    "This page waits for a second person's approval. Whoever submitted or changed it cannot "
    "approve it themselves."
)

# --- what counts as a change of content -----------------------------------------------------------
#
# Saving a page in the editor without touching it can still store different bytes: rich text comes
# back from Draftail in its own spelling (``<strong>`` → ``<b>``, ``data-block-key``), the schedule
# fields hold minutes only. Those are not changes by the person who saved, so content is compared
# in the editor's spelling.

_BLOCK_KEY = re.compile(r'\sdata-block-key="[^"]*"')


@functools.lru_cache(maxsize=32)
def _rich_text_converter(editor: str, features: tuple | None):
    from wagtail.admin.rich_text import get_rich_text_editor_widget

    widget = get_rich_text_editor_widget(editor, features=list(features) if features else None)
    return getattr(widget, "converter", None)


def _html(value, editor="default", features=None) -> str:
    html = value.source if isinstance(value, RichText) else str(value or "")
    converter = _rich_text_converter(editor, tuple(features) if features else None)
    if converter is not None and html:
        html = converter.to_database_format(converter.from_database_format(html))
    return _BLOCK_KEY.sub("", html)


def _block(block, value):
    if isinstance(block, blocks.StreamBlock):
        return [(child.block_type, _block(child.block, child.value)) for child in value or []]
    if isinstance(block, blocks.ListBlock):
        return [_block(block.child_block, item) for item in value or []]
    if isinstance(block, blocks.StructBlock):
        return {
            name: _block(child, (value or {}).get(name))
            for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.RichTextBlock):
        return _html(value, block.editor, block.features)
    return block.get_prep_value(value)


def comparable(field, value):
    """``value`` of the model ``field`` in the form that the page editor gives back unchanged."""
    if isinstance(field, StreamField):
        if not isinstance(value, blocks.StreamValue):
            value = field.to_python(value)
        return _block(field.stream_block, value)
    if isinstance(field, RichTextField):
        return _html(value, field.editor, field.features)
    if getattr(field, "many_to_many", False):
        return sorted(getattr(item, "pk", item) for item in value or [])
    if isinstance(value, str) and field.get_internal_type() == "DateTimeField":
        value = parse_datetime(value)
    if isinstance(value, datetime.datetime):
        return value.replace(second=0, microsecond=0)
    return value


def _content_fields(model) -> list:
    """The model fields that the page editor edits (title, text, tags, schedule …)."""
    names = model.get_edit_handler().get_form_options().get("fields", [])
    fields = []
    for name in names:
        try:
            fields.append(model._meta.get_field(name))
        except Exception:  # noqa: S112 — a form-only field has no stored content
            continue
    return fields


def content_differs(before, after) -> bool:
    """Whether two versions of a page differ in what the editor edits."""
    return any(
        comparable(field, field.value_from_object(before))
        != comparable(field, field.value_from_object(after))
        for field in _content_fields(type(after))
    )


def _authors(obj) -> set[int]:
    """Who asked for the approval and who wrote the content under review: the users of the
    revisions that changed the content, back to the last change before the submission. A
    revision that changed nothing (an approver's save in the editor) makes nobody an author."""
    authors = set()
    state = getattr(obj, "current_workflow_state", None)
    if state is not None and state.requested_by_id:
        authors.add(state.requested_by_id)
    if not hasattr(obj, "revisions"):
        return authors
    revisions = list(obj.revisions.order_by("-created_at", "-pk"))
    versions = [functools.cache(revision.as_object) for revision in revisions]  # when compared
    for position, revision in enumerate(revisions):
        if position + 1 < len(revisions):
            before, after = versions[position + 1](), versions[position]()
            if not content_differs(before, after):
                continue
        if revision.user_id:
            authors.add(revision.user_id)
        if state is None or revision.created_at <= state.created_at:
            break
    return authors


class SecondApprovalTask(GroupApprovalTask):
    """Members of the chosen groups approve — but never their own submission or revision."""

    def is_own(self, obj, user) -> bool:
        return user.pk in _authors(obj)

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and self.is_own(obj, user):
            return []
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            obj = task_state.workflow_state.content_object
            if self.is_own(obj, user):
                raise PermissionDenied(_("A second person must approve this page."))
            # Revisions saved since the submission that changed nothing (an approver's save in
            # the editor) do not ask for a fresh approval: the approval is of their content.
            latest = obj.get_latest_revision()
            if (
                latest is not None
                and task_state.revision_id not in (None, latest.pk)
                and not content_differs(task_state.revision.as_object(), latest.as_object())
            ):
                task_state.revision = latest
                task_state.save(update_fields=["revision"])
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


def approving_in_editor(form) -> bool:
    """Whether the page editor's POST asks the current second approval to approve."""
    data = form.data
    if not (data.get("action-workflow-action") and data.get("workflow-action-name") == "approve"):
        return False
    instance = form.instance
    task = instance.current_workflow_task if instance.pk else None
    return isinstance(task, SecondApprovalTask)


class KnowledgePermissionTester(PagePermissionTester):
    """As Wagtail's, except that only administrators publish an article directly; everyone else
    submits it for the second approval. Unpublishing stays with whoever may publish elsewhere."""

    def can_publish(self):
        return self.user.is_active and self.user.is_superuser
