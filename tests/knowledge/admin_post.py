"""The POST a browser sends from a Wagtail page editor, for tests that drive the real edit view.

The editor's HTML holds the plain fields; StreamFields are drawn by JavaScript from their form
state, so their inputs are written here from the page's stored value the way the editor names them
(``body-count``, ``body-0-type``, ``body-0-value-text`` …)."""

from __future__ import annotations

from bs4 import BeautifulSoup
from wagtail import blocks
from wagtail.fields import StreamField


def _leaf(block, value, prefix: str) -> dict:
    state = block.get_form_state(value)
    if isinstance(state, dict):  # choosers: {"id": …, "title": …}
        state = state.get("id")
    if isinstance(block, blocks.BooleanBlock):
        return {prefix: "on"} if value else {}
    if isinstance(state, list):
        return {prefix: [str(item) for item in state]}
    return {prefix: "" if state is None else str(state)}


def block_data(block, value, prefix: str) -> dict:
    """The POST of ``value`` of ``block`` under ``prefix``, as Wagtail's block widgets name it."""
    data: dict = {}
    if isinstance(block, blocks.StreamBlock):
        data[f"{prefix}-count"] = str(len(value))
        for index, child in enumerate(value):
            item = f"{prefix}-{index}"
            data |= {f"{item}-type": child.block_type, f"{item}-id": child.id or ""}
            data |= {f"{item}-deleted": "", f"{item}-order": str(index)}
            data |= block_data(child.block, child.value, f"{item}-value")
    elif isinstance(block, blocks.ListBlock):
        bound = list(value.bound_blocks) if hasattr(value, "bound_blocks") else []
        data[f"{prefix}-count"] = str(len(bound))
        for index, child in enumerate(bound):
            item = f"{prefix}-{index}"
            data |= {
                f"{item}-id": child.id or "",
                f"{item}-deleted": "",
                f"{item}-order": str(index),
            }
            data |= block_data(child.block, child.value, f"{item}-value")
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            data |= block_data(child_block, value.get(name), f"{prefix}-{name}")
    else:
        data |= _leaf(block, value, prefix)
    return data


def _html_fields(html: str) -> dict[str, list[str]]:
    """Every named field of the page editor's form with the value a browser would send."""
    form = BeautifulSoup(html, "html.parser").find("form", attrs={"data-edit-form": True})
    data: dict[str, list[str]] = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "textarea":
            data.setdefault(name, []).append(field.text.removeprefix("\n"))
        elif field.name == "select":
            options = field.find_all("option")
            chosen = [
                option.get("value", option.text)
                for option in options
                if option.has_attr("selected")
            ]
            if not chosen and options and not field.has_attr("multiple"):
                chosen = [options[0].get("value", options[0].text)]
            data.setdefault(name, []).extend(chosen)
        else:
            kind = field.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                continue
            if kind in ("checkbox", "radio") and not field.has_attr("checked"):
                continue
            data.setdefault(name, []).append(field.get("value", "on" if kind == "checkbox" else ""))
    return data


def editor_post(client, page, **changes) -> dict:
    """GET the editor of ``page`` and return the POST its Save would send, with ``changes``."""
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    data: dict = _html_fields(html)
    specific = page.specific.get_latest_revision_as_object()
    for field in specific._meta.get_fields():
        if isinstance(field, StreamField) and f"{field.name}-count" not in data:
            data |= block_data(field.stream_block, getattr(specific, field.name), field.name)
    data |= changes
    return data
