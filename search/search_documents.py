"""Search documents of the kernel's own pages (content pages and the start page).

They live here rather than in ``portal``: the kernel is the bottom layer and imports no app, while
``search`` sits above it and may read the portal's page models like any other app's."""

from django.utils.translation import gettext_lazy as _

from portal.models import ContentPage, HomePage
from search import registry
from search.pages import page_builder

registry.register(
    page_builder(
        ContentPage,
        kind="page",
        label=_("Page"),
        icon="book",
        summary=lambda page: page.summary,
    )
)
registry.register(
    page_builder(
        HomePage,
        kind="home",
        label=_("Start page"),
        icon="network",
        summary=lambda page: page.intro,
    )
)
