"""Search documents of the portal's own pages (discovered by ``search``)."""

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
