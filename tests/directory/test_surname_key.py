import pytest

from directory.models import surname_key


@pytest.mark.parametrize(
    ("surname", "key"),
    [
        ("Müller", "muller"),
        ("Ärger", "arger"),
        ("von Müller", "muller"),
        ("von der Heide", "heide"),
        ("al-Hassan", "hassan"),
        ("De la Cruz", "cruz"),
        ("Straße", "strasse"),
        ("Çelik", "celik"),
        ("Van", "van"),
        ("", ""),
        ("1234", ""),
    ],
)
def test_surname_filing_key_folds_umlauts_and_drops_particles(surname, key):
    assert surname_key(surname) == key
