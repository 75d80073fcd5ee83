"""Workflows of the knowledge base: subscriptions and digests, review reminders, moderation."""

from __future__ import annotations

import base64
import datetime
import logging
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from knowledge import selectors
from knowledge.models import KnowledgePage, TopicSubscription
from portal.access import Role, visible_to
from portal.mail import queue_templated_email

logger = logging.getLogger("ipnetz.knowledge")

UNSUBSCRIBE_SALT = "knowledge.unsubscribe"
PERIODS = {
    TopicSubscription.Frequency.DAILY: datetime.timedelta(days=1),
    TopicSubscription.Frequency.WEEKLY: datetime.timedelta(days=7),
}
WORKFLOW_NAME = "Zweite Freigabe"


# --- subscriptions -----------------------------------------------------------------------------


@transaction.atomic
def subscriptions_set(*, user, topics, frequency: str) -> list[TopicSubscription]:
    """Make ``user``'s subscriptions exactly ``topics`` at ``frequency``. A new subscription's
    first digest covers what is published from now on, not the archive."""
    if frequency not in TopicSubscription.Frequency.values:
        raise ValueError(f"unknown frequency {frequency!r}")
    topic_ids = {topic.pk for topic in topics}
    TopicSubscription.objects.filter(user=user).exclude(topic_id__in=topic_ids).delete()
    TopicSubscription.objects.filter(user=user, topic_id__in=topic_ids).update(frequency=frequency)
    existing = set(TopicSubscription.objects.filter(user=user).values_list("topic_id", flat=True))
    now = timezone.now()
    TopicSubscription.objects.bulk_create(
        TopicSubscription(user=user, topic_id=pk, frequency=frequency, covered_until=now)
        for pk in sorted(topic_ids - existing)
    )
    return list(TopicSubscription.objects.filter(user=user).select_related("topic"))


def unsubscribe_token(*, user) -> str:
    """A signed token that ends every knowledge digest of ``user`` without a login.

    The signed value is base64url-encoded once more: the link is a route of the knowledge index
    page, and Wagtail's page URLs allow only letters, digits, ``_`` and ``-`` in a segment (a
    signature's ``:`` separators would make the link a 404)."""
    signed = signing.dumps({"u": user.pk}, salt=UNSUBSCRIBE_SALT)
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def _user_id_from_token(token: str) -> int | None:
    try:
        padded = token + "=" * (-len(token) % 4)
        signed = base64.urlsafe_b64decode(padded.encode("ascii")).decode()
        data = signing.loads(signed, salt=UNSUBSCRIBE_SALT)
        return int(data["u"])
    except (signing.BadSignature, KeyError, TypeError, ValueError, UnicodeError):
        return None


def token_is_valid(*, token: str) -> bool:
    return _user_id_from_token(token) is not None


def unsubscribe(*, token: str) -> int | None:
    """End the digests the token belongs to. None when the token is invalid (tampered);
    otherwise the number of subscriptions removed (0 when already unsubscribed)."""
    user_id = _user_id_from_token(token)
    if user_id is None:
        return None
    deleted, _per_model = TopicSubscription.objects.filter(user_id=user_id).delete()
    logger.info("user %s unsubscribed from knowledge digests by link", user_id)
    return deleted


def send_digests(*, frequency: str, now: datetime.datetime | None = None, base_url: str) -> int:
    """Queue one digest e-mail per reader whose subscriptions at ``frequency`` are due; returns
    the number of e-mails queued. Each reader is handled in its own transaction: the e-mail goes
    into the outbox (which retries failed sends) together with the new ``covered_until``."""
    now = now or timezone.now()
    due_before = now - PERIODS[frequency] + datetime.timedelta(minutes=5)
    due = (
        TopicSubscription.objects.filter(frequency=frequency, covered_until__lte=due_before)
        .select_related("user", "topic")
        .order_by("user_id", "topic__name")
    )
    by_user: dict[int, list[TopicSubscription]] = defaultdict(list)
    for subscription in due:
        by_user[subscription.user_id].append(subscription)
    queued = 0
    for subscriptions in by_user.values():
        if _send_digest(subscriptions=subscriptions, now=now, base_url=base_url):
            queued += 1
    return queued


def _send_digest(*, subscriptions: list[TopicSubscription], now, base_url: str) -> bool:
    user = subscriptions[0].user
    since = min(subscription.covered_until for subscription in subscriptions)
    topics = [subscription.topic for subscription in subscriptions]
    with transaction.atomic():
        pages = list(
            visible_to(
                user,
                KnowledgePage.objects.live().filter(
                    topics__in=topics, last_published_at__gt=since, last_published_at__lte=now
                ),
            )
            .distinct()
            .order_by("-last_published_at")
        )
        sent = False
        if pages and user.is_active and user.email:
            with translation.override("de"):
                context = {
                    "user": user,
                    "topics": topics,
                    "pages": [(page, base_url.rstrip("/") + (page.url or "")) for page in pages],
                    "unsubscribe_url": _unsubscribe_url(pages[0], user=user, base_url=base_url),
                }
                queue_templated_email(
                    template="knowledge/email/digest",
                    context=context,
                    subject=_("New in the knowledge base: %(count)s pages") % {"count": len(pages)},
                    to=[user.email],
                )
            sent = True
        TopicSubscription.objects.filter(pk__in=[s.pk for s in subscriptions]).update(
            covered_until=now
        )
    return sent


