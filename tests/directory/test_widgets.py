"""``directory.widgets.Select`` writes exactly the HTML of Django's template-rendered ``Select``
(it exists only to be faster; see docs/benchmarks.md)."""

import pytest
from django import forms
from django.utils.safestring import mark_safe

from directory.forms import DirectoryFilterForm, FinderForm
from directory.widgets import Select


def _django_html(bound_field) -> str:
    """The same bound field rendered through Django's own template-based widget."""
    field = bound_field.field
    widget = forms.Select(attrs=field.widget.attrs, choices=field.widget.choices)
    return bound_field.as_widget(widget=widget)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {"thema": "aufenthalt", "status": "duldung", "gemeinde": "buende", "nachname": "M"},
        {"thema": "aufenthalt", "status": "rk-sgb2", "gemeinde": "herford"},
        {"thema": "unbekannt", "status": "<script>", "gemeinde": '"x"'},
    ],
)
def test_finder_selects_are_byte_identical(world, data):
    form = FinderForm(data)
    if data is not None:
        form.is_valid()
    for name in ("thema", "status", "gemeinde"):
        assert isinstance(form.fields[name].widget, Select)
        assert str(form[name]) == _django_html(form[name])


def test_teaser_ids_and_directory_filter_are_byte_identical(world):
    teaser = FinderForm(auto_id="teaser-%s")
    assert 'id="teaser-gemeinde"' in str(teaser["gemeinde"])
    for name in ("thema", "status", "gemeinde"):
        assert str(teaser[name]) == _django_html(teaser[name])
    for data in (None, {"art": "behoerde", "gemeinde": "herford", "thema": "x", "q": "a&b"}):
        form = DirectoryFilterForm(data)
        if data is not None:
            form.is_valid()
        for name in ("art", "gemeinde", "thema"):
            assert str(form[name]) == _django_html(form[name])


def test_attributes_and_labels_are_escaped_like_the_template():
    widget = Select(
        attrs={
            "data-x": '"<&>',
            "required": True,
            "disabled": False,
            "data-safe": mark_safe("<b>"),
        },
        choices=[("", "—"), ("Gruppe <1>", [("a&b", "A & B"), ("c", "<C>")]), ("d", "D")],
    )
    reference = forms.Select(attrs=widget.attrs, choices=widget.choices)
    for value in ("", "a&b", "d", None):
        assert widget.render("f", value, attrs={"id": "id_f"}) == reference.render(
            "f", value, attrs={"id": "id_f"}
        )
