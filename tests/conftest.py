"""Shared fixtures. Service-dependent tests (PostgreSQL, Elasticsearch, Chromium) are marked and
skipped with one clear line when the service is missing, unless REQUIRE_* says it must be there."""

from __future__ import annotations

import contextlib

import pytest
from wagtail.models import Page, Site

from portal.access import Role
from tests.factories import UserFactory

pytest_plugins = ["tests.plugins.services", "tests.plugins.database_state"]


@pytest.fixture
def home_page(db):
    """The home page the migrations create."""
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()


@pytest.fixture
def make_user(db):
    """``make_user(Role.PARTNER_STAFF)`` → a user holding that role (none: a plain account)."""

    def make(*roles: str, **fields):
        return UserFactory(roles=list(roles), **fields)

    return make


@pytest.fixture
def with_totp():
    """``with_totp(user)``: give an admin user an authenticator, so that the admin's two-factor
    requirement (``portal.accounts.middleware``) lets a force-logged-in test client through."""
    from allauth.mfa.totp.internal.auth import TOTP

    def activate(user):
        TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
        return user

    return activate


@pytest.fixture
def partner_user(make_user):
    return make_user(Role.PARTNER_STAFF)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed():`` runs the block's on-commit side effects (tasks, e-mails) at its
    end, as a real commit would."""

    @contextlib.contextmanager
    def run():
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return run


@pytest.fixture
def fresh_cache():
    """An empty cache before and after the test: rate limits, cached feeds and compiled
    glossaries must not leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture(autouse=True)
def _search_engine_breaker():
    """Every test starts with the search engine's circuit breakers closed (they live in the
    process, so one test's outage would otherwise skip Elasticsearch in the next)."""
    from search import engine

    engine.reset()
    yield
    engine.reset()
