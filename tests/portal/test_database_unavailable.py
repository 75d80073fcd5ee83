"""A read-only or failing database is reported, and pages that must write say so (issue 20,
item 6): with the SQLite file read-only, search and suggestions answered 500, login 429, and
``/healthz`` "ok".

The database is made to refuse through an execute wrapper on the test's own connection: writes
(or every statement) raise ``OperationalError`` as SQLite does for a read-only file, on both
databases, without touching the test transaction.
"""

from __future__ import annotations

import contextlib

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.db import connection
from django.db.utils import OperationalError
from django.urls import reverse

from portal.access import Role

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's


@contextlib.contextmanager
def database_refuses(*, everything: bool = False):
    """Writes (``everything``: every statement) fail as on a read-only SQLite file."""

    def refuse(execute, sql, params, many, context):
        verb = sql.lstrip().split(None, 1)[0].upper()
        if everything or verb in WRITES:
            raise OperationalError("attempt to write a readonly database")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse):
        yield


def assert_friendly_503(response):
    assert response.status_code == 503
    assert response["Retry-After"]
    html = response.content.decode()
    assert "vorübergehend" in html and "temporarily" in html
    assert "Traceback" not in html and "OperationalError" not in html


def test_healthz_reports_a_database_that_does_not_accept_writes(client):
    with database_refuses():
        response = client.get("/healthz")
    assert response.status_code == 503
    data = response.json()
    assert data["status"] == "down"
    assert data["database"]["state"] == "read-only"
    assert data["database"]["error"] == "OperationalError"
    assert "write" in data["database"]["reason"]


def test_healthz_leaves_nothing_behind(client):
    from django.contrib.contenttypes.models import ContentType

    before = list(ContentType.objects.order_by("pk").values_list("pk", "app_label", "model"))
    assert client.get("/healthz").json()["database"]["state"] == "ok"
    assert list(ContentType.objects.order_by("pk").values_list("pk", "app_label", "model")) == (
        before
    )


def test_healthz_reports_a_database_that_does_not_answer(client):
    with database_refuses(everything=True):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"]["state"] == "down"


def test_search_answers_a_friendly_503_when_its_query_log_cannot_be_written(client):
    client.raise_request_exception = False
    with database_refuses():
        response = client.get("/suche/", {"q": "Jobcenter"})
    assert_friendly_503(response)


def test_suggestions_answer_503_when_the_database_fails(client):
    client.raise_request_exception = False
    with database_refuses(everything=True):
        response = client.get("/suche/vorschlaege", {"q": "Jobcenter"})
    assert_friendly_503(response)


def _verified(make_user, *roles):
    user = make_user(*roles)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_login_answers_503_not_a_server_error(client, make_user, fresh_cache):
    client.raise_request_exception = False
    user = _verified(make_user)
    with database_refuses():
        response = client.post("/konto/anmelden/", {"login": user.email, "password": PASSWORD})
    assert_friendly_503(response)


def test_login_answers_503_not_a_misleading_429_with_the_database_cache(
    client, make_user, settings
):
    """Production keeps the rate limits in the database cache: an unwritable database made every
    limit look exhausted."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "ipnetz_test_cache",
        }
    }
    call_command("createcachetable", verbosity=0)
    client.raise_request_exception = False
    user = _verified(make_user)
    with database_refuses():
        response = client.post("/konto/anmelden/", {"login": user.email, "password": PASSWORD})
    assert_friendly_503(response)


def test_event_registration_answers_503(client, make_user, fresh_cache):
    from events.models import EventKind, Registration
    from tests.events.factories import make_event, occurrence_of

    employer = make_user(Role.EMPLOYER)
    event = make_event(kind=EventKind.MEETING_POINT, capacity=10, max_attendees=3)
    url = reverse("events:register", args=[occurrence_of(event).pk])
    client.force_login(employer)
    client.raise_request_exception = False
    with database_refuses():
        response = client.post(
            url,
            {
                "name": "Erika Muster",
                "email": employer.email,
                "organisation": "Tischlerei Muster GmbH",
                "attendees": "1",
                "website": "",
            },
        )
    assert_friendly_503(response)
    assert not Registration.objects.exists()


def test_other_database_errors_stay_server_errors(client, settings):
    """Only an unavailable database is a 503; a programming error stays a 500 (and is seen)."""
    from django.db.utils import ProgrammingError

    def broken(execute, sql, params, many, context):
        raise ProgrammingError("no such column: oops")

    client.raise_request_exception = False
    with connection.execute_wrapper(broken):
        response = client.get("/suche/vorschlaege", {"q": "Jobcenter"})
    assert response.status_code == 500
