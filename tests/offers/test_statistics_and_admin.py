"""The Integration Point's statistics (SVG chart with a data table), personal data for the
account's download and deletion, the admin's viewsets and the providers' own measures."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from offers import charts, selectors
from offers.models import Measure, OfferKind, SavedSearch
from portal import personal_data
from portal.access import Role
from portal.accounts import services as account_services
from tests.directory.factories import OrganisationFactory
from tests.offers.factories import CompanyFactory, MeasureFactory, OfferFactory, days

pytestmark = pytest.mark.django_db


def test_statistics_count_offers_and_places_by_kind_field_and_month(places):
    now = timezone.now()
    company = CompanyFactory(municipality=places["herford"])
    OfferFactory(company=company, kind="apprenticeship", places=3, created_at=now)
    OfferFactory(
        company=company,
        kind="job",
        places=2,
        municipality=places["enger"],
        created_at=now - datetime.timedelta(days=70),
        valid_until=days(20),
    )
    # Listed two to three months ago, withdrawn since.
    OfferFactory(
        company=company,
        kind="job",
        places=5,
        created_at=now - datetime.timedelta(days=90),
        valid_until=days(30),
        withdrawn_at=now - datetime.timedelta(days=45),
    )
    stats = selectors.statistics(months=6)
    assert len(stats.months) == 6 and stats.months[-1] == timezone.localdate().replace(day=1)
    assert (stats.total.offers, stats.total.places) == (2, 5)
    job, apprenticeship = (
        str(label) for label in (OfferKind.JOB.label, OfferKind.APPRENTICESHIP.label)
    )
    by_kind = {t.label: (t.offers, t.places) for t in stats.by_kind}
    assert by_kind[job] == (1, 2)
    assert {t.label for t in stats.by_municipality} == {"Herford", "Enger"}
    series = dict(stats.series)
    assert len(series) == 5  # every kind, also those without offers
    assert series[apprenticeship][-1] == 3 and series[job][-1] == 2
    assert max(series[job]) == 7  # the withdrawn one counted while it was listed
    by_place = dict(selectors.statistics(months=6, group_by="municipality").series)
    assert set(by_place) == {"Herford", "Enger"} and by_place["Enger"][-1] == 2
    rows = stats.month_rows()
    assert rows[-1]["places"] == 5 and rows[-1]["offers"] == 2


def test_many_groups_end_in_other(places):
    from tests.offers.factories import OccupationalFieldFactory

    for number in range(8):
        field = OccupationalFieldFactory(name=f"Feld {number}", slug=f"feld-{number}")
        OfferFactory(field=field, places=number + 1)
    series = selectors.statistics(months=3, group_by="field").series
    assert [label for label, _values in series][:2] == ["Feld 7", "Feld 6"]
    assert len(series) == 6 and series[-1][1][-1] == 1 + 2 + 3  # the three smallest


def test_the_statistics_page_draws_an_accessible_svg_with_the_same_numbers(client, partner):
    OfferFactory(kind="apprenticeship", places=4)
    client.force_login(partner)
    response = client.get(reverse("offers:statistics"), {"monate": "6"})
    page = response.content.decode()
    assert response.status_code == 200
    assert '<svg viewBox="0 0 760 320"' in page and 'role="img"' in page
    assert 'aria-labelledby="stats-chart-title stats-chart-desc"' in page
    assert page.count("<rect ") >= 1 + 5  # one bar segment plus the legend swatches
    # Coordinates are written with a decimal point, also in German (where 12,5 means 12.5).
    assert re.search(r'<rect x="\d+(\.\d+)?" y="\d+(\.\d+)?"', page)
    assert not re.search(r'(x|y|width|height)="\d+,\d', page)
    assert "<caption" in page and '<th scope="row">' in page
    assert "<script" not in page.split("</main>")[0].split("<main")[1]
    assert client.get(reverse("offers:statistics"), {"monate": "7"}).status_code == 400
    assert client.get(reverse("offers:statistics"), {"nach": "wetter"}).status_code == 400
    by_field = client.get(reverse("offers:statistics"), {"nach": "field"}).content.decode()
    assert "Handwerk" in by_field


def test_the_chart_scales_to_a_round_maximum():
    chart = charts.stacked_bars(
        labels=["01/2027", "02/2027"], series=[("A", [3, 7]), ("B", [1, 0])]
    )
    assert [tick.value for tick in chart.ticks] == [0, 2, 5, 8, 10]
    first, second = chart.columns
    assert first.show_label and second.show_label
    long = charts.stacked_bars(labels=[str(i) for i in range(24)], series=[("A", [1] * 24)])
    assert [c.show_label for c in long.columns[:4]] == [True, False, True, False]
    assert first.total == 4 and len(first.segments) == 2 and len(second.segments) == 1
    assert second.segments[0].height > first.segments[0].height


def test_personal_data_is_exported_and_erased_with_the_account(employer, partner):
    OfferFactory(company=employer.company, occupation="Tischler/in", contact_person="Jana Test")
    SavedSearch.objects.create(user=partner, name="Mein Suchauftrag", query={"art": "job"})
    assert "offers" in [source.name for source in personal_data.sources()]
    data = account_services.account_export(user=employer)
    assert data["offers"]["company"]["name"] == "Tischlerei Test"
    assert data["offers"]["offers"][0]["contact_person"] == "Jana Test"
    json.dumps(data)
    assert (
        account_services.account_export(user=partner)["offers"]["saved_searches"][0]["name"]
        == "Mein Suchauftrag"
    )
    company = employer.company
    account_services.account_delete(user=employer)
    account_services.account_delete(user=partner)
    company.refresh_from_db()
    offer = company.offers.get()
    assert company.profile is None and company.contact_person == ""
    assert offer.contact_person == "" and offer.withdrawn_at is not None
    assert not SavedSearch.objects.exists()


@pytest.fixture
def provider_staff(make_user, admin_access, with_totp):
    """Partner staff maintaining a language-course provider, with access to the admin."""
    user = with_totp(make_user(Role.PARTNER_STAFF))
    user.user_permissions.add(admin_access)
    provider = OrganisationFactory(name="Sprachschule Eigen")
    provider.maintainers.add(user)
    return user, provider


def test_providers_maintain_their_own_measures_in_the_admin(client, provider_staff):
    user, provider = provider_staff
    own = MeasureFactory(provider=provider, title="Eigener Kurs")
    foreign = MeasureFactory(title="Fremder Kurs")
    client.force_login(user)
    index = client.get(reverse("wagtailsnippets_offers_measure:list"))
    assert index.status_code == 200
    page = index.content.decode()
    assert "Eigener Kurs" in page and "Fremder Kurs" not in page
    assert (
        client.get(reverse("wagtailsnippets_offers_measure:edit", args=[own.pk])).status_code == 200
    )
    denied = client.get(reverse("wagtailsnippets_offers_measure:edit", args=[foreign.pk]))
    assert denied.status_code in (302, 403)
    form = client.get(reverse("wagtailsnippets_offers_measure:add")).context["form"]
    assert list(form.fields["provider"].queryset) == [provider]
    assert Measure.objects.count() == 2


def test_editors_find_offers_in_the_admin(client, make_user, with_totp):
    editor = with_totp(make_user(Role.EDITOR))
    OfferFactory(occupation="Admin-Suche Tischler")
    client.force_login(editor)
    response = client.get(reverse("wagtailsnippets_offers_offer:list"), {"q": "Admin-Suche"})
    assert response.status_code == 200 and "Admin-Suche Tischler" in response.content.decode()
    for name in ("company", "measure", "occupationalfield", "municipalityneighbour"):
        assert client.get(reverse(f"wagtailsnippets_offers_{name}:list")).status_code == 200


def measure_form(provider, **fields):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    data = {
        "provider": provider.pk,
        "title": "Berufssprachkurs Pflege",
        "kind": "job_language_course",
        "entry_level": "B1",
        "exit_level": "B2",
        "mode": "on_site",
        "visibility": "public",
        "is_active": "on",
        "starts": inline_formset([{"date": days(20).isoformat(), "note": ""}]),
    }
    data.update(fields)
    return nested_form_data(data)


def test_a_provider_adds_a_measure_for_itself_only(client, provider_staff):
    user, provider = provider_staff
    other = OrganisationFactory(name="Fremder Träger")
    client.force_login(user)
    add = reverse("wagtailsnippets_offers_measure:add")
    refused = client.post(add, measure_form(other))
    assert refused.status_code == 200 and "provider" in refused.context["form"].errors
    response = client.post(add, measure_form(provider))
    assert response.status_code == 302, response.context["form"].errors
    measure = Measure.objects.get(title="Berufssprachkurs Pflege")
    assert measure.provider == provider
    # Measures are logged by Wagtail's own admin actions, with the provider's staff as actor.
    assert ModelLogEntry.objects.for_instance(measure).get().action == "wagtail.create"
    assert ModelLogEntry.objects.for_instance(measure).get().user == user
    assert [start.date for start in measure.starts.all()] == [days(20)]
    bad_levels = client.post(
        reverse("wagtailsnippets_offers_measure:edit", args=[measure.pk]),
        measure_form(provider, entry_level="C1", exit_level="A1"),
    )
    assert "exit_level" in bad_levels.context["form"].errors
