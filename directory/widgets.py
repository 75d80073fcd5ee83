"""Form widgets of the directory's public forms."""

from __future__ import annotations

from django import forms
from django.utils.html import format_html
from django.utils.safestring import SafeData, SafeString, mark_safe


def _text(value) -> str:
    """``value|stringformat:'s'``: the text of ``value``, still safe if it was safe."""
    text = str(value)
    return mark_safe(text) if isinstance(value, SafeData) else text  # noqa: S308


def _attrs(attrs: dict) -> str:
    """HTML attributes exactly as ``django/forms/widgets/attrs.html`` writes them."""
    return "".join(
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, _text(value))
        for name, value in attrs.items()
        if value is not False
    )


class Select(forms.Select):
    """Django's ``Select`` with the same HTML, written in Python instead of through the widget
    templates. The templates render every option through two includes; with the municipalities
    of a Land (a couple of hundred options) that was 6 ms of every finder, directory and home
    page (docs/benchmarks.md). ``tests/directory/test_widgets.py`` checks the output is the
    same, byte for byte."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"', widget["name"]), _attrs(widget["attrs"]), ">"]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in options:
                parts.append(format_html('\n  <option value="{}"', _text(option["value"])))
                parts.append(_attrs(option["attrs"]))
                parts.append(format_html(">{}</option>\n", option["label"]))
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every piece went through format_html
