"""Staying informed: topic subscriptions, daily and weekly digests through the outbox (a failed
send is retried, never lost), and the one-click unsubscribe link that needs no login."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from knowledge import services
from knowledge.models import TopicSubscription
from portal.access import Role, Visibility
from portal.models import OutboundEmail
from tests.factories import TopicFactory
from tests.knowledge.factories import LegalChangePageFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()


@pytest.fixture
def topics(db):
    return TopicFactory(slug="aufenthalt", name="Aufenthalt"), TopicFactory(slug="schule")


@pytest.fixture
def reader(make_user):
    return make_user(Role.VOLUNTEER, email="leserin@example.org")


def subscribe(user, topics, frequency="weekly", since=None):
    result = services.subscriptions_set(user=user, topics=topics, frequency=frequency)
    if since is not None:
        TopicSubscription.objects.filter(user=user).update(covered_until=since)
    return result


def published(parent, publish, topic, **fields):
    page = LegalChangePageFactory(parent=parent, **fields)
    page.topics.set([topic])
    return publish(page)


def test_the_subscription_page_needs_a_login_and_saves_the_choice(
    client, knowledge_index, topics, reader
):
    url = knowledge_index.url + "abonnements/"
    assert client.get(url).status_code == 302
    client.force_login(reader)
    response = client.post(url, {"topics": [topics[0].pk], "frequency": "daily"})
    assert response.status_code == 302
    (subscription,) = TopicSubscription.objects.filter(user=reader)
    assert (subscription.topic, subscription.frequency) == (topics[0], "daily")
    assert client.get(url)["Cache-Control"] == "private"


def test_a_weekly_digest_lists_new_pages_of_the_topic_the_reader_may_see(
    knowledge_index, publish, topics, reader, django_capture_on_commit_callbacks
):
    subscribe(reader, [topics[0]], since=NOW - datetime.timedelta(days=8))
    published(knowledge_index, publish, topics[0], title="Neu: Bezahlkarte")
    published(knowledge_index, publish, topics[1], title="Anderes Thema")
    published(
        knowledge_index,
        publish,
        topics[0],
        title="Nur für Partner",
        visibility=Visibility.PARTNERS,
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_digests(frequency="weekly", base_url="https://ip.example") == 1
    (digest,) = mail.outbox
    assert digest.to == [reader.email]
    assert "Neu: Bezahlkarte" in digest.body
    assert "Anderes Thema" not in digest.body and "Nur für Partner" not in digest.body
    assert re.search(r"https://ip\.example/\S+/abbestellen/\S+/", digest.body)


def test_a_digest_is_sent_once_per_period(
    knowledge_index, publish, topics, reader, django_capture_on_commit_callbacks
):
    subscribe(reader, [topics[0]], since=NOW - datetime.timedelta(days=8))
    published(knowledge_index, publish, topics[0])
    with django_capture_on_commit_callbacks(execute=True):
        services.send_digests(frequency="weekly", base_url="https://ip.example")
        assert services.send_digests(frequency="weekly", base_url="https://ip.example") == 0
    assert len(mail.outbox) == 1


def test_nothing_new_sends_nothing_but_moves_the_period_on(topics, reader):
    subscribe(reader, [topics[0]], frequency="daily", since=NOW - datetime.timedelta(days=2))
    assert services.send_digests(frequency="daily", base_url="https://ip.example") == 0
    assert TopicSubscription.objects.get(user=reader).covered_until > NOW - datetime.timedelta(1)


def test_a_failed_send_stays_in_the_outbox_and_goes_out_later(
    settings, knowledge_index, publish, topics, reader, django_capture_on_commit_callbacks
):
    subscribe(reader, [topics[0]], since=NOW - datetime.timedelta(days=8))
    published(knowledge_index, publish, topics[0], title="Wichtige Änderung")
    settings.EMAIL_BACKEND = "tests.portal.test_mail.BrokenSMTP"
    with django_capture_on_commit_callbacks(execute=True):
        services.send_digests(frequency="weekly", base_url="https://ip.example")
    email = OutboundEmail.objects.get(to=[reader.email])
    assert email.sent_at is None and email.attempts == 1
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutboundEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
    call_command("send_queued_email", verbosity=0)
    assert [m.subject for m in mail.outbox if m.to == [reader.email]]


def test_the_command_enqueues_both_frequencies(topics, reader, capsys):
    subscribe(reader, [topics[0]], frequency="daily", since=NOW - datetime.timedelta(days=2))
    call_command("knowledge_notifications", "--reminders")
    assert "enqueued" in capsys.readouterr().out
    assert TopicSubscription.objects.get(user=reader).covered_until > NOW


def test_one_click_unsubscribe_without_login(client, knowledge_index, topics, reader):
    subscribe(reader, topics)
    url = f"{knowledge_index.url}abbestellen/{services.unsubscribe_token(user=reader)}/"
    # GET only asks (mail scanners follow links); POST unsubscribes.
    assert client.get(url).status_code == 200
    assert TopicSubscription.objects.filter(user=reader).count() == 2
    assert client.post(url).status_code == 200
    assert not TopicSubscription.objects.filter(user=reader).exists()


@pytest.mark.parametrize("token", ["manipuliert", "x" * 3000, "eyJ1IjoxfQ:1abc:gefälscht"])
def test_a_tampered_unsubscribe_token_gets_a_clear_404(client, knowledge_index, reader, token):
    url = f"{knowledge_index.url}abbestellen/{token}/"
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
