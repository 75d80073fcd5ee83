"""A hanging Elasticsearch does not stall work (issue 20, item 8).

A node that accepts connections and never answers made a publish take 12.3 s with immediate
tasks. The client has connect and read time-outs, index updates on the publishing path a
shorter one, and a circuit breaker skips the node after a few failures: searches answer from
the database engine, updates wait in ``PendingUpdate``. Tested against a real socket that
accepts and never answers.
"""

from __future__ import annotations

import socket
import threading
import time

import pytest

from portal.models import ContentPage
from portal.settings import base as base_settings
from search import engine, services
from search.contract import search
from search.models import PendingUpdate, SearchDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def hanging_node():
    """``http://127.0.0.1:<port>`` of a server that accepts every connection and never answers."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    server.settimeout(0.05)
    held: list[socket.socket] = []
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                connection, _address = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            held.append(connection)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join(timeout=2)
    for connection in held:
        connection.close()
    server.close()


@pytest.fixture
def hanging(settings, hanging_node):
    settings.ELASTICSEARCH_URL = hanging_node
    engine.reset()
    yield hanging_node
    engine.reset()


def timed(call):
    start = time.monotonic()
    result = call()
    return result, time.monotonic() - start


def test_a_publish_takes_under_a_second_while_the_node_hangs(
    settings, hanging_node, home_page, django_capture_on_commit_callbacks
):
    def publish(title):
        page = home_page.add_child(instance=ContentPage(title=title, live=False))
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        return page

    # The first publish of a process loads templates, blocks, …, and the first talk to a node
    # imports the Elasticsearch client (about 0.5 s): a running server has done both.
    import search.backends.elastic  # noqa: F401

    publish("Aufwärmen")
    _page, baseline = timed(lambda: publish("Öffnungszeiten"))  # the database engine alone
    settings.ELASTICSEARCH_URL = hanging_node
    settings.ELASTICSEARCH_INDEX_TIMEOUT = base_settings.ELASTICSEARCH_INDEX_TIMEOUT
    page, seconds = timed(lambda: publish("Sprechzeiten"))
    # The target is a publish under 1 s (on an idle machine the publish's own work is about
    # 0.1 s): the hanging node may add one index time-out (0.5 s), and the machine's load
    # (CI runs a worker per core) is taken out by comparing with the same publish without it.
    assert seconds - baseline < 0.9, (seconds, baseline)
    # The database engine has it at once; Elasticsearch gets it once the node answers again.
    assert SearchDocument.objects.filter(key=f"page:{page.pk}").exists()
    # One task run for the publish's several signals: one attempt, one time-out.
    assert PendingUpdate.objects.get(key=f"page:{page.pk}").attempts == 1


def test_a_background_run_pays_one_time_out_not_one_per_update(hanging, settings):
    settings.ELASTICSEARCH_TIMEOUT = 0.3  # the worker's time-out; five of them would be 1.5 s
    for number in range(5):
        services.update_queue(kind="page", pk=1000 + number)
    (done, failed), seconds = timed(services.pending_process)
    assert (done, failed) == (0, 5)
    assert seconds < 1.0
    assert PendingUpdate.objects.filter(attempts=1).count() == 5


def test_searches_answer_from_the_database_within_a_second_once_the_breaker_opens(
    hanging, settings, client
):
    settings.ELASTICSEARCH_TIMEOUT = 0.2  # only to trip the breaker quickly
    services.document_store(
        kind="page", pk=1, data=services.DocumentData(title="Jobcenter Herford", url="/jc/")
    )
    for _attempt in range(settings.ELASTICSEARCH_BREAKER_FAILURES):
        assert search("Jobcenter", user=None).degraded
    assert engine.breaker().state == "open"

    settings.ELASTICSEARCH_TIMEOUT = 30.0  # the node is not asked at all while the breaker is open
    results, seconds = timed(lambda: search("Jobcenter", user=None))
    assert seconds < 1.0
    assert results.engine == "database" and results.degraded
    assert [hit.key for hit in results.hits] == ["page:1"]
    response, seconds = timed(lambda: client.get("/suche/vorschlaege", {"q": "Jobcenter"}))
    assert seconds < 1.0 and response.json()["suggestions"]


def test_healthz_reports_the_open_breaker_without_asking_the_node(hanging, settings, client):
    settings.ELASTICSEARCH_TIMEOUT = 0.2
    for _attempt in range(settings.ELASTICSEARCH_BREAKER_FAILURES):
        search("Jobcenter", user=None)
    settings.ELASTICSEARCH_TIMEOUT = 30.0
    response, seconds = timed(lambda: client.get("/healthz"))
    assert seconds < 1.0
    assert response.status_code == 200  # the portal works: search is degraded, not down
    report = response.json()["search"]
    assert report["state"] == "degraded"
    assert report["engine"] == "database"
    assert report["breaker"] == "open"
    assert "ConnectionTimeout" in report["detail"]


# --- the breaker itself -------------------------------------------------------------------


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_the_breaker_opens_after_consecutive_failures_only():
    clock = Clock()
    breaker = engine.CircuitBreaker(threshold=3, cooldown=30, clock=clock)
    breaker.failed("ConnectionError")
    breaker.failed("ConnectionError")
    breaker.succeeded()  # a success in between starts the count again
    breaker.failed("ConnectionError")
    breaker.failed("ConnectionError")
    assert breaker.state == "closed" and breaker.allow()
    breaker.failed("ConnectionTimeout")
    assert breaker.state == "open" and not breaker.allow()
    assert breaker.last_error == "ConnectionTimeout"


def test_after_the_cool_down_one_trial_decides():
    clock = Clock()
    breaker = engine.CircuitBreaker(threshold=1, cooldown=30, clock=clock)
    breaker.failed("ConnectionTimeout")
    clock.now += 29
    assert not breaker.allow()
    clock.now += 2
    assert breaker.state == "half-open"
    assert breaker.allow()  # the one trial
    assert not breaker.allow()  # everyone else still skips the node
    breaker.failed("ConnectionTimeout")
    assert breaker.state == "open"  # a failed trial opens it for another cool-down
    clock.now += 31
    assert breaker.allow()
    breaker.succeeded()
    assert breaker.state == "closed" and breaker.allow() and breaker.allow()


def test_an_answer_the_node_gives_is_no_failure(hanging_node, settings):
    """A 4xx (a bad query, a missing index) means the node answers: it neither trips the
    breaker nor leaves a half-open trial hanging."""
    from elasticsearch import NotFoundError

    settings.ELASTICSEARCH_URL = hanging_node
    engine.reset()

    class Meta:
        status = 404

    def missing():
        raise NotFoundError("index_not_found_exception", Meta(), {})

    for _attempt in range(5):
        with pytest.raises(NotFoundError):
            engine.guarded(missing)
    assert engine.breaker().state == "closed"
    engine.reset()


def test_time_outs_are_settings_with_sane_defaults():
    assert base_settings.ELASTICSEARCH_CONNECT_TIMEOUT <= 2.0
    assert base_settings.ELASTICSEARCH_TIMEOUT <= 5.0
    assert base_settings.ELASTICSEARCH_INDEX_TIMEOUT < 1.0
    assert base_settings.ELASTICSEARCH_BREAKER_FAILURES >= 1
    assert base_settings.ELASTICSEARCH_BREAKER_COOLDOWN > 0


def test_only_tasks_that_run_in_the_request_get_the_short_index_time_out(monkeypatch, settings):
    from search import tasks

    assert tasks._runs_in_the_request()  # the tests' immediate backend
    seen = []
    monkeypatch.setattr(services, "pending_process", lambda **kwargs: seen.append(kwargs) or (0, 0))
    tasks.process_pending_updates.call()
    monkeypatch.setattr(tasks, "_runs_in_the_request", lambda: False)  # the worker
    tasks.process_pending_updates.call()
    assert seen == [{"timeout": settings.ELASTICSEARCH_INDEX_TIMEOUT}, {"timeout": None}]
