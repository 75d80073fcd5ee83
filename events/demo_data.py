"""Demo step of the events app."""

from events.models import EventIndexPage
from portal.demo import DemoContext, ensure_page, register


@register("events", order=40)
def load(ctx: DemoContext) -> None:
    index = ensure_page(
        ctx.data["home"],
        EventIndexPage,
        slug="veranstaltungen",
        title="Veranstaltungen",
        show_in_menus=True,
        intro="Schulungen, Meeting Points und Informationsveranstaltungen.",
    )
    ctx.data["events_index"] = index
    ctx.progress("Section page /veranstaltungen/")
