"""/healthz: JSON with the database and the search engine; 200 while the database answers."""

import pytest

from search import engine


@pytest.mark.django_db
def test_healthz_reports_database_and_search_engine(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["status"] == "ok"
    assert data["database"]["state"] == "ok"
    assert data["search"] == {
        "state": "ok",
        "configured": "database",
        "engine": "database",
        "detail": "",
    }


@pytest.mark.django_db
def test_healthz_reports_degraded_search_when_elasticsearch_is_unreachable(client, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # closed port
    engine._last_probe.clear()
    response = client.get("/healthz")
    assert response.status_code == 200
    search = response.json()["search"]
    assert search["state"] == "degraded"
    assert search["configured"] == "elasticsearch"
    assert search["engine"] == "database"


@pytest.mark.django_db
def test_search_page_answers_from_the_database_when_elasticsearch_is_down(client, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    engine._last_probe.clear()
    response = client.get("/suche/", {"q": "Impressum"})
    assert response.status_code == 200
    assert b"vor\xc3\xbcbergehend" in response.content or b"temporarily" in response.content
