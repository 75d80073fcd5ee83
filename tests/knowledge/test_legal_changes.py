"""Legal changes over time: an announced change is in force from its effective date on (the page
computes it, a daily job stores it), editors confirm it in a report, and superseded changes point
both ways and are never offered as current."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from knowledge import selectors, services
from knowledge.models import LegalChangePage
from portal import housekeeping
from portal.access import Role
from tests.knowledge.factories import GuidancePageFactory, LegalChangePageFactory

pytestmark = pytest.mark.django_db

ANNOUNCED = LegalChangePage.State.ANNOUNCED
IN_FORCE = LegalChangePage.State.IN_FORCE
SUPERSEDED = LegalChangePage.State.SUPERSEDED


@pytest.fixture
def editor(make_user, with_totp):
    return with_totp(make_user(Role.EDITOR, is_staff=False))


def announced(parent, publish, *, effective: datetime.date, **fields):
    page = LegalChangePageFactory(
        parent=parent, state=ANNOUNCED, effective_date=effective, **fields
    )
    return publish(page)


def at(moment: datetime.datetime):
    """Move the clock to ``moment`` (Django's ``timezone.now``, so ``localdate`` follows)."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


def test_the_clock_passes_an_announced_change_date(client, home_page, knowledge_index, publish):
    effective = timezone.localdate() + datetime.timedelta(days=3)
    page = announced(
        knowledge_index, publish, effective=effective, title="GEAS-Reform", summary="Angekündigt."
    )
    home = client.get(home_page.url).content.decode()
    assert f"geplant ab {effective:%d.%m.%Y}" in home
    # The editors prepare the text for the day: approved and scheduled for the effective date.
    go_live = timezone.make_aware(datetime.datetime.combine(effective, datetime.time(0, 0)))
    page.summary = "Gilt seit dem Stichtag."
    page.go_live_at = go_live
    page.save_revision(log_action=True).publish()

    with at(go_live + datetime.timedelta(days=1, hours=6)):
        page.refresh_from_db()
        assert page.current_state == IN_FORCE  # the page knows it before any job has run
        call_command("publish_scheduled", verbosity=0)  # the worker's minute timer
        (job,) = [job for job in housekeeping.jobs("day") if job.name.endswith("in_force")]
        job.run()  # the daily timer
        page.refresh_from_db()
        assert page.state == IN_FORCE
        assert page.summary == "Gilt seit dem Stichtag."
        home = client.get(home_page.url).content.decode()
        assert f"in Kraft seit {effective:%d.%m.%Y}" in home
        assert "geplant ab" not in home
        html = client.get(page.url).content.decode()
        assert "In Kraft" in html and "Angekündigt<" not in html
        history = client.get(page.url + "aenderungen/").content.decode()
        assert "<ins>Gilt seit dem Stichtag.</ins>" in history
        # Nobody has confirmed that the law did take effect: the editors' report says so.
        assert [p.pk for p in selectors.legal_changes_to_confirm()] == [page.pk]


def test_the_page_shows_in_force_before_the_job_has_stored_it(client, knowledge_index, publish):
    page = announced(knowledge_index, publish, effective=datetime.date(2026, 6, 12))
    assert page.state == ANNOUNCED
    assert page.state_on(datetime.date(2026, 6, 11)) == ANNOUNCED
    assert page.state_on(datetime.date(2026, 6, 12)) == IN_FORCE
    with at(timezone.make_aware(datetime.datetime(2026, 12, 1, 12))):
        assert page.current_state == IN_FORCE
        html = client.get(page.url).content.decode()
        feed = client.get(knowledge_index.url + "feed/").content.decode()
    assert "badge--in_force" in html and "In Kraft seit" in html
    assert "In Kraft: 12.06.2026" in feed


def test_the_daily_job_stores_the_state_in_the_page_and_its_revisions(knowledge_index, publish):
    page = announced(knowledge_index, publish, effective=datetime.date(2026, 6, 12))
    later = announced(knowledge_index, publish, effective=datetime.date(2027, 1, 1))
    page.title = "Entwurf einer Überarbeitung"
    page.save_revision()  # a draft waits for approval; the job must not publish it
    assert services.put_legal_changes_in_force(today=datetime.date(2026, 12, 1)) == 1
    page.refresh_from_db()
    later.refresh_from_db()
    assert page.state == IN_FORCE and later.state == ANNOUNCED
    assert page.title != "Entwurf einer Überarbeitung"
    assert page.live_revision.content["state"] == IN_FORCE
    assert page.get_latest_revision().content["state"] == IN_FORCE
    assert page.get_latest_revision().content["title"] == "Entwurf einer Überarbeitung"
    assert services.put_legal_changes_in_force(today=datetime.date(2026, 12, 1)) == 0


def test_the_report_flags_announced_changes_until_an_editor_confirms_them(
    client, knowledge_index, publish, editor
):
    today = datetime.date(2026, 12, 1)
    unconfirmed = announced(knowledge_index, publish, effective=datetime.date(2026, 6, 12))
    future = announced(knowledge_index, publish, effective=datetime.date(2027, 1, 1))
    LegalChangePageFactory(parent=knowledge_index, effective_date=datetime.date(2020, 1, 1))
    services.put_legal_changes_in_force(today=today)
    flagged = [p.pk for p in selectors.legal_changes_to_confirm(today=today)]
    assert flagged == [unconfirmed.pk]
    assert future.pk not in flagged

    client.force_login(editor)
    report = reverse("knowledge_admin:legal_changes_to_confirm")
    html = client.get(report).content.decode()
    assert unconfirmed.title in html and "12.06.2026" in html
    assert report in client.get("/admin/").content.decode()

    services.page_mark_reviewed(page=unconfirmed, by=editor, on=today)
    assert not selectors.legal_changes_to_confirm(today=today).exists()


def test_a_successor_names_the_change_it_supersedes(client, knowledge_index, publish):
    successor = publish(LegalChangePageFactory(parent=knowledge_index, title="GEAS-Reform 2026"))
    old = publish(
        LegalChangePageFactory(
            parent=knowledge_index,
            title="Asylverfahren bis 2026",
            state=SUPERSEDED,
            superseded_by=successor,
        )
    )
    html = client.get(successor.url).content.decode()
    assert "Löst ab" in html and f'href="{old.url}"' in html


def test_related_pages_never_offer_a_superseded_change(client, knowledge_index, topic):
    successor = LegalChangePageFactory(parent=knowledge_index, title="Neue Regel", topics=[topic])
    old = LegalChangePageFactory(
        parent=knowledge_index,
        title="Alte Regel",
        topics=[topic],
        state=SUPERSEDED,
        superseded_by=successor,
    )
    guidance = GuidancePageFactory(parent=knowledge_index, title="Orientierung", topics=[topic])
    html = client.get(guidance.url).content.decode()
    assert successor.title in html and old.title not in html
    newest = selectors.newest_legal_changes(user=AnonymousUser(), index_page=knowledge_index)
    assert successor in newest and old not in newest
