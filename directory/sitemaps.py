"""The directory's public URLs for ``/sitemap.xml``: the finder and every active organisation
(organisation pages are public; partners-only people are never part of a URL). The
``ipnetz_sitemaps`` hook in ``wagtail_hooks.py`` hands them to the portal."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from directory.models import Organisation


class OrganisationSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Organisation.objects.active().order_by("slug").only("slug", "updated_at")

    def lastmod(self, organisation):
        return organisation.updated_at


class FinderSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return ["directory:finder"]

    def location(self, name):
        return reverse(name)
