from tests.directory.factories import ContactPersonFactory, LocationFactory, ResponsibilityFactory


def test_pages_render(client, db):
    location = LocationFactory()
    contact = ContactPersonFactory(organisation=location.organisation, location=location)
    ResponsibilityFactory(organisation=location.organisation, contact=contact)
    assert client.get(location.organisation.get_absolute_url()).status_code == 200
    assert client.get("/verzeichnis/wer-ist-zustaendig/").status_code == 200
