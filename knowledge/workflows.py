"""The action that ends an approved workflow (``WAGTAIL_FINISH_WORKFLOW_ACTION``).

Kept out of ``knowledge.models``: Wagtail imports this setting while its own models load.
"""


def publish_approved(workflow_state, user=None):
    """Publish the latest revision of an approved page. The approval *is* the check, so the
    approver needs no publish permission of their own (``KnowledgePermissionTester``)."""
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
