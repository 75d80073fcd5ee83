"""Fixtures for the account tests: organisations made directly (the directory's own factories
are the directory's business) and helpers that run the outbox after commit."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from portal.access import Role


@pytest.fixture
def organisation(db):
    """An organisation with a verified e-mail domain and one maintainer."""
    from directory.models import Organisation, OrganisationKind

    kind, _ = OrganisationKind.objects.get_or_create(slug="behoerde", defaults={"name": "Behörde"})
    return Organisation.objects.create(
        name="Jobcenter Teststadt",
        slug="jobcenter-teststadt",
        kind=kind,
        verified_email_domains="jobcenter-teststadt.example, jc-ts.example",
    )


@pytest.fixture
def maintainer(organisation, make_user):
    user = make_user(Role.PARTNER_STAFF, email="leitung@jobcenter-teststadt.example")
    organisation.maintainers.add(user)
    return user


@pytest.fixture
def verified_user(make_user):
    """``verified_user(*roles, **fields)``: a user whose e-mail allauth treats as verified."""

    def make(*roles, **fields):
        user = make_user(*roles, **fields)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        return user

    return make


def confirmation_link(message) -> str:
    """The e-mail confirmation path from an allauth confirmation mail."""
    match = re.search(r"https?://[^/\s]+(/\S*/email/bestaetigen/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture
def outbox(django_capture_on_commit_callbacks):
    """Run the request under test and deliver the queued mails: ``with outbox() as sent: ...``."""
    from contextlib import contextmanager

    @contextmanager
    def capture():
        start = len(mail.outbox)
        sent: list = []
        with django_capture_on_commit_callbacks(execute=True):
            yield sent
        sent.extend(mail.outbox[start:])

    return capture


@pytest.fixture(autouse=True)
def _fresh_rate_limits(fresh_cache):
    """allauth keeps rate-limit counters in the cache; each test starts with none."""
