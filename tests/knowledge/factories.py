"""Factories for knowledge pages and glossary terms."""

import datetime

import factory
import wagtail_factories

from knowledge.models import (
    FaqPage,
    GlossaryTerm,
    GuidancePage,
    KnowledgeIndexPage,
    LegalChangePage,
    ProcedurePage,
)


class KnowledgeIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = KnowledgeIndexPage

    title = "Wissen"
    slug = "wissen"


class _ArticleFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Artikel {n}")
    slug = factory.Sequence(lambda n: f"artikel-{n}")
    summary = "Kurzfassung für Listen und Feeds."


class LegalChangePageFactory(_ArticleFactory):
    class Meta:
        model = LegalChangePage

    effective_date = datetime.date(2024, 2, 27)
    state = LegalChangePage.State.IN_FORCE


class ProcedurePageFactory(_ArticleFactory):
    class Meta:
        model = ProcedurePage


class GuidancePageFactory(_ArticleFactory):
    class Meta:
        model = GuidancePage


class FaqPageFactory(_ArticleFactory):
    class Meta:
        model = FaqPage


class GlossaryTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GlossaryTerm
        django_get_or_create = ("term",)

    term = factory.Sequence(lambda n: f"Begriff {n}")
    definition = "Eine kurze Erklärung."
