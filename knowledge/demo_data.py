"""Demo step of the knowledge app."""

from knowledge.models import KnowledgeIndexPage
from portal.demo import DemoContext, ensure_page, register


@register("knowledge", order=30)
def load(ctx: DemoContext) -> None:
    index = ensure_page(
        ctx.data["home"],
        KnowledgeIndexPage,
        slug="wissen",
        title="Wissen",
        show_in_menus=True,
        intro="Rechtsänderungen, Verfahrensabläufe und Orientierung für Partner und Ehrenamtliche.",
    )
    ctx.data["knowledge_index"] = index
    ctx.progress("Section page /wissen/")
