"""Rate limits behind the documented proxy: per client, not per proxy, and counted atomically.

Every limit of the portal is allauth's (``ACCOUNT_RATE_LIMITS``), keyed on allauth's client
address, so one setting (``TRUSTED_PROXY_COUNT`` → ``ALLAUTH_TRUSTED_PROXY_COUNT``) makes all of
them count the visitor behind nginx instead of nginx itself.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from allauth.core import ratelimit
from django.test import RequestFactory
from django.urls import reverse

from portal.access import Role
from tests.events.factories import make_event, occurrence_of

ROOT = Path(__file__).resolve().parents[2]
PASSWORD_OF_FACTORY = "correct-horse-battery"
PROXY = "10.0.0.5"  # REMOTE_ADDR of every request: the nginx in front of gunicorn


def _setting_under(env: dict[str, str]) -> str:
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)"
    )
    environ = {k: v for k, v in os.environ.items() if k != "TRUSTED_PROXY_COUNT"}
    environ.update({"DJANGO_SETTINGS_MODULE": "portal.settings.test", **env})
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environ, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_number_of_trusted_proxies_is_a_setting_defaulting_to_none():
    assert _setting_under({}) == "0"
    assert _setting_under({"TRUSTED_PROXY_COUNT": "1"}) == "1"


@pytest.fixture
def behind_nginx(settings):
    """The documented deployment: one nginx that appends the client to X-Forwarded-For."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1

    def meta(client_address: str) -> dict:
        return {"HTTP_X_FORWARDED_FOR": client_address, "REMOTE_ADDR": PROXY}

    return meta


@pytest.mark.django_db
def test_failed_logins_of_ten_clients_do_not_lock_out_an_eleventh(client, make_user, behind_nginx):
    for number in range(10):
        client.post(
            "/konto/anmelden/",
            {"login": f"angreifer{number}@example.org", "password": "falsch"},
            **behind_nginx(f"198.51.100.{number + 1}"),
        )
    user = make_user(email="ziel@betrieb.example")
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client.post(
        "/konto/anmelden/",
        {"login": user.email, "password": PASSWORD_OF_FACTORY},
        **behind_nginx("203.0.113.77"),
    )
    assert client.session.get("_auth_user_id") == str(user.pk)


@pytest.mark.django_db
def test_twelve_employers_registering_once_each_are_not_refused(client, make_user, behind_nginx):
    event = make_event()
    url = reverse("events:register", args=[occurrence_of(event).pk])
    statuses = []
    for number in range(12):
        client.force_login(make_user(Role.EMPLOYER))
        response = client.post(url, {"name": ""}, **behind_nginx(f"198.51.100.{number}"))
        statuses.append(response.status_code)
    assert 429 not in statuses


@pytest.mark.django_db
def test_a_spoofed_forwarded_for_does_not_escape_the_limit(client, behind_nginx):
    """nginx appends the real client last: addresses a client writes in front are ignored."""
    for number in range(11):
        response = client.post(
            "/konto/anmelden/",
            {"login": f"a{number}@example.org", "password": "falsch"},
            **behind_nginx(f"192.0.2.{number}, 203.0.113.9"),
        )
    assert "zu viele" in response.content.decode().lower()


@pytest.mark.parametrize("action", ["login_failed", "event_registration", "feedback"])
def test_forty_simultaneous_requests_from_one_address_get_exactly_the_limit(
    settings, fresh_cache, action
):
    """The counter is updated under a lock (cache ``add``), so no refusal goes uncounted and no
    eleventh request slips through: of 40 simultaneous requests, exactly ``amount`` pass."""
    rates = settings.ACCOUNT_RATE_LIMITS[action]
    ip_rate = next(rate for rate in rates.split(",") if rate.endswith("/ip"))
    amount = int(ip_rate.split("/")[0])
    settings.ACCOUNT_RATE_LIMITS = {action: ip_rate}
    start = threading.Barrier(40)
    results: list[bool] = []

    def hit():
        request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.40")
        start.wait()
        results.append(ratelimit.consume(request, action=action))

    threads = [threading.Thread(target=hit) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count(True) == amount
    assert results.count(False) == 40 - amount
    # The refused ones stay refused: the next request is refused as well.
    again = RequestFactory().post("/", REMOTE_ADDR="192.0.2.40")
    assert not ratelimit.consume(again, action=action)
