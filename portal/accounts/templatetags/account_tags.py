"""Template helpers of the accounts app."""

from django import template

from portal.accounts import menu

register = template.Library()


@register.simple_tag(takes_context=True)
def account_app_links(context) -> list[dict]:
    """The apps' links for the current user's account menu (``portal.accounts.menu``)."""
    request = context.get("request")
    return menu.links_for(getattr(request, "user", None))
