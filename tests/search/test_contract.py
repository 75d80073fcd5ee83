"""The search contract, one suite for both engines (database always, Elasticsearch when the
test run has a node): the promises of issue 6."""

from __future__ import annotations

import pytest

from portal.access import Role, Visibility
from search.backends import Filters
from search.contract import search, suggest
from tests.search.conftest import doc

NETWORK = {
    "organisation:1": doc(
        "Ausländerbehörde Kreis Herford",
        summary="Aufenthaltstitel, Duldung, Beschäftigungserlaubnis und Einbürgerung.",
        text="Die Ausländerbehörde berät zu Aufenthalt und Arbeitsmarktzugang.",
        topics=["aufenthalt"],
        municipalities=["herford"],
        audiences=["partner-staff", "refugees"],
    ),
    "organisation:2": doc(
        "Jobcenter Herford",
        summary="Leistungen nach dem SGB II und Arbeitsvermittlung.",
        text="Beratung für erwerbsfähige Leistungsberechtigte.",
        topics=["sgb2", "arbeitsvermittlung"],
        municipalities=["herford"],
        audiences=["refugees"],
    ),
    "organisation:3": doc(
        "Agentur für Arbeit Herford",
        summary="Berufsberatung und Arbeitsvermittlung im Rechtskreis SGB III.",
        topics=["arbeitsvermittlung"],
        municipalities=["buende"],
        audiences=["employers"],
    ),
    "procedure:10": doc(
        "Beschäftigungserlaubnis bei Duldung beantragen",
        summary="So beantragen Geduldete die Erlaubnis zur Beschäftigung.",
        text="Die Beschäftigungserlaubnis für Menschen mit Duldung erteilt die "
        "Ausländerbehörde nach Zustimmung der Bundesagentur.",
        topics=["aufenthalt"],
        audiences=["partner-staff"],
    ),
    "procedure:11": doc(
        "Wohnsitzauflage ändern",
        summary="Umzug mit Wohnsitzauflage: wer zuständig ist.",
        text="Bei Duldung entscheidet die Ausländerbehörde auch über die Wohnsitzauflage.",
        topics=["aufenthalt", "wohnen"],
    ),
    "contact:20": doc(
        "Frieda Quellenberg",
        summary="Sachbearbeitung Beschäftigungserlaubnis, Ausländerbehörde.",
        visibility=Visibility.PARTNERS,
        topics=["aufenthalt"],
    ),
    "contact:21": doc("Hakan Brinkmeier", summary="Integration Point, Empfang."),
}


@pytest.fixture
def network(index_documents):
    index_documents(NETWORK)


def keys(results):
    return [hit.key for hit in results.hits]


def test_an_abbreviation_finds_the_authority(network, search_engine):
    results = search("ABH", user=None)
    assert results.engine == search_engine
    assert "organisation:1" in keys(results)


def test_two_words_put_the_work_permit_procedure_on_top(network):
    results = search("Beschäftigungserlaubnis Duldung", user=None)
    assert keys(results)[0] == "procedure:10"


def test_a_typo_still_finds_the_authority_on_elasticsearch(network, search_engine):
    results = search("Auslanderbehorde", user=None)
    assert "organisation:1" in keys(results)
    if search_engine == "elasticsearch":
        assert "organisation:1" in keys(search("Auslaenderbehoerde", user=None))


def test_a_partners_only_person_is_found_by_partner_staff_only(network, make_user):
    assert keys(search("Quellenberg", user=None)) == []
    partner = make_user(Role.PARTNER_STAFF)
    assert keys(search("Quellenberg", user=partner)) == ["contact:20"]
    # A pending or role-less account has the rights of an anonymous visitor.
    assert keys(search("Quellenberg", user=make_user())) == []


def test_facet_counts_equal_the_hits(network):
    results = search("Herford", user=None)
    assert results.total == 3
    assert sum(v.count for v in results.facets["kind"]) == results.total
    municipality = {v.value: v.count for v in results.facets["municipalities"]}
    assert municipality == {"herford": 2, "buende": 1}
    narrowed = search("Herford", user=None, filters=Filters(municipalities="buende"))
    assert keys(narrowed) == ["organisation:3"]
    assert narrowed.total == municipality["buende"]


def test_facets_never_count_what_the_user_may_not_see(network, partner_user):
    anonymous = {
        v.value: v.count for v in search("Beschäftigungserlaubnis", user=None).facets["kind"]
    }
    partner = {
        v.value: v.count
        for v in search("Beschäftigungserlaubnis", user=partner_user).facets["kind"]
    }
    assert "contact" not in anonymous
    assert partner["contact"] == 1


def test_pagination_is_stable_and_complete(index_documents):
    index_documents(
        {f"event:{n}": doc(f"Sprachcafé Termin {n}", text="Sprachcafé") for n in range(25)}
    )
    seen = []
    for page in (1, 2, 3):
        results = search("Sprachcafé", user=None, page=page)
        assert results.total == 25
        seen.extend(keys(results))
    assert len(seen) == len(set(seen)) == 25
    assert keys(search("Sprachcafé", user=None, page=2)) == seen[10:20]


def test_snippets_are_highlighted_and_escaped(index_documents):
    index_documents({"procedure:30": doc("<b>Beratung</b>", text="Beratung & <script>x</script>")})
    results = search("Beratung", user=None)
    hit = results.hits[0]
    assert "<mark>" in hit.snippet or "<mark>" in hit.title_html
    assert "<script>" not in hit.snippet and "<b>" not in hit.title_html


def test_did_you_mean_suggests_an_indexed_word(network):
    results = search("Wohnsitzauflge", user=None)
    if results.total == 0:
        assert results.suggestion
        assert search(results.suggestion, user=None).total >= 1


@pytest.mark.parametrize(
    "query",
    [
        "title:x AND (",
        '"Jobcenter',
        "Job\x00center\x1b[0m",
        "x" * 10_000,
        "*:* OR 1=1; DROP TABLE search_searchdocument; --",
        "NEAR(a b) ^ ~ { } [ ] \\",
    ],
)
def test_hostile_queries_answer_cleanly(network, query):
    results = search(query, user=None)
    assert results.total >= 0


def test_autocomplete_finds_by_prefix_and_abbreviation_and_respects_visibility(
    network, partner_user
):
    assert suggest("Jobc", user=None)[0]["title"] == "Jobcenter Herford"
    assert "Ausländerbehörde Kreis Herford" in [s["title"] for s in suggest("ABH", user=None)]
    assert suggest("Quellen", user=None) == []
    assert [s["title"] for s in suggest("Quellen", user=partner_user)] == ["Frieda Quellenberg"]
