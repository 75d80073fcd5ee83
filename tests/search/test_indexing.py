"""Index updates: builders, publish/unpublish through one task run, outages and reconcile."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from portal.access import Role, Visibility
from portal.models import ContentPage
from search import engine, services
from search.contract import search
from search.models import PendingUpdate, SearchDocument
from tests.directory.factories import (
    ContactPersonFactory,
    LocationFactory,
    OrganisationFactory,
    ResponsibilityFactory,
)
from tests.factories import MunicipalityFactory, TopicFactory

CLOSED_PORT = "http://127.0.0.1:9"


def keys(results):
    return [hit.key for hit in results.hits]


def publish_page(parent, **fields) -> ContentPage:
    page = parent.add_child(instance=ContentPage(live=False, **fields))
    page.save_revision().publish()
    page.refresh_from_db()  # publish() works on its own copy; this one is still "not live"
    return page


def test_an_organisation_document_carries_its_responsibilities_and_places(db):
    topic = TopicFactory(name="Aufenthalt", slug="aufenthalt")
    org = OrganisationFactory(name="Ausländerbehörde", abbreviation="ABH")
    LocationFactory(organisation=org, municipality=MunicipalityFactory(slug="herford"))
    ResponsibilityFactory(organisation=org, topic=topic, service_name="Beschäftigungserlaubnis")
    services.database_rebuild()
    document = SearchDocument.objects.get(key=f"organisation:{org.pk}")
    assert document.title == "Ausländerbehörde (ABH)"
    assert "Beschäftigungserlaubnis" in document.text
    assert document.topics == ["aufenthalt"]
    assert document.municipalities == ["herford"]
    assert document.visibility == Visibility.PUBLIC


def test_a_contact_keeps_its_visibility_and_leaves_with_its_organisation(db):
    org = OrganisationFactory()
    contact = ContactPersonFactory(organisation=org, visibility=Visibility.PARTNERS)
    services.database_rebuild()
    assert SearchDocument.objects.get(key=f"contact:{contact.pk}").visibility == "partners"
    org.is_active = False
    org.save()
    services.pending_process()
    assert not SearchDocument.objects.filter(
        key__in=[f"contact:{contact.pk}", f"organisation:{org.pk}"]
    ).exists()


def test_a_page_appears_after_publishing_and_disappears_after_unpublishing(
    search_engine, home_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = publish_page(home_page, title="Neue Regeln zur Westbalkanregelung", slug="wbr")
    assert keys(search("Westbalkanregelung", user=None)) == [f"page:{page.pk}"]
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert keys(search("Westbalkanregelung", user=None)) == []
    assert not PendingUpdate.objects.exists()


def test_a_restricted_page_is_not_findable(db, home_page):
    page = publish_page(home_page, title="Interne Arbeitshilfe", slug="intern")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    services.database_rebuild()
    assert not SearchDocument.objects.filter(key=f"page:{page.pk}").exists()


def test_a_deleted_object_leaves_the_index(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        org = OrganisationFactory(name="Tafel Bünde")
    key = f"organisation:{org.pk}"
    assert SearchDocument.objects.filter(key=key).exists()
    with django_capture_on_commit_callbacks(execute=True):
        org.delete()
    assert not SearchDocument.objects.filter(key=key).exists()


def test_saving_never_fails_while_elasticsearch_is_down_and_updates_wait(
    db, settings, django_capture_on_commit_callbacks
):
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    engine._last_probe.clear()
    with django_capture_on_commit_callbacks(execute=True):
        org = OrganisationFactory(name="Caritas Herford")
    # The database copy is current; the Elasticsearch update waits for the next run.
    assert SearchDocument.objects.filter(key=f"organisation:{org.pk}").exists()
    pending = PendingUpdate.objects.get(key=f"organisation:{org.pk}")
    assert pending.attempts == 1 and "Connection" in pending.last_error
    assert services.pending_process() == (0, 1)
    assert PendingUpdate.objects.get(key=f"organisation:{org.pk}").attempts == 2


def test_queries_fall_back_to_the_database_with_a_notice_when_elasticsearch_is_down(
    client, db, settings
):
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    engine._last_probe.clear()
    services.document_store(
        kind="organisation", pk=1, data=services.DocumentData(title="Jobcenter", url="/jc/")
    )
    response = client.get("/suche/", {"q": "Jobcenter"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>Jobcenter</mark>" in html
    assert "vorübergehend" in html or "temporarily" in html
    assert client.get("/healthz").json()["search"]["state"] == "degraded"


@pytest.mark.elasticsearch
def test_after_an_outage_reconcile_deletes_first_then_catches_up(
    db, settings, elasticsearch_url, django_capture_on_commit_callbacks
):
    import uuid

    from search.backends import elastic

    settings.ELASTICSEARCH_URL = elasticsearch_url
    settings.ELASTICSEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:10]}"
    settings.SEARCH_REFRESH_ON_WRITE = True
    engine._last_probe.clear()
    try:
        secret = ContactPersonFactory(family_name="Geheimrath", visibility=Visibility.PUBLIC)
        services.database_rebuild()
        services.elasticsearch_reindex()
        assert keys(search("Geheimrath", user=None)) == [f"contact:{secret.pk}"]

        # Outage: the contact goes partners-only and a new organisation appears.
        settings.ELASTICSEARCH_URL = CLOSED_PORT
        engine._last_probe.clear()
        with django_capture_on_commit_callbacks(execute=True):
            secret.visibility = Visibility.PARTNERS
            secret.save()
            fresh = OrganisationFactory(name="Flüchtlingshilfe Vlotho")
        assert PendingUpdate.objects.count() == 2

        # Back: the stale public copy is gone from Elasticsearch after one reconcile.
        settings.ELASTICSEARCH_URL = elasticsearch_url
        engine._last_probe.clear()
        call_command("search_reconcile", verbosity=0)
        elastic.refresh()
        assert not PendingUpdate.objects.exists()
        assert search("Geheimrath", user=None).engine == "elasticsearch"
        assert keys(search("Geheimrath", user=None)) == []
        assert keys(search("Vlotho", user=None)) == [f"organisation:{fresh.pk}"]
        # A document deleted from the database while nobody told Elasticsearch goes as well.
        SearchDocument.objects.filter(key=f"organisation:{fresh.pk}").delete()
        assert services.elasticsearch_reconcile()["deleted"] == 1
    finally:
        es = elastic.client()
        names = list(es.indices.get(index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}-*").keys())
        if names:
            es.indices.delete(index=",".join(names))


def test_status_and_reindex_commands_report_counts(db, capsys):
    OrganisationFactory()
    call_command("search_reindex")
    call_command("search_status")
    out = capsys.readouterr().out
    assert "organisation" in out and "In step." in out


def test_partner_staff_find_a_partners_only_contact_built_from_the_directory(db, make_user):
    contact = ContactPersonFactory(family_name="Quellenberg", visibility=Visibility.PARTNERS)
    services.database_rebuild()
    assert keys(search("Quellenberg", user=None)) == []
    assert keys(search("Quellenberg", user=make_user(Role.PARTNER_STAFF))) == [
        f"contact:{contact.pk}"
    ]


def test_gendered_job_titles_are_found_by_their_stem(search_engine, index_documents):
    """ "Tischler/in" is one path-like token to PostgreSQL's parser; the document text also
    carries it split at the slash, so every engine finds it for "Tischler"."""
    from tests.search.conftest import doc

    index_documents({"offer:1": doc("Ausbildung Tischler/in", summary="Helfer/-in gesucht")})
    assert keys(search("Tischler", user=None)) == ["offer:1"]
    assert keys(search("Helfer", user=None)) == ["offer:1"]
