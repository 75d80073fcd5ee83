"""The knowledge demo: enough realistic content, idempotent, every page marked as demo."""

from django.core.management import call_command
from wagtail.models import Workflow

from knowledge.models import GlossaryTerm, KnowledgePage, LegalChangePage


def test_demo_loads_thirty_articles_a_glossary_and_the_workflow(demo_site, client):
    articles = KnowledgePage.objects.live()
    assert articles.count() >= 30
    assert GlossaryTerm.objects.count() >= 40
    assert LegalChangePage.objects.filter(state="announced").exists()
    superseded = LegalChangePage.objects.get(state="superseded")
    assert superseded.superseded_by is not None
    assert Workflow.objects.get(name="Zweite Freigabe").workflow_pages.exists()
    for page in articles:
        assert "Demo-Inhalt" in str(page.body), page.title

    response = client.get("/wissen/beschaeftigungserlaubnis-beantragen/")
    assert response.status_code == 200

    call_command("load_demo", verbosity=0)
    assert KnowledgePage.objects.count() == articles.count()
