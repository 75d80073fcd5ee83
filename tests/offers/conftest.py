import pytest
from django.contrib.auth.models import Permission

from directory.models import OrganisationKind
from portal.access import Role
from portal.accounts.models import EmployerProfile
from tests.directory.factories import OrganisationFactory, partner_membership
from tests.factories import MunicipalityFactory
from tests.offers.factories import CompanyFactory, offers_index


@pytest.fixture(autouse=True)
def _fresh_cache(fresh_cache):
    """Rate limits and cached pages must not leak from one test into the next."""


@pytest.fixture
def search_page(db):
    """The offers section page, /angebote/: the search."""
    return offers_index()


@pytest.fixture
def places(db):
    """Herford with its neighbour Enger, and Vlotho which is not Enger's neighbour."""
    from offers.models import MunicipalityNeighbour

    herford = MunicipalityFactory(name="Herford", slug="herford")
    enger = MunicipalityFactory(name="Enger", slug="enger")
    vlotho = MunicipalityFactory(name="Vlotho", slug="vlotho")
    MunicipalityNeighbour.objects.create(municipality=enger, neighbour=herford)
    MunicipalityNeighbour.objects.create(municipality=herford, neighbour=vlotho)
    return {"herford": herford, "enger": enger, "vlotho": vlotho}


@pytest.fixture
def employer(make_user):
    """An employer account with a profile and its own company."""
    user = make_user(Role.EMPLOYER, email="chefin@tischlerei.example")
    profile = EmployerProfile.objects.create(
        user=user, company_name="Tischlerei Test", city="Herford", postcode="32049"
    )
    user.company = CompanyFactory(name="Tischlerei Test", profile=profile)
    return user


@pytest.fixture
def partner(make_user):
    return make_user(Role.PARTNER_STAFF, email="berater@jobcenter.example")


@pytest.fixture
def service_user(make_user):
    """Partner staff of the Agentur für Arbeit: the employer service (Arbeitgeberservice)."""
    kind, _ = OrganisationKind.objects.get_or_create(
        slug="agentur-fuer-arbeit", defaults={"name": "Agentur für Arbeit"}
    )
    agency = OrganisationFactory(name="Agentur für Arbeit Test", slug="aa-test", kind=kind)
    user = make_user(Role.PARTNER_STAFF, email="ags@arbeitsagentur.example")
    partner_membership(user=user, organisation=agency)
    return user


@pytest.fixture
def admin_access():
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
