"""``/sitemap.xml``: every public page. Wagtail's pages come first; apps add their own public
URLs (organisation pages, public offers) with ``register(name, sitemap)``. A page type whose
visibility is not public leaves itself out through ``get_sitemap_urls`` — the sitemap is read by
anyone, so it must never name what only partners may see."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap_view

_sitemaps: dict[str, type[Sitemap] | Sitemap] = {}


def register(name: str, sitemap: type[Sitemap] | Sitemap) -> None:
    _sitemaps[name] = sitemap


def sitemap(request):
    return wagtail_sitemap_view(request, sitemaps={"pages": WagtailSitemap, **_sitemaps})
