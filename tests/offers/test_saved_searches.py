"""Saved searches: partner staff save the filters of a search; a new matching offer is e-mailed
once, through the outbox, in the background — nothing for offers already listed when the search
was saved, for offers that do not match, or for someone who is no longer partner staff."""

import pytest
from django.core import mail
from django.urls import reverse

from offers import services
from offers.models import SavedSearch, SavedSearchMatch
from portal.access import Role
from tests.factories import MunicipalityFactory
from tests.offers.factories import CompanyFactory, OfferFactory, SavedSearchFactory, days

pytestmark = pytest.mark.django_db

QUERY = {"art": "apprenticeship", "gemeinde": "herford", "umgebung": "on", "deutsch": "A2"}


@pytest.fixture
def saved(partner, places):
    return services.saved_search_create(user=partner, name="Ausbildung Herford", query=QUERY)


def new_offer(committed, **fields):
    """An offer made through the service, as the employer's form does, with its commit."""
    data = {
        "kind": "apprenticeship",
        "occupation": "Tischler/in",
        "field": None,
        "places": 1,
        "german_level": "A2",
        "valid_until": days(60),
    }
    company = fields.pop("company", None) or CompanyFactory()
    data.update(fields)
    with committed():
        return services.offer_create(company=company, by=None, data=data)


def test_saving_a_search_from_the_results_page(client, partner, places):
    client.force_login(partner)
    response = client.post(
        reverse("offers:saved_searches"),
        {**QUERY, "name": "Ausbildung, Herford, A2", "notify": "on", "unbekannt": "x"},
    )
    assert response.status_code == 302
    saved = SavedSearch.objects.get(user=partner)
    assert saved.query == QUERY and saved.notify
    page = client.get(reverse("offers:saved_searches")).content.decode()
    assert "Ausbildung, Herford, A2" in page and "art=apprenticeship" in page


def test_a_new_matching_offer_is_emailed_once(saved, places, partner, committed):
    offer = new_offer(committed, occupation="Anlagenmechaniker/in", municipality=places["enger"])
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [partner.email]
    assert "Anlagenmechaniker/in" in message.body
    assert offer.get_absolute_url() in message.body
    assert reverse("offers:saved_searches") in message.body
    # A renewal or an edit is not news.
    with committed():
        services.offer_renew(offer=offer, by=partner)
    assert services.notify_saved_searches(offer_id=offer.pk) == 0
    assert len(mail.outbox) == 1
    saved.refresh_from_db()
    assert saved.last_notified_at is not None


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "job"},
        {"german_level": "B2"},
        {"municipality_key": "elsewhere"},
    ],
)
def test_offers_that_do_not_match_send_nothing(saved, places, committed, fields):
    if fields.pop("municipality_key", None):
        fields["municipality"] = MunicipalityFactory(slug="elsewhere")
    else:
        fields["municipality"] = places["herford"]
    new_offer(committed, **fields)
    assert mail.outbox == []


def test_offers_listed_before_saving_are_not_news(partner, places, committed):
    existing = OfferFactory(municipality=places["herford"])
    saved = services.saved_search_create(user=partner, name="Alles", query={})
    assert SavedSearchMatch.objects.filter(saved_search=saved, offer=existing).exists()
    with committed():
        assert services.notify_saved_searches(offer_id=existing.pk) == 0
    assert mail.outbox == []


def test_no_email_for_someone_who_lost_the_partner_role(make_user, places, committed):
    former = make_user(Role.EMPLOYER)
    SavedSearchFactory(user=former, query={})
    new_offer(committed, municipality=places["herford"])
    assert mail.outbox == []


def test_no_email_when_notifications_are_off_and_deleting_is_for_the_owner(
    client, saved, partner, make_user, places, committed
):
    saved.notify = False
    saved.save()
    new_offer(committed, municipality=places["herford"])
    assert mail.outbox == []
    other = make_user(Role.PARTNER_STAFF)
    client.force_login(other)
    assert client.post(reverse("offers:saved_search_delete", args=[saved.pk])).status_code == 404
    client.force_login(partner)
    assert client.post(reverse("offers:saved_search_delete", args=[saved.pk])).status_code == 302
    assert not SavedSearch.objects.exists()


def test_the_daily_sweep_catches_what_a_lost_task_missed(saved, places, committed):
    offer = OfferFactory(municipality=places["herford"])  # made without the service: no task
    assert mail.outbox == []
    with committed():
        assert services.saved_searches_sweep() == 1
    assert offer.occupation in mail.outbox[0].body
    with committed():
        assert services.saved_searches_sweep() == 0
