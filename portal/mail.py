"""The outbox: every e-mail the portal sends is first stored, then delivered by a background task.

An SMTP outage therefore delays mail but loses none: a failed delivery stays queued with a growing
back-off, and ``manage.py send_queued_email`` (run every minute by the worker's timer, see
docs/deployment.md) retries everything that is due. Apps call ``queue_templated_email`` (or, for a
body that is already text, ``queue_email``); nothing else in the portal talks to SMTP directly.
"""

from __future__ import annotations

import base64
import datetime
import logging
from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass

from django.core.mail import EmailMessage
from django.db import transaction
from django.template import Context
from django.template.loader import get_template
from django.utils import timezone, translation

logger = logging.getLogger("ipnetz.mail")

MAX_BACKOFF = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str


def queue_email(
    *,
    subject: str,
    body: str,
    to: Iterable[str],
    from_email: str | None = None,
    attachments: Iterable[Attachment] = (),
    reply_to: Iterable[str] = (),
):
    """Store an e-mail in the outbox and deliver it after the surrounding transaction commits."""
    from portal.models import OutboundEmail

    recipients = [address for address in to if address]
    if not recipients:
        return None
    email = OutboundEmail.objects.create(
        subject=subject[:250],
        body=body,
        from_email=from_email or "",
        to=recipients,
        reply_to=list(reply_to),
        attachments=[
            {
                "filename": a.filename,
                "mimetype": a.mimetype,
                "content": base64.b64encode(a.content).decode("ascii"),
            }
            for a in attachments
        ],
    )
    transaction.on_commit(lambda: _enqueue(email.pk))
    return email


def queue_templated_email(
    *,
    template: str,
    context: dict,
    to: Iterable[str],
    subject: str | None = None,
    language: str | None = None,
    from_email: str | None = None,
    attachments: Iterable[Attachment] = (),
    reply_to: Iterable[str] = (),
):
    """Render an e-mail from templates and store it in the outbox (see ``queue_email``).

    ``template`` names a pair without its ending: ``"offers/email/invitation"`` renders
    ``offers/email/invitation.txt`` as the body and ``offers/email/invitation_subject.txt`` as the
    subject, whose whitespace (the template's line breaks) collapses to single spaces. A ready
    ``subject`` text replaces the subject template. Both are rendered in ``language`` when given
    (the recipient's; otherwise the active one) and without HTML escaping: the mail is plain text.
    """
    with translation.override(language) if language else nullcontext():
        if subject is None:
            subject = _render(f"{template}_subject.txt", context)
        subject = " ".join(str(subject).split())
        body = _render(f"{template}.txt", context)
    return queue_email(
        subject=subject,
        body=body,
        to=to,
        from_email=from_email,
        attachments=attachments,
        reply_to=reply_to,
    )


def _render(name: str, context: dict) -> str:
    return get_template(name).template.render(Context(context, autoescape=False))


def _enqueue(email_id: int) -> None:
    from portal.tasks import deliver_email

    try:
        deliver_email.enqueue(email_id=email_id)
    except Exception:  # the task queue itself is down: the timer's sweep picks it up
        logger.exception("could not enqueue delivery of e-mail %s", email_id)


def backoff(attempts: int) -> datetime.timedelta:
    """1, 2, 4 … minutes, at most an hour."""
    return min(datetime.timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def deliver(email_id: int) -> bool:
    """Try to send one queued e-mail now. True when it is sent (or was already)."""
    from portal.models import OutboundEmail

    with transaction.atomic():
        email = OutboundEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status == OutboundEmail.Status.SENT:
            return True
        message = EmailMessage(
            subject=email.subject,
            body=email.body,
            from_email=email.from_email or None,
            to=email.to,
            reply_to=email.reply_to or None,
        )
        for item in email.attachments:
            message.attach(item["filename"], base64.b64decode(item["content"]), item["mimetype"])
        email.attempts += 1
        try:
            message.send(fail_silently=False)
        except Exception as exc:  # SMTP down, refused, timeout …: keep it queued
            email.last_error = f"{exc.__class__.__name__}: {exc}"[:500]
            email.next_attempt_at = timezone.now() + backoff(email.attempts)
            email.save(update_fields=["attempts", "last_error", "next_attempt_at"])
            logger.warning(
                "e-mail %s not sent (attempt %s): %s", email.pk, email.attempts, email.last_error
            )
            return False
        email.status = OutboundEmail.Status.SENT
        email.sent_at = timezone.now()
        email.last_error = ""
        email.save(update_fields=["attempts", "status", "sent_at", "last_error"])
        return True


def send_due(*, limit: int = 500) -> tuple[int, int]:
    """Retry every queued e-mail whose next attempt is due. Returns (sent, still queued)."""
    from portal.models import OutboundEmail

    due = list(OutboundEmail.objects.due().values_list("pk", flat=True)[:limit])
    sent = sum(1 for pk in due if deliver(pk))
    return sent, len(due) - sent
