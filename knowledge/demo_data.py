"""Demo step of the knowledge base: ≥30 articles, a glossary of 50+ terms, the moderation
workflow. Everything is fictional demo content and not legal advice."""

from __future__ import annotations

import datetime
import json

from django.db.models import Q
from django.utils import timezone

from knowledge.demo import articles as data
from knowledge.demo.glossary import TERMS
from knowledge.models import (
    FaqPage,
    GlossaryTerm,
    GuidancePage,
    KnowledgeIndexPage,
    LegalChangePage,
    ProcedurePage,
)
from knowledge.services import ensure_second_approval_workflow
from portal.demo import DemoContext, ensure_page
from portal.models import Audience, ResidenceStatus, Topic

DEMO_NOTE = (
    "<p><strong>Demo-Inhalt:</strong> Diese Seite ist ein fiktives Beispiel für das Portal "
    "und keine Rechtsberatung.</p>"
)


def _stream(sections, *, intro: str = "") -> str:
    blocks = [{"type": "callout", "value": {"kind": "info", "text": DEMO_NOTE}}]
    if intro:
        blocks.append({"type": "paragraph", "value": f"<p>{intro}</p>"})
    for heading, paragraphs in sections:
        blocks.append({"type": "heading", "value": {"text": heading, "level": "h2"}})
        blocks.append(
            {"type": "paragraph", "value": "".join(f"<p>{text}</p>" for text in paragraphs)}
        )
    return json.dumps(blocks)


def _sources(items) -> str:
    return json.dumps(
        [
            {"type": "source", "value": {"title": title, "url": url, "date": None}}
            for title, url in items
        ]
    )


def _by_slug(model, slugs):
    return list(model.objects.filter(slug__in=slugs))


def _organisation(keywords):
    """The first active directory organisation matching one of ``keywords`` (None without)."""
    from directory.models import Organisation

    for keyword in keywords:
        found = (
            Organisation.objects.active()
            .filter(Q(abbreviation__iexact=keyword) | Q(name__icontains=keyword))
            .order_by("pk")
            .first()
        )
        if found is not None:
            return found
    return None


def _article(index, model, *, slug, tags, reviewer, reviewed_days_ago, **fields):
    """Create or update one article and publish it once, tags and review data included."""
    page = index.get_children().filter(slug=slug).first()
    page = page.specific if page is not None else model(slug=slug)
    for name, value in fields.items():
        setattr(page, name, value)
    page.topics = _by_slug(Topic, tags.get("topics", []))
    page.audiences = _by_slug(Audience, tags.get("audiences", []))
    page.residence_statuses = _by_slug(ResidenceStatus, tags.get("statuses", []))
    page.last_reviewed_on = timezone.localdate() - datetime.timedelta(days=reviewed_days_ago)
    page.last_reviewed_by = reviewer
    if reviewer is not None:
        page.owner = reviewer
    if page.pk is None:
        index.add_child(instance=page)
    page.save_revision(user=reviewer).publish(user=reviewer, skip_permission_checks=True)
    page.refresh_from_db()
    return page


