"""The outbox: an SMTP outage delays e-mail but never loses it, and never fails the user."""

import datetime
import io
from pathlib import Path

import pytest
from django.core import mail as django_mail
from django.core.management import call_command
from django.utils import timezone

from portal import mail
from portal.models import AccessibilityStatementPage, OutboundEmail

pytestmark = pytest.mark.django_db


class BrokenSMTP:
    """An e-mail backend that fails like an unreachable SMTP server."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server unreachable")


@pytest.fixture
def smtp_down(settings):
    settings.EMAIL_BACKEND = "tests.portal.test_mail.BrokenSMTP"


def test_queued_email_is_sent_after_commit(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        email = mail.queue_email(
            subject="Hallo",
            body="Text",
            to=["a@example.org"],
            attachments=[mail.Attachment("t.ics", b"BEGIN", "text/calendar")],
        )
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT
    assert mailoutbox[0].attachments[0][0] == "t.ics"


def test_smtp_outage_keeps_the_email_queued_with_backoff(
    smtp_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        email = mail.queue_email(subject="Hallo", body="Text", to=["a@example.org"])
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.QUEUED
    assert email.attempts == 1
    assert "ConnectionRefusedError" in email.last_error
    assert email.next_attempt_at > timezone.now()


def test_retry_sweep_sends_what_is_due_once_smtp_is_back(settings, mailoutbox):
    email = OutboundEmail.objects.create(
        subject="Später",
        body="x",
        to=["b@example.org"],
        attempts=3,
        next_attempt_at=timezone.now() - datetime.timedelta(1),
    )
    not_due = OutboundEmail.objects.create(
        subject="Noch nicht",
        body="x",
        to=["c@example.org"],
        next_attempt_at=timezone.now() + datetime.timedelta(1),
    )
    call_command("send_queued_email", stdout=io.StringIO())
    email.refresh_from_db()
    not_due.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT
    assert not_due.status == OutboundEmail.Status.QUEUED
    assert [m.subject for m in mailoutbox] == ["Später"]


def test_backoff_grows_and_is_capped():
    assert [mail.backoff(n).total_seconds() // 60 for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert mail.backoff(30) == mail.MAX_BACKOFF


def test_feedback_form_answers_even_when_smtp_is_down(demo_site, client, smtp_down):
    page = AccessibilityStatementPage.objects.get()
    response = client.post(page.url, {"seite": "/", "beschreibung_der_barriere": "Fokus fehlt"})
    assert response.status_code == 200
    assert page.get_submission_class().objects.count() == 1
    assert OutboundEmail.objects.get().status == OutboundEmail.Status.QUEUED
    assert not django_mail.outbox


# --- the templated-mail helper ----------------------------------------------------------------

TEMPLATES = Path(__file__).parent / "mail_templates"


@pytest.fixture
def greeting_templates(settings):
    """``tests/greeting_subject.txt`` (spread over several lines) and ``tests/greeting.txt``."""
    engines = [dict(engine) for engine in settings.TEMPLATES]
    engines[0]["DIRS"] = [*engines[0].get("DIRS", []), TEMPLATES]
    settings.TEMPLATES = engines


def test_templated_email_renders_both_templates_and_queues_it(
    greeting_templates, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        email = mail.queue_templated_email(
            template="tests/greeting",
            context={"name": "O'Brien & Söhne <GmbH>"},
            to=["a@example.org", ""],
            reply_to=["desk@example.org"],
            attachments=[mail.Attachment("t.ics", b"BEGIN", "text/calendar")],
            language="en",
        )
    email.refresh_from_db()
    # The subject's line breaks and indentation collapse; plain text is not HTML-escaped.
    assert email.subject == "Hello, O'Brien & Söhne <GmbH>"
    assert email.body == "Hello, O'Brien & Söhne <GmbH>\n"
    assert (email.to, email.reply_to) == (["a@example.org"], ["desk@example.org"])
    assert email.status == OutboundEmail.Status.SENT
    (sent,) = mailoutbox
    assert sent.subject == email.subject
    assert sent.attachments[0][0] == "t.ics"


def test_templated_email_is_rendered_in_the_language_given(greeting_templates):
    from django.utils import translation

    with translation.override("en"):
        email = mail.queue_templated_email(
            template="tests/greeting", context={"name": "Ada"}, to=["a@example.org"], language="de"
        )
        assert translation.get_language() == "en"
    assert email.subject == "Guten Tag, Ada"
    assert email.body.startswith("Guten Tag, Ada")


def test_templated_email_without_language_uses_the_active_one(greeting_templates):
    from django.utils import translation

    with translation.override("en"):
        email = mail.queue_templated_email(
            template="tests/greeting", context={"name": "Ada"}, to=["a@example.org"]
        )
    assert email.subject == "Hello, Ada"


def test_a_ready_subject_replaces_the_subject_template_and_is_collapsed_too(greeting_templates):
    email = mail.queue_templated_email(
        template="tests/greeting",
        context={"name": "Ada"},
        subject="Termin\r\n  geändert:\tKurs",
        to=["a@example.org"],
    )
    assert email.subject == "Termin geändert: Kurs"


def test_templated_email_to_nobody_queues_nothing(greeting_templates):
    assert mail.queue_templated_email(template="tests/greeting", context={}, to=[""]) is None
    assert not OutboundEmail.objects.exists()
