"""The location map: a self-contained SVG picture of where the offices are, numbered like the
list next to it, drawn from the locations' own coordinates (no tiles, nothing from elsewhere)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.maps import location_map
from directory.models import DirectoryIndexPage
from tests.directory.factories import LocationFactory, OrganisationFactory

HERFORD = (52.1146, 8.6734)
BUENDE = (52.2017, 8.5846)  # north-west of Herford
VLOTHO = (52.1650, 8.8597)  # east of Herford


def test_markers_keep_their_true_relative_position():
    result = location_map(
        [
            (1, *HERFORD, "Herford", "Herford"),
            (2, *BUENDE, "Bünde", "Bünde"),
            (3, *VLOTHO, "Vlotho", "Vlotho"),
        ]
    )
    herford, buende, vlotho = result.markers
    assert buende.y < herford.y and buende.x < herford.x  # north is up, west is left
    assert vlotho.x > herford.x
    for marker in result.markers:
        assert 0 < marker.x < result.width and 0 < marker.y < result.height
    # About 13 km from Herford to Vlotho: the scale bar says how far that is.
    assert result.scale_km in (1, 2, 5, 10) and result.scale_px > 0


def test_one_point_sits_in_the_middle_and_no_point_means_no_map():
    single = location_map([(1, *HERFORD, "Herford", "Herford")])
    (marker,) = single.markers
    assert (marker.x, marker.y) == (single.width / 2, single.height / 2)
    assert location_map([(1, None, None, "ohne Koordinaten", "")]) is None


@pytest.fixture
def directory_index(home_page):
    return home_page.add_child(instance=DirectoryIndexPage(title="Verzeichnis", slug="verzeichnis"))


def test_the_index_shows_a_numbered_map_when_locations_have_coordinates(client, directory_index):
    for name, (lat, lon) in (("Amt Herford", HERFORD), ("Amt Bünde", BUENDE)):
        LocationFactory(organisation=OrganisationFactory(name=name), latitude=lat, longitude=lon)
    html = client.get(directory_index.url).content.decode()
    assert '<figure class="location-map">' in html and 'role="img"' in html
    assert "1. Amt Bünde" in html and "2. Amt Herford" in html  # the text alternative


def test_without_coordinates_there_is_no_map(client, directory_index):
    LocationFactory(organisation=OrganisationFactory(name="Amt ohne Karte"))
    assert "location-map" not in client.get(directory_index.url).content.decode()


def test_the_map_costs_no_query(client, directory_index):
    organisation = OrganisationFactory()
    location = LocationFactory(organisation=organisation)
    client.get(directory_index.url)  # warm the per-process caches
    with CaptureQueriesContext(connection) as without_map:
        client.get(directory_index.url)
    location.latitude, location.longitude = HERFORD
    location.save()
    with CaptureQueriesContext(connection) as with_map:
        html = client.get(directory_index.url).content.decode()
    assert "location-map" in html
    assert len(with_map) == len(without_map)


def test_an_organisation_page_maps_its_locations_and_links_to_openstreetmap(client, db):
    organisation = OrganisationFactory(slug="abh")
    LocationFactory(organisation=organisation, latitude=HERFORD[0], longitude=HERFORD[1])
    html = client.get("/verzeichnis/organisation/abh/").content.decode()
    assert "location-map" not in html  # one place needs no map, only its link
    assert "https://www.openstreetmap.org/?mlat=52.114600&amp;mlon=8.673400" in html
    LocationFactory(organisation=organisation, latitude=BUENDE[0], longitude=BUENDE[1])
    html = client.get("/verzeichnis/organisation/abh/").content.decode()
    assert '<figure class="location-map">' in html
    assert "https://www.openstreetmap.org/?mlat=52.114600&amp;mlon=8.673400" in html
    assert 'rel="noopener noreferrer external"' in html
