"""Seats under concurrency, on the real databases: many registrations at once never overbook,
simultaneous cancellations promote exactly as many as left, and a registration that cannot get
the lock in time answers "please try again" instead of hanging.

The harness starts every worker thread at a barrier; each thread has its own database
connection (Django's connections are per thread). The negative control switches the lock off
(``events.services.registrations.LOCK_OCCURRENCE``, a test-only switch) and must see
overbooking — proof that the harness can see a race at all, so that the positive result means
something.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.test import Client
from django.urls import reverse

from events.choices import EventKind
from events.models import Occurrence, Registration
from events.services import RegistrationBusy, RegistrationData
from events.services import registrations as services
from portal.access import Role
from tests.events.factories import make_event, occurrence_of

WORKERS = 40
SEATS = 10


def race(count: int, work) -> list:
    """Run ``work(i)`` in ``count`` threads released together; results (or exceptions)."""
    barrier = threading.Barrier(count, timeout=30)
    results: list = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait()
            with services.notifications_suppressed():
                results[index] = work(index)
        except Exception as exc:  # noqa: BLE001 - the test inspects what each worker got
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a worker hangs"
    return results


@pytest.fixture
def widened_race(monkeypatch):
    """Sleep between counting seats and writing the registration: a race, if there is one,
    becomes near-certain. The lock timeout is raised so that forty queued workers all wait."""

    def widen(seconds: float):
        monkeypatch.setattr(services, "race_window", lambda: time.sleep(seconds))
        monkeypatch.setattr(services, "LOCK_TIMEOUT_SECONDS", 60)

    return widen


def register_all(occurrence, users) -> list:
    def work(index):
        user = users[index]
        return services.registration_create(
            occurrence=occurrence,
            user=user,
            data=RegistrationData(name=user.last_name, email=user.email),
        ).status

    return race(len(users), work)


@pytest.fixture
def forty_employers(make_user):
    return [make_user(Role.EMPLOYER) for _ in range(WORKERS)]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_forty_simultaneous_registrations_for_ten_seats_give_ten_confirmed_and_thirty_waiting(
    forty_employers, widened_race
):
    occurrence = occurrence_of(make_event(kind=EventKind.INFORMATION, capacity=SEATS))
    widened_race(0.02)
    results = register_all(occurrence, forty_employers)
    assert [r for r in results if isinstance(r, Exception)] == []
    assert sorted(results).count("confirmed") == SEATS
    assert sorted(results).count("waiting") == WORKERS - SEATS
    assert occurrence.registrations.confirmed().count() == SEATS
    assert occurrence.registrations.waiting().count() == WORKERS - SEATS
    assert Occurrence.objects.with_counts().get(pk=occurrence.pk).confirmed_seats == SEATS


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_negative_control_without_the_lock_the_same_harness_sees_overbooking(
    forty_employers, widened_race, monkeypatch
):
    monkeypatch.setattr(services, "LOCK_OCCURRENCE", False)
    occurrence = occurrence_of(make_event(capacity=SEATS))
    widened_race(0.2)
    results = register_all(occurrence, forty_employers)
    assert [r for r in results if isinstance(r, Exception)] == []
    confirmed = occurrence.registrations.confirmed().count()
    assert confirmed > SEATS, (
        "the harness could not produce a race; the positive test proves nothing"
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_three_simultaneous_cancellations_with_five_waiting_promote_exactly_three_in_order(
    make_user, widened_race
):
    occurrence = occurrence_of(make_event(capacity=3))
    users = [make_user(Role.EMPLOYER) for _ in range(8)]
    registrations = []
    for user in users:  # one after the other: a known order
        registrations.append(
            services.registration_create(
                occurrence=occurrence, user=user, data=RegistrationData(name="x", email=user.email)
            )
        )
    confirmed, waiting = registrations[:3], registrations[3:]
    assert {r.status for r in confirmed} == {"confirmed"}
    assert {r.status for r in waiting} == {"waiting"}
    widened_race(0.05)

    results = race(
        3, lambda index: services.registration_cancel(registration=confirmed[index]).status
    )

    assert results == ["cancelled"] * 3
    fresh = {r.pk: r for r in Registration.objects.filter(occurrence=occurrence)}
    promoted = [fresh[r.pk] for r in waiting[:3]]
    assert [r.status for r in promoted] == ["confirmed"] * 3
    assert [fresh[r.pk].status for r in waiting[3:]] == ["waiting", "waiting"]
    stamps = [r.promoted_at for r in promoted]
    assert stamps == sorted(stamps), "moved up out of order"
    assert occurrence.registrations.confirmed().count() == 3


def _hold_lock(occurrence, release: threading.Event, locked: threading.Event) -> None:
    """Another request in the middle of its registration: it holds the occurrence's lock."""
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                Occurrence.objects.select_for_update().get(pk=occurrence.pk)
            # On SQLite the transaction is IMMEDIATE: its BEGIN took the database's write lock
            # (readers go on, as with a real WAL database; writers wait).
            locked.set()
            release.wait(timeout=30)
    finally:
        connections.close_all()


@pytest.fixture
def lock_held():
    """``with lock_held(occurrence):`` – the occurrence is locked by another connection."""
    import contextlib

    @contextlib.contextmanager
    def hold(occurrence):
        release, locked = threading.Event(), threading.Event()
        holder = threading.Thread(target=_hold_lock, args=(occurrence, release, locked))
        holder.start()
        assert locked.wait(timeout=10)
        try:
            yield
        finally:
            release.set()
            holder.join(timeout=30)

    return hold


def _in_thread(call):
    """Run ``call`` on a fresh connection in another thread; (result or exception, seconds)."""
    box = {}

    def run():
        started = time.monotonic()
        try:
            box["result"] = call()
        except Exception as exc:  # noqa: BLE001
            box["result"] = exc
        finally:
            box["seconds"] = time.monotonic() - started
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    assert not thread.is_alive(), "the registration hangs"
    return box["result"], box["seconds"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_registration_that_cannot_get_the_lock_in_time_is_asked_to_try_again(
    make_user, lock_held, monkeypatch
):
    monkeypatch.setattr(services, "LOCK_TIMEOUT_SECONDS", 1)
    occurrence = occurrence_of(make_event())
    user = make_user(Role.EMPLOYER)
    with lock_held(occurrence):
        result, seconds = _in_thread(
            lambda: services.registration_create(
                occurrence=occurrence, user=user, data=RegistrationData(name="x", email=user.email)
            )
        )
    assert isinstance(result, RegistrationBusy), result
    assert result.code == "busy" and str(result)
    assert seconds < 8
    assert not Registration.objects.exists()
    # Once the lock is free, the same registration simply works.
    registration = services.registration_create(
        occurrence=occurrence, user=user, data=RegistrationData(name="x", email=user.email)
    )
    assert registration.status == "confirmed"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_over_http_a_busy_registration_is_a_friendly_503_not_a_500(
    make_user, lock_held, monkeypatch
):
    monkeypatch.setattr(services, "LOCK_TIMEOUT_SECONDS", 1)
    occurrence = occurrence_of(make_event())
    user = make_user(Role.EMPLOYER)
    url = reverse("events:register", args=[occurrence.pk])

    client = Client()
    client.force_login(user)
    assert client.get(url).status_code == 200  # creates the site settings row before the lock

    def post():
        return client.post(url, {"name": "Erika Muster", "email": user.email})

    with lock_held(occurrence):
        response, seconds = _in_thread(post)
    assert not isinstance(response, Exception), response
    assert response.status_code == 503 and response["Retry-After"]
    assert 'role="alert"' in response.content.decode()
    assert seconds < 10
