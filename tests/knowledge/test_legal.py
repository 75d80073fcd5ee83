"""Legal references link to the official text on gesetze-im-internet.de."""

import pytest

from knowledge import legal
from knowledge.blocks import LegalReferenceBlock


@pytest.mark.parametrize(
    ("law", "paragraph", "url"),
    [
        ("AufenthG", "60a", "https://www.gesetze-im-internet.de/aufenthg_2004/__60a.html"),
        ("AufenthG", "§ 104c", "https://www.gesetze-im-internet.de/aufenthg_2004/__104c.html"),
        ("AsylG", "55", "https://www.gesetze-im-internet.de/asylvfg_1992/__55.html"),
        ("AsylbLG", "2", "https://www.gesetze-im-internet.de/asylblg/__2.html"),
        ("BeschV", "32", "https://www.gesetze-im-internet.de/beschv_2013/__32.html"),
        ("SGB II", "16", "https://www.gesetze-im-internet.de/sgb_2/__16.html"),
        ("SGB III", "54a", "https://www.gesetze-im-internet.de/sgb_3/__54a.html"),
        ("SGB VIII", "42a", "https://www.gesetze-im-internet.de/sgb_8/__42a.html"),
        ("SGB XII", "23", "https://www.gesetze-im-internet.de/sgb_12/__23.html"),
        ("BQFG", "4", "https://www.gesetze-im-internet.de/bqfg/__4.html"),
        ("AufenthG", "", "https://www.gesetze-im-internet.de/aufenthg_2004/"),
    ],
)
def test_a_reference_links_to_the_paragraph_on_gesetze_im_internet(law, paragraph, url):
    assert legal.law_url(law, paragraph) == url


def test_an_unknown_law_has_no_link():
    assert legal.law_url("XYZ", "1") is None


def test_a_citation_reads_as_people_write_it():
    assert legal.citation("AufenthG", "60 A", "Abs. 2") == "§\u00a060a Abs. 2 AufenthG"


@pytest.mark.parametrize("paragraph", ["abc", "60aa", "", "§"])
def test_the_reference_block_rejects_what_is_not_a_paragraph_number(paragraph):
    from wagtail.blocks.struct_block import StructBlockValidationError

    block = LegalReferenceBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"law": "AufenthG", "paragraph": paragraph, "detail": ""}))


def test_the_reference_block_stores_the_normalised_number():
    block = LegalReferenceBlock()
    value = block.clean(block.to_python({"law": "AufenthG", "paragraph": "§ 60A", "detail": ""}))
    assert value["paragraph"] == "60a"
