"""Lists run a constant number of SQL queries, whatever the number of rows (two sizes)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from offers.models import Offer
from tests.directory.factories import OrganisationFactory
from tests.factories import ResidenceStatusFactory
from tests.offers.factories import CompanyFactory, MeasureFactory, OfferFactory

pytestmark = pytest.mark.django_db


def grow(places, n: int, *, company=None, service_user=None):
    """``n`` more offers (some published) and measures (with statuses and several starts)."""
    status = ResidenceStatusFactory()
    provider = OrganisationFactory()
    for i in range(n):
        owner = company or CompanyFactory(municipality=places["herford"], entered_by=service_user)
        OfferFactory(
            company=owner,
            municipality=places["herford"],
            visibility="public" if i % 2 else "partners",
        )
        measure = MeasureFactory(provider=provider, municipality=places["enger"], starts=[5, 40])
        measure.residence_statuses.set([status])
        measure.save()


def queries(client, url, params=None) -> int:
    """The queries of a second request (the first one also warms the site and session)."""
    client.get(url, params or {})
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
        assert response.status_code == 200, url
    return len(captured)


SEARCHES = [
    {},
    {
        "art": "apprenticeship",
        "gemeinde": "herford",
        "umgebung": "on",
        "deutsch": "A2",
        "beginn": "13",
    },
    {"zeigen": "measures", "status": "status-x"},
]


@pytest.mark.parametrize("params", range(len(SEARCHES)))
def test_the_search_page_runs_the_same_queries_for_3_and_30_rows(
    client, partner, places, params, search_page
):
    query = dict(SEARCHES[params])
    client.force_login(partner)
    grow(places, 3)
    if "status" in query:
        from portal.models import ResidenceStatus

        query["status"] = ResidenceStatus.objects.first().slug
    small = queries(client, "/angebote/", query)
    grow(places, 27)
    assert Offer.objects.count() == 30
    assert queries(client, "/angebote/", query) == small


@pytest.mark.parametrize(
    "name", ["offers:print_list", "offers:export_csv", "offers:export_xlsx", "offers:statistics"]
)
def test_partner_tools_run_the_same_queries_for_3_and_30_rows(client, partner, places, name):
    client.force_login(partner)
    grow(places, 3)
    small = queries(client, reverse(name))
    grow(places, 27)
    assert queries(client, reverse(name)) == small


def test_the_anonymous_search_and_home_page_run_the_same_queries(
    client, places, home_page, search_page
):
    grow(places, 3)
    small = (queries(client, "/angebote/"), queries(client, "/"))
    grow(places, 27)
    assert (queries(client, "/angebote/"), queries(client, "/")) == small


def test_the_company_lists_run_the_same_queries(client, employer, service_user, places):
    client.force_login(employer)
    grow(places, 3, company=employer.company)
    mine = queries(client, reverse("offers:my_offers"))
    public = queries(client, employer.company.get_absolute_url())
    client.force_login(service_user)
    service = queries(client, reverse("offers:service"))
    grow(places, 27, company=employer.company)
    grow(places, 27, service_user=service_user)
    assert queries(client, reverse("offers:service")) == service
    client.force_login(employer)
    assert queries(client, reverse("offers:my_offers")) == mine
    assert queries(client, employer.company.get_absolute_url()) == public
