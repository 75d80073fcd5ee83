"""The search page and the autocomplete endpoint: facets, snippets, bad input, caching, stats."""

from __future__ import annotations

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from portal.access import Visibility
from search.models import QueryStat
from tests.search.conftest import doc


@pytest.fixture
def documents(index_documents):
    index_documents(
        {
            "organisation:1": doc(
                "Ausländerbehörde Kreis Herford",
                url="/verzeichnis/organisation/abh/",
                summary="Aufenthalt & Duldung",
                municipalities=["herford"],
            ),
            "organisation:2": doc(
                "Jobcenter Herford", url="/verzeichnis/organisation/jc/", municipalities=["buende"]
            ),
            "contact:3": doc(
                "Frieda Quellenberg", url="/verzeichnis/o/1/", visibility=Visibility.PARTNERS
            ),
        }
    )


def test_search_page_shows_hits_with_kind_and_highlight(client, documents):
    response = client.get("/suche/", {"q": "ABH"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>Ausländerbehörde</mark> Kreis Herford" in html
    assert "#building" in html


def test_a_facet_link_narrows_the_results(client, documents):
    response = client.get("/suche/", {"q": "Herford", "ort": "buende"})
    html = response.content.decode()
    assert "Jobcenter <mark>Herford</mark>" in html
    assert "Ausländerbehörde" not in html
    assert 'aria-current="true"' in html


@pytest.mark.parametrize("page", ["-1", "abc", "0", "100000", "1e3"])
def test_a_bad_page_number_is_a_400_with_a_message(client, documents, page):
    response = client.get("/suche/", {"q": "Herford", "page": page})
    assert response.status_code == 400
    assert "Seitenzahl" in response.content.decode() or "page number" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ["title:x AND (", '"""', "a\x07b\x1bc", "x" * 2_000, "<script>alert(1)</script>", "%%%"],
)
def test_hostile_input_never_breaks_the_page(client, documents, query):
    response = client.get("/suche/", {"q": query, "thema": query, "ort": "\x7f"})
    assert response.status_code == 200
    assert b"<script>alert" not in response.content


@pytest.mark.parametrize(
    "params", [{"q": "a\x00b"}, {"q": "Herford", "ort": "\x00"}, {"q": "x" * 10_000}]
)
def test_nul_bytes_and_over_long_queries_are_refused_before_the_page(client, documents, params):
    """The kernel refuses them for every view (portal.middleware.MalformedRequestMiddleware)."""
    response = client.get("/suche/", params)
    assert response.status_code == 400
    assert b"<script>alert" not in response.content


def test_zero_results_offer_the_finder_and_the_desk(client, documents):
    html = client.get("/suche/", {"q": "Quellenberg"}).content.decode()
    assert "0 Ergebnisse" in html or "0 results" in html
    assert "/verzeichnis/wer-ist-zustaendig/" in html


def test_suggestions_are_json_and_visibility_filtered(client, documents, partner_user):
    response = client.get("/suche/vorschlaege", {"q": "Quell"})
    assert response.json()["suggestions"] == []
    client.force_login(partner_user)
    response = client.get("/suche/vorschlaege", {"q": "Quell"})
    assert [s["title"] for s in response.json()["suggestions"]] == ["Frieda Quellenberg"]
    assert "private" in response["Cache-Control"]


def test_results_for_a_logged_in_user_are_not_cached_publicly(client, documents, partner_user):
    client.force_login(partner_user)
    response = client.get("/suche/", {"q": "Quellenberg"})
    assert "Frieda <mark>Quellenberg</mark>" in response.content.decode()
    assert "private" in response["Cache-Control"]


def test_queries_are_counted_without_personal_data(client, documents, partner_user):
    """Only anonymous visitors' queries are counted (staff type clients' names, issue 20,
    item 10), and never with a user, IP or session."""
    client.get("/suche/", {"q": "  Jobcenter "})
    client.get("/suche/", {"q": "Gibtesnicht"})
    client.force_login(partner_user)
    client.get("/suche/", {"q": "jobcenter"})
    client.get("/suche/", {"q": "Frieda Quellenberg"})
    stats = {s.query: (s.searches, s.zero_results) for s in QueryStat.objects.all()}
    assert stats == {"jobcenter": (1, 0), "gibtesnicht": (1, 1)}
    field_names = {f.name for f in QueryStat._meta.get_fields()}
    assert field_names == {"id", "day", "query", "searches", "zero_results"}


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Termin anna.schmidt@example.org", "termin"),
        ("Wohngeld 0172 1234567", "wohngeld"),
        ("Aktenzeichen 12-345/2026", "aktenzeichen"),
        ("Frau Ayşe Yılmaz Beratung", "beratung"),
        ("Herr Dr. Müller", None),
        ("Sprechstunde Hr. Nolting", "sprechstunde"),
        ("geboren 01.02.1990", "geboren"),
        ("max.mustermann@web.de", None),
    ],
)
def test_digits_addresses_and_names_are_removed_before_a_query_is_stored(
    client, documents, typed, stored
):
    """96 of 278 stored queries held e-mail addresses: what looks personal is removed first."""
    client.get("/suche/", {"q": typed})
    assert list(QueryStat.objects.values_list("query", flat=True)) == ([stored] if stored else [])


def test_counted_queries_are_forgotten_after_30_days(documents):
    import datetime

    from django.utils import timezone

    from portal import housekeeping

    today = timezone.localdate()
    for age in (0, 29, 30, 400):
        QueryStat.objects.create(day=today - datetime.timedelta(days=age), query=f"q{age}")
    job = {j.name: j for j in housekeeping.jobs("day")}["search.query_retention"]
    assert job.run() == "2 query counts deleted"
    assert sorted(QueryStat.objects.values_list("query", flat=True)) == ["q0", "q29"]


def test_promoted_results_come_first(client, documents, home_page):
    SearchPromotion.objects.create(
        query=Query.get("jobcenter"),
        external_link_url="https://www.arbeitsagentur.de/",
        external_link_text="Jobbörse",
        sort_order=0,
    )
    html = client.get("/suche/", {"q": "Jobcenter"}).content.decode()
    assert "Jobbörse" in html
    assert html.index("Jobbörse") < html.index("Herford</a>")
