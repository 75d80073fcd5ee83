"""Search documents of the knowledge base: the four article types (with their tags, visibility
and, for legal changes, the effective date) and the glossary terms. Discovered by ``search``.

The glossary also feeds the search synonyms (ABH ⇔ Ausländerbehörde) and is offered as a way on
when a search finds nothing.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from knowledge import selectors
from knowledge.models import (
    FaqPage,
    GlossaryTerm,
    GuidancePage,
    KnowledgeIndexPage,
    LegalChangePage,
    ProcedurePage,
)
from search import registry
from search.pages import page_builder
from search.registry import Builder, DocumentData


def _tags(page, data: DocumentData) -> None:
    """Topics, audiences, residence statuses and visibility of an article."""
    data.topics = [topic.slug for topic in page.topics.all()]
    data.audiences = [audience.slug for audience in page.audiences.all()]
    data.residence_statuses = [status.slug for status in page.residence_statuses.all()]
    data.visibility = page.visibility
    data.date = getattr(page, "effective_date", None) or page.valid_from


ARTICLES = [
    (LegalChangePage, "legal_change", _("Legal change"), "scale"),
    (ProcedurePage, "procedure", _("Procedure"), "steps"),
    (GuidancePage, "guidance", _("Guidance"), "book"),
    (FaqPage, "faq", _("FAQ"), "help"),
]

for model, kind, label, icon in ARTICLES:
    builder = page_builder(
        model, kind=kind, label=label, icon=icon, summary=lambda page: page.summary, extra=_tags
    )
    builder.queryset = lambda model=model: model.objects.prefetch_related(
        "topics", "audiences", "residence_statuses"
    )
    registry.register(builder)


def _glossary_page_url() -> str:
    index = KnowledgeIndexPage.objects.live().first()
    return (index.url + "glossar/") if index is not None and index.url else ""


def build_glossary_term(term: GlossaryTerm) -> DocumentData | None:
    base = _glossary_page_url()
    if not base:
        return None
    names = [*term.abbreviation_list(), term.expansion, *term.synonym_list()]
    return DocumentData(
        title=term.term,
        url=f"{base}#{term.anchor}",
        summary=term.definition,
        text=" · ".join(name for name in names if name),
    )


registry.register(
    Builder(
        kind="glossary",
        label=_("Glossary"),
        icon="help",
        model=GlossaryTerm,
        build=build_glossary_term,
        queryset=lambda: GlossaryTerm.objects.all(),
    )
)
registry.register_synonyms(selectors.synonym_groups, watch=[GlossaryTerm])
registry.register_help_link(
    registry.HelpLink(label=_("Look the word up in the glossary"), url=_glossary_page_url, order=20)
)
