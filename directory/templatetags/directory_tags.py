"""Template tags of the directory: the home page's finder teaser and small helpers."""

from django import template

from directory.selectors import PersonView
from portal import access

register = template.Library()


@register.filter
def is_partner_user(user) -> bool:
    return access.is_partner(user)


@register.filter
def as_person_view(contact) -> PersonView:
    """A contact already filtered by ``portal.access`` as a visible ``PersonView``."""
    return PersonView(person=contact)


@register.inclusion_tag("directory/tags/finder_teaser.html", takes_context=True)
def finder_teaser(context):
    """A compact "Wer ist zuständig?" form for the home page (submits to the finder)."""
    from directory.forms import FinderForm

    return {"form": FinderForm(auto_id="teaser-%s"), "request": context.get("request")}
