"""``/sitemap.xml``: every public page. Wagtail's pages come first; apps add their own public
URLs (organisation pages, public offers) through the ``ipnetz_sitemaps`` hook, which returns
``{name: Sitemap}``. A page type whose visibility is not public leaves itself out through
``get_sitemap_urls`` — the sitemap is read by anyone, so it must never name what only partners
may see."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap_view

from portal.extensions import collect_mapping


def sitemap(request):
    sitemaps: dict[str, type[Sitemap] | Sitemap] = collect_mapping("ipnetz_sitemaps")
    return wagtail_sitemap_view(request, sitemaps={"pages": WagtailSitemap, **sitemaps})
