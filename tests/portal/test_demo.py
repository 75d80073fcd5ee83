"""load_demo: idempotent, refuses foreign content, prints one login per role."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page

from portal.models import ContentPage, Municipality, OutboundEmail

pytestmark = pytest.mark.django_db


def _counts():
    return (Page.objects.count(), get_user_model().objects.count(), Municipality.objects.count())


def test_load_demo_twice_gives_the_same_database_and_mails_nobody(committed, mailoutbox):
    out = io.StringIO()
    with committed():  # as on a real install: the on-commit work (tasks, e-mails) runs too
        call_command("load_demo", stdout=out)
    assert not OutboundEmail.objects.exists() and mailoutbox == []
    first = _counts()
    call_command("load_demo", stdout=io.StringIO())
    assert _counts() == first
    text = out.getvalue()
    for role in ("Administrator", "Editor", "Partner staff", "Employer", "Volunteer"):
        assert role in text
    assert "[1/" in text  # progress
    # Mails greet with the site's name (issue 14: "Hallo von !"); the workflows read in German.
    from wagtail.models import Site, Workflow

    assert Site.objects.get(is_default_site=True).site_name == "Integration Point Kreis Herford"
    assert not Workflow.objects.filter(name__icontains="approval").exists()


def test_load_demo_refuses_a_database_with_real_content(home_page):
    home_page.add_child(instance=ContentPage(title="Echte Seite", slug="echt"))
    with pytest.raises(CommandError, match="not demo content"):
        call_command("load_demo", stdout=io.StringIO())
    assert not Municipality.objects.exists()


def test_load_demo_with_force_adds_the_demo_anyway(home_page):
    home_page.add_child(instance=ContentPage(title="Echte Seite", slug="echt"))
    call_command("load_demo", "--force", stdout=io.StringIO())
    assert Municipality.objects.count() == 9
    assert ContentPage.objects.filter(slug="echt").exists()