def _unsubscribe_url(page, *, user, base_url: str) -> str:
    index_url = page.index_url
    return f"{base_url.rstrip('/')}{index_url}abbestellen/{unsubscribe_token(user=user)}/"


# --- review ------------------------------------------------------------------------------------


def send_review_reminders(*, today: datetime.date | None = None, base_url: str) -> int:
    """E-mail every owner of pages overdue for review one list of them; returns e-mails queued.
    Pages without an owner go to the editors group."""
    by_email: dict[str, list[KnowledgePage]] = defaultdict(list)
    editors = list(
        get_user_model()
        .objects.filter(groups__name=Role.EDITOR, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    for page in selectors.overdue_for_review(today=today):
        owner = page.owner or page.last_reviewed_by
        recipients = [owner.email] if owner is not None and owner.email else editors
        for email in recipients:
            by_email[email].append(page)
    with transaction.atomic(), translation.override("de"):
        for email, pages in by_email.items():
            queue_templated_email(
                template="knowledge/email/review_reminder",
                context={"pages": pages, "base_url": base_url.rstrip("/")},
                subject=_("Knowledge base: %(count)s pages are due for review")
                % {"count": len(pages)},
                to=[email],
            )
    return len(by_email)


@transaction.atomic
def page_mark_reviewed(
    *, page: KnowledgePage, by, on: datetime.date | None = None
) -> KnowledgePage:
    """Record that ``by`` checked the live content of ``page`` today and found it correct.

    Only the review fields change — on the page, on its live revision and on a newer draft — so
    the record needs no second approval and an unapproved draft is never published by it. The
    audit log keeps who confirmed what and when ("knowledge.reviewed")."""
    from dateutil.relativedelta import relativedelta
    from wagtail.log_actions import log

    page = page.specific
    on = on or timezone.localdate()
    due = on + relativedelta(months=page.review_interval_months)
    fields = {"last_reviewed_on": on, "last_reviewed_by": by, "review_due_on": due}
    KnowledgePage.objects.filter(pk=page.pk).update(**fields)
    stored = {"last_reviewed_on": on.isoformat(), "last_reviewed_by": by.pk}
    stored["review_due_on"] = due.isoformat()
    for revision in {page.live_revision, page.latest_revision} - {None}:
        revision.content = {**revision.content, **stored}
        revision.save(update_fields=["content"])
    page.refresh_from_db()
    log(instance=page, action="knowledge.reviewed", user=by, data={"on": on.isoformat()})
    return page


@transaction.atomic
def put_legal_changes_in_force(*, today: datetime.date | None = None) -> int:
    """Store "in force" for announced legal changes whose effective date has come (the pages
    show it from that day on anyway, ``LegalChangePage.state_on``), so that lists, filters and the
    editor agree. As with a review, only the state changes — on the page, its live revision and a
    newer draft — and nothing unapproved is published. Each switch is logged, and the change
    stays in the editors' report until someone confirms it (``legal_changes_to_confirm``)."""
    from wagtail.log_actions import log

    from knowledge.models import LegalChangePage

    today = today or timezone.localdate()
    due = list(
        LegalChangePage.objects.filter(
            state=LegalChangePage.State.ANNOUNCED, effective_date__lte=today
        )
    )
    for page in due:
        LegalChangePage.objects.filter(pk=page.pk).update(state=LegalChangePage.State.IN_FORCE)
        for revision in {page.live_revision, page.latest_revision} - {None}:
            if revision.content.get("state") == LegalChangePage.State.ANNOUNCED:
                revision.content = {**revision.content, "state": LegalChangePage.State.IN_FORCE}
                revision.save(update_fields=["content"])
        log(
            instance=page,
            action=selectors.IN_FORCE_ACTION,
            data={"effective_date": page.effective_date.isoformat()},
        )
    return len(due)


# --- moderation --------------------------------------------------------------------------------


@transaction.atomic
def ensure_second_approval_workflow(*, page):
    """The "Zweite Freigabe" workflow (a moderator other than the author approves) assigned to
    ``page`` and so to its subtree. Idempotent; a plain group task of that name left by an older
    version is replaced by the four-eyes task."""
    from django.contrib.auth.models import Group
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    from knowledge.models import SecondApprovalTask

    moderators, _created = Group.objects.get_or_create(name=Role.MODERATOR)
    task = SecondApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = SecondApprovalTask.objects.create(name=WORKFLOW_NAME)
    task.groups.add(moderators)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    legacy = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME, secondapprovaltask__isnull=True)
    WorkflowTask.objects.filter(workflow=workflow, task__in=legacy).delete()
    legacy.update(active=False)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow
