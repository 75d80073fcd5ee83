"""Models of the knowledge base (one module per concern)."""

from knowledge.models.glossary import GlossaryTerm
from knowledge.models.pages import (
    ARTICLE_TYPES,
    FaqPage,
    GuidancePage,
    KnowledgeIndexPage,
    KnowledgePage,
    LegalChangePage,
    ProcedurePage,
)
from knowledge.models.subscriptions import TopicSubscription
from knowledge.models.workflows import SecondApprovalTask

__all__ = [
    "ARTICLE_TYPES",
    "FaqPage",
    "GlossaryTerm",
    "GuidancePage",
    "KnowledgeIndexPage",
    "KnowledgePage",
    "LegalChangePage",
    "ProcedurePage",
    "SecondApprovalTask",
    "TopicSubscription",
]
