"""The section page of the offers below the home page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page


class OffersIndexPage(RoutablePageMixin, Page):
    """Jobs, apprenticeships and courses: the section page whose route serves the offer and
    measure search (``offers.views.public.search``). Offer, measure and company pages, exports
    and the employers' pages are plain Django views (``offers.urls``) mounted below its slug,
    ``/angebote/``; the navigation finds the section through the page tree. The page holds no
    text of its own: the search's lead depends on who reads it."""

    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("offers index")

    @path("")
    def index_view(self, request):
        from offers.views import public  # the views import this module

        return public.search(request, index_page=self)
