"""Decoupled side effects of the knowledge base."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from knowledge import glossary
from knowledge.models import GlossaryTerm


@receiver(post_save, sender=GlossaryTerm, dispatch_uid="knowledge-glossary-saved")
@receiver(post_delete, sender=GlossaryTerm, dispatch_uid="knowledge-glossary-deleted")
def glossary_changed(sender, **kwargs):
    """Every process rebuilds its compiled glossary pattern on its next page view."""
    glossary.bump_version()
