"""Expiry without a cron delete: an offer past its "valid until" leaves every listing by itself;
the daily run reminds the company (or the employer service) shortly before and at expiry, once,
and lets the search index drop expired offers."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from offers import services, tasks
from offers.models import Offer
from offers.search_documents import build_measure, build_offer
from portal.access import Visibility
from portal.models import OutboundEmail
from search.models import PendingUpdate
from tests.offers.factories import CompanyFactory, MeasureFactory, OfferFactory, days

pytestmark = pytest.mark.django_db


def test_an_offer_disappears_from_every_listing_the_day_after_valid_until(
    client, partner, search_page
):
    offer = OfferFactory(occupation="Läuft heute aus", valid_until=days(0), visibility="public")
    client.force_login(partner)
    assert "Läuft heute aus" in client.get("/angebote/").content.decode()
    tomorrow = days(1)
    assert not Offer.objects.current(tomorrow).filter(pk=offer.pk).exists()
    offer.valid_until = days(-1)
    offer.save()
    for url in ["/angebote/", reverse("offers:print_list")]:
        assert "Läuft heute aus" not in client.get(url).content.decode()
    assert "Läuft heute aus" not in client.get(reverse("offers:export_csv")).content.decode()
    assert client.get(offer.get_absolute_url()).status_code == 404
    assert build_offer(offer) is None


def test_the_company_still_sees_its_expired_offer_and_can_renew_it(client, employer):
    offer = OfferFactory(company=employer.company, valid_until=days(-3))
    client.force_login(employer)
    page = client.get(reverse("offers:my_offers")).content.decode()
    assert offer.occupation in page
    assert client.get(offer.get_absolute_url()).status_code == 200
    response = client.post(reverse("offers:offer_renew", args=[offer.pk]))
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.valid_until == days(90) and offer.is_current()


def test_reminders_go_once_before_and_once_after_expiry(employer, service_user, committed):
    own = OfferFactory(company=employer.company, valid_until=days(3))
    entered = OfferFactory(
        company=CompanyFactory(entered_by=service_user),
        valid_until=days(7),
        created_by=service_user,
    )
    OfferFactory(company=employer.company, valid_until=days(30))  # not yet due
    with committed():
        assert services.reminders_send() == 2
    with committed():
        assert services.reminders_send() == 0
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([employer.email, service_user.email])
    assert reverse("offers:offer_edit", args=[own.pk]) in mail.outbox[0].body + mail.outbox[1].body
    mail.outbox.clear()
    with committed():
        assert services.reminders_send(today=own.valid_until + datetime.timedelta(days=1)) == 1
    assert mail.outbox[0].to == [employer.email]
    entered.refresh_from_db()
    assert entered.expiry_notice_sent_at is None


def test_an_expiring_offer_is_saved_so_that_the_search_index_drops_it(employer):
    offer = OfferFactory(company=employer.company, valid_until=days(-1), visibility="public")
    PendingUpdate.objects.all().delete()
    services.reminders_send()
    assert PendingUpdate.objects.filter(key=f"offer:{offer.pk}").exists()


def test_a_failing_mailserver_keeps_the_reminder_queued(employer, settings, committed):
    settings.EMAIL_BACKEND = "tests.offers.test_expiry.BrokenBackend"
    OfferFactory(company=employer.company, valid_until=days(2))
    with committed():
        assert services.reminders_send() == 1
    email = OutboundEmail.objects.get()
    assert email.status == OutboundEmail.Status.QUEUED and email.attempts == 1


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP down")


def test_the_daily_command_runs_the_reminders(employer, committed):
    OfferFactory(company=employer.company, valid_until=days(1))
    with committed():
        call_command("offers_notifications", stdout=None)
    assert len(mail.outbox) == 1
    assert tasks.send_renewal_reminders.enqueue().return_value == 0


def test_withdrawn_offers_leave_the_listings_and_measures_without_dates_too(db):
    offer = OfferFactory(visibility=Visibility.PUBLIC)
    services.offer_withdraw(offer=offer, by=offer.company.entered_by or _Someone())
    assert build_offer(offer) is None
    lapsed = MeasureFactory(starts=[-3])
    continuous = MeasureFactory(starts=[], continuous_entry=True)
    assert build_measure(lapsed) is None and build_measure(continuous) is not None
    PendingUpdate.objects.all().delete()
    assert services.lapsed_measures_touch() == 1
    assert PendingUpdate.objects.filter(key=f"measure:{lapsed.pk}").exists()


class _Someone:
    pk = None
