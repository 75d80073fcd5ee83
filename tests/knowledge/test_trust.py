"""Trust: review dates with a report and reminders, live directory contacts in procedures, and
where editors see which pages use a contact (Wagtail's reference index)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from wagtail.models import ReferenceIndex

from knowledge import services
from knowledge.admin_views import pages_using
from portal.access import Role, Visibility
from tests.directory.factories import ContactPersonFactory, OrganisationFactory
from tests.knowledge.factories import GuidancePageFactory, ProcedurePageFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)


@pytest.fixture
def editor(make_user, with_totp):
    from django.contrib.auth.models import Permission

    user = with_totp(make_user(Role.EDITOR, email="redaktion@kreis.example"))
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def reviewed(parent, publish, *, on, months=12, **fields):
    page = GuidancePageFactory(
        parent=parent, last_reviewed_on=on, review_interval_months=months, **fields
    )
    return publish(page)


def procedure_with(parent, publish, *, contact=None, organisation=None):
    step = {"title": "Antrag stellen", "what_to_do": "<p>Formular ausfüllen.</p>"}
    if contact is not None:
        step["contact"] = contact
    if organisation is not None:
        step["organisation"] = organisation
    page = ProcedurePageFactory(parent=parent, steps=[("step", step)])
    page = publish(page)
    ReferenceIndex.create_or_update_for_object(page)
    return page


def test_a_page_is_due_its_interval_after_the_last_review(knowledge_index, publish):
    page = reviewed(knowledge_index, publish, on=datetime.date(2025, 11, 30), months=12)
    assert page.review_due_on == datetime.date(2026, 11, 30)
    assert [p.pk for p in services.selectors.overdue_for_review(today=TODAY)] == [page.pk]
    assert not list(services.selectors.overdue_for_review(today=datetime.date(2026, 11, 29)))


def test_never_reviewed_pages_are_overdue(knowledge_index, publish):
    page = publish(GuidancePageFactory(parent=knowledge_index))
    assert page.pk in [p.pk for p in services.selectors.overdue_for_review(today=TODAY)]


def test_the_admin_report_lists_overdue_pages(client, knowledge_index, publish, editor):
    due = reviewed(knowledge_index, publish, on=datetime.date(2024, 1, 1), title="Veraltet")
    fresh = reviewed(knowledge_index, publish, on=datetime.date.today(), title="Frisch geprüft")
    client.force_login(editor)
    html = client.get(reverse("knowledge_admin:overdue_review")).content.decode()
    assert due.title in html
    assert fresh.title not in html


def test_owners_get_one_reminder_listing_their_overdue_pages(
    knowledge_index, publish, make_user, django_capture_on_commit_callbacks
):
    owner = make_user(Role.EDITOR, email="pruefer@kreis.example")
    for title in ("Seite A", "Seite B"):
        page = reviewed(knowledge_index, publish, on=datetime.date(2024, 1, 1), title=title)
        page.owner = owner
        page.save(update_fields=["owner"])
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.send_review_reminders(today=TODAY, base_url="https://ip.example")
    assert sent == 1
    (message,) = [m for m in mail.outbox if m.to == [owner.email]]
    assert "Seite A" in message.body and "Seite B" in message.body
    assert "https://ip.example/admin/pages/" in message.body


def test_marking_a_page_reviewed_moves_its_due_date_and_never_publishes_a_draft(
    knowledge_index, publish, editor
):
    page = reviewed(knowledge_index, publish, on=datetime.date(2024, 1, 1), title="Geprüft")
    page.title = "Unfertiger Entwurf"
    page.save_revision(user=editor)
    page = services.page_mark_reviewed(page=page, by=editor, on=TODAY)
    assert (page.last_reviewed_by, page.review_due_on) == (editor, datetime.date(2027, 12, 1))
    assert page.title == "Geprüft"  # the draft stays a draft
    draft = page.get_latest_revision_as_object()
    assert draft.title == "Unfertiger Entwurf"
    assert draft.last_reviewed_on == TODAY  # … and publishing it later keeps the review
    assert page.live_revision.as_object().last_reviewed_on == TODAY


def test_mark_as_reviewed_in_the_admin(client, knowledge_index, publish, editor):
    # Editors may edit every page (Wagtail's initial page permissions), so they may record reviews.
    page = reviewed(knowledge_index, publish, on=datetime.date(2024, 1, 1))
    client.force_login(editor)
    url = reverse("knowledge_admin:mark_reviewed", args=[page.pk])
    assert url in client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert client.get(url).status_code == 200
    response = client.post(url, {"next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == reverse(
        "knowledge_admin:overdue_review"
    )
    page.refresh_from_db()
    assert page.last_reviewed_on == datetime.date.today()


def test_a_procedure_shows_the_contact_as_the_directory_has_it_now(
    client, knowledge_index, publish
):
    contact = ContactPersonFactory(given_name="Jana", family_name="Oberwelland", phone="05221 1")
    page = procedure_with(knowledge_index, publish, contact=contact)
    assert "05221 1" in client.get(page.url).content.decode()
    contact.phone = "05221 99-42"
    contact.save()
    html = client.get(page.url).content.decode()
    assert "05221 99-42" in html and "05221 1<" not in html


def test_a_partners_only_contact_is_replaced_by_the_organisation_for_the_public(
    client, knowledge_index, publish, partner_user
):
    org = OrganisationFactory(name="Ausländerbehörde Kreis Herford", phone="05221 13-0")
    contact = ContactPersonFactory(
        organisation=org, family_name="Verborgen", visibility=Visibility.PARTNERS
    )
    page = procedure_with(knowledge_index, publish, contact=contact)
    public = client.get(page.url).content.decode()
    assert "Verborgen" not in public
    assert "Ausländerbehörde Kreis Herford" in public
    client.force_login(partner_user)
    assert "Verborgen" in client.get(page.url).content.decode()


def test_editors_see_which_pages_use_a_contact(knowledge_index, publish):
    contact = ContactPersonFactory()
    page = procedure_with(knowledge_index, publish, contact=contact)
    other = procedure_with(knowledge_index, publish)
    assert [p.pk for p in pages_using(contact)] == [page.pk]
    assert other.pk not in [p.pk for p in pages_using(contact)]


def test_deactivating_a_contact_lists_the_pages_that_need_a_new_one(
    client, knowledge_index, publish, editor
):
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="directory", codename__in=["change_contactperson"]
        )
    )
    contact = ContactPersonFactory(family_name="Scheidend")
    page = procedure_with(knowledge_index, publish, contact=contact)
    client.force_login(editor)
    edit_url = reverse("wagtailsnippets_directory_contactperson:edit", args=[contact.pk])
    form = client.get(edit_url).context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list | dict)
    }
    data.pop("is_active", None)  # unticked: deactivated
    data["verified_on"] = ""
    response = client.post(edit_url, data, follow=True)
    contact.refresh_from_db()
    assert not contact.is_active, response.content.decode()[:3000]
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(page.title in text for text in texts), texts
