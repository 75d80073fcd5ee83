"""Absolute links: from the request's host, else the given Site, else BASE_URL; never a loopback
address in production."""

import pytest
from wagtail.models import Site

from portal import config
from portal.links import absolute_url, base_url


def test_a_request_gives_its_own_scheme_and_host(rf, settings):
    settings.ALLOWED_HOSTS = ["minden.example"]
    request = rf.get("/termine/", HTTP_HOST="minden.example")
    assert absolute_url("/termine/kalender/", request=request) == (
        "http://minden.example/termine/kalender/"
    )
    secure = rf.get("/", HTTP_HOST="minden.example", secure=True)
    assert base_url(request=secure) == "https://minden.example"


def test_the_request_wins_over_site_and_base_url(rf, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://ipnetz.example"
    site = Site(hostname="herford.example", port=443)
    request = rf.get("/")
    assert absolute_url("/a/", request=request, site=site) == "http://testserver/a/"


def test_a_site_gives_its_root_url(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://ipnetz.example"
    assert absolute_url("/a/", site=Site(hostname="herford.example", port=443)) == (
        "https://herford.example/a/"
    )
    assert base_url(site=Site(hostname="127.0.0.1", port=8000)) == "http://127.0.0.1:8000"


def test_without_request_or_site_base_url_is_used(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://ipnetz.example/"
    assert absolute_url("/verzeichnis/") == "https://ipnetz.example/verzeichnis/"
    assert absolute_url("verzeichnis/") == "https://ipnetz.example/verzeichnis/"
    assert base_url() == "https://ipnetz.example"


def test_an_absolute_url_stays_as_it_is(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://ipnetz.example"
    assert absolute_url("https://other.example/x/") == "https://other.example/x/"


@pytest.mark.django_db
def test_the_demo_site_answers_at_base_url(demo_site, client, settings):
    """The demo's Site is BASE_URL's host (http://testserver in the tests, 127.0.0.1:8000 in
    development): the sitemap, feeds and printed pages no longer say http://localhost."""
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("testserver", 80)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/" in sitemap
    assert "localhost" not in sitemap


# --- BASE_URL in production ---------------------------------------------------------------------


def test_base_url_is_required_in_production(monkeypatch):
    monkeypatch.delenv("BASE_URL", raising=False)
    with pytest.raises(config.ConfigError, match="BASE_URL is required"):
        config.base_url(required=True)
    assert config.base_url(required=False) == "http://127.0.0.1:8000"


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost",
        "http://localhost:8000/",
        "http://127.0.0.1:8000",
        "http://[::1]:8000",
        "http://0.0.0.0",
        "http://ipnetz.localhost",
    ],
)
def test_production_refuses_a_base_url_on_this_machine(monkeypatch, url):
    monkeypatch.setenv("BASE_URL", url)
    with pytest.raises(config.ConfigError, match="names this machine"):
        config.base_url(required=True)
    assert config.base_url(required=False) == url.rstrip("/")


@pytest.mark.parametrize("url", ["ipnetz.example", "ftp://ipnetz.example", "https://"])
def test_a_malformed_base_url_is_a_config_error(monkeypatch, url):
    monkeypatch.setenv("BASE_URL", url)
    with pytest.raises(config.ConfigError, match="BASE_URL"):
        config.base_url(required=False)


def test_a_public_base_url_is_accepted_in_production(monkeypatch):
    monkeypatch.setenv("BASE_URL", "https://ipnetz.kreis-herford.de/")
    assert config.base_url(required=True) == "https://ipnetz.kreis-herford.de"


@pytest.mark.django_db
def test_feeds_ics_and_printed_pages_name_the_host_they_are_read_at(demo_site, client):
    """Even where the Site still has Wagtail's placeholder host, what a reader downloads links to
    the address they read it at (issue 18: these said http://localhost/…)."""
    from events.models import EventPage
    from knowledge.models import KnowledgeIndexPage, KnowledgePage

    Site.objects.filter(is_default_site=True).update(hostname="localhost")
    article = KnowledgePage.objects.live().filter(visibility="public").first()
    event = EventPage.objects.live().filter(visibility="public").first()
    index = KnowledgeIndexPage.objects.live().first()
    for url in (
        article.url + "drucken/",
        index.url + "feed/",
        f"/termine/veranstaltung/{event.pk}.ics",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode().replace("\r\n ", "")  # unfold iCalendar lines
        assert "http://testserver/" in body, url
        assert "localhost" not in body, url