def load(ctx: DemoContext) -> None:
    index = ensure_page(
        ctx.data["home"],
        KnowledgeIndexPage,
        slug="wissen",
        title="Wissen",
        show_in_menus=True,
        intro="Rechtsänderungen, Verfahrensabläufe und Orientierung für Partner und Ehrenamtliche.",
    )
    ctx.data["knowledge_index"] = index
    ctx.progress("Section page /wissen/")
    ensure_second_approval_workflow(page=index)
    ctx.progress('Workflow "Zweite Freigabe" (a second person approves) on /wissen/')

    for term, abbreviations, expansion, definition, synonyms in TERMS:
        GlossaryTerm.objects.update_or_create(
            term=term,
            defaults={
                "abbreviations": abbreviations,
                "expansion": expansion,
                "definition": definition,
                "synonyms": synonyms,
            },
        )
    ctx.progress(f"Glossary: {len(TERMS)} terms")

    reviewer = ctx.data.get("editor")
    count = 0
    changes = {}
    for position, row in enumerate(data.LEGAL_CHANGES):
        (
            slug,
            title,
            effective,
            state,
            _successor,
            topics,
            statuses,
            circles,
            refs,
            summary,
            sections,
            sources,
        ) = row
        changes[slug] = _article(
            index,
            LegalChangePage,
            slug=slug,
            title=title,
            summary=summary,
            effective_date=effective,
            state=state if state != "superseded" else "in_force",
            legal_circles=circles,
            legal_references=json.dumps(
                [
                    {"type": "reference", "value": {"law": law, "paragraph": par, "detail": detail}}
                    for law, par, detail in refs
                ]
            ),
            body=_stream(sections),
            sources=_sources(sources),
            valid_from=effective,
            tags={"topics": topics, "statuses": statuses, "audiences": ["partner-staff"]},
            reviewer=reviewer,
            # A few pages are overdue, so that the review report has something to show.
            reviewed_days_ago=400 if position % 6 == 5 else 20 + position,
        )
        count += 1
    for row in data.LEGAL_CHANGES:
        slug, state, successor = row[0], row[3], row[4]
        if state == "superseded" and successor:
            page = changes[slug]
            page.state = LegalChangePage.State.SUPERSEDED
            page.superseded_by = changes[successor]
            page.valid_to = changes[successor].effective_date - datetime.timedelta(days=1)
            page.save_revision(user=reviewer).publish(user=reviewer, skip_permission_checks=True)
    ctx.progress(f"Legal changes: {len(changes)}")

    for slug, title, topics, statuses, audiences, summary, duration, steps in data.PROCEDURES:
        step_blocks = []
        for step_title, what, documents, organisation_keywords, step_duration in steps:
            organisation = _organisation(organisation_keywords) if organisation_keywords else None
            contact = None
            if organisation is not None:
                contact = organisation.contacts.filter(is_active=True).order_by("pk").first()
            step_blocks.append(
                {
                    "type": "step",
                    "value": {
                        "title": step_title,
                        "what_to_do": what,
                        "documents_needed": documents,
                        "organisation": organisation.pk if organisation else None,
                        "contact": contact.pk if contact else None,
                        "forms": [],
                        "duration": step_duration,
                    },
                }
            )
        _article(
            index,
            ProcedurePage,
            slug=slug,
            title=title,
            summary=summary,
            typical_duration=duration,
            body=_stream([]),
            steps=json.dumps(step_blocks),
            tags={"topics": topics, "statuses": statuses, "audiences": audiences},
            reviewer=reviewer,
            reviewed_days_ago=30,
        )
        count += 1
    ctx.progress(f"Procedures: {len(data.PROCEDURES)}")

    for slug, title, topics, audiences, visibility, summary, sections in data.GUIDANCE:
        _article(
            index,
            GuidancePage,
            slug=slug,
            title=title,
            summary=summary,
            visibility=visibility,
            body=_stream(sections),
            tags={"topics": topics, "audiences": audiences},
            reviewer=reviewer,
            reviewed_days_ago=60,
        )
        count += 1
    for slug, title, topics, audiences, summary, questions in data.FAQS:
        _article(
            index,
            FaqPage,
            slug=slug,
            title=title,
            summary=summary,
            body=_stream([]),
            questions=json.dumps(
                [
                    {"type": "question", "value": {"question": q, "answer": f"<p>{a}</p>"}}
                    for q, a in questions
                ]
            ),
            tags={"topics": topics, "audiences": audiences},
            reviewer=reviewer,
            reviewed_days_ago=90,
        )
        count += 1
    ctx.progress(f"Guidance and FAQ: {len(data.GUIDANCE) + len(data.FAQS)}")
    ctx.progress(f"Knowledge articles in total: {count}")
