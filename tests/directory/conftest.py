import pytest
from django.contrib.auth.models import Permission

from portal.access import Role
from portal.models import ResidenceStatus
from tests.directory.factories import (
    ContactPersonFactory,
    LocationFactory,
    OrganisationFactory,
    ResponsibilityFactory,
)
from tests.factories import MunicipalityFactory, TopicFactory


@pytest.fixture
def admin_access():
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


@pytest.fixture
def editor(make_user, admin_access, with_totp):
    user = with_totp(make_user(Role.EDITOR))
    codenames = [
        f"{action}_{model}"
        for action in ("add", "change", "delete", "view")
        for model in ("organisation", "contactperson", "responsibility")
    ]
    user.user_permissions.set(
        [
            admin_access,
            *Permission.objects.filter(content_type__app_label="directory", codename__in=codenames),
        ]
    )
    return user


@pytest.fixture
def employer(make_user):
    return make_user(Role.EMPLOYER)


@pytest.fixture
def world(db):
    """A small region: two municipalities, a topic, Duldung, an Ausländerbehörde with a
    surname split (partners-only people) and a deputy."""
    herford = MunicipalityFactory(name="Herford", slug="herford")
    buende = MunicipalityFactory(name="Bünde", slug="buende")
    topic = TopicFactory(name="Aufenthalt & Beschäftigungserlaubnis", slug="aufenthalt")
    duldung = ResidenceStatus.objects.create(name="Duldung", slug="duldung", legal_circle="asylblg")
    abh = OrganisationFactory(name="Ausländerbehörde Kreis", slug="abh")
    location = LocationFactory(organisation=abh, municipality=herford)
    ak = ContactPersonFactory(
        organisation=abh,
        location=location,
        given_name="Petra",
        family_name="Kamphenkel",
        visibility="partners",
    )
    lz = ContactPersonFactory(
        organisation=abh,
        location=location,
        given_name="Miriam",
        family_name="Lohmeyer",
        visibility="partners",
    )
    deputy = ContactPersonFactory(
        organisation=abh,
        location=location,
        given_name="Tobias",
        family_name="Nolting",
        visibility="partners",
    )
    general = ContactPersonFactory(
        organisation=abh,
        location=location,
        given_name="Service",
        family_name="Team",
        visibility="public",
        is_general_contact=True,
    )
    ResponsibilityFactory(
        topic=topic,
        organisation=abh,
        residence_status=duldung,
        surname_from="A",
        surname_to="K",
        contact=ak,
        deputy=deputy,
        municipalities=[herford, buende],
    )
    ResponsibilityFactory(
        topic=topic,
        organisation=abh,
        residence_status=duldung,
        surname_from="L",
        surname_to="Z",
        contact=lz,
        deputy=deputy,
        municipalities=[herford, buende],
    )
    ResponsibilityFactory(topic=topic, organisation=abh, contact=general)
    return {
        "herford": herford,
        "buende": buende,
        "topic": topic,
        "duldung": duldung,
        "abh": abh,
        "location": location,
        "ak": ak,
        "lz": lz,
        "deputy": deputy,
        "general": general,
    }
