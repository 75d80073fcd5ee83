"""Demo step of the directory app."""

from directory.models import DirectoryIndexPage
from portal.demo import DemoContext, ensure_page, register


@register("directory", order=20)
def load(ctx: DemoContext) -> None:
    index = ensure_page(
        ctx.data["home"],
        DirectoryIndexPage,
        slug="verzeichnis",
        title="Verzeichnis",
        show_in_menus=True,
        intro=(
            "Wer ist zuständig? Behörden, Beratungsstellen und Ansprechpersonen im Kreis Herford."
        ),
    )
    ctx.data["directory_index"] = index
    ctx.progress("Section page /verzeichnis/")
