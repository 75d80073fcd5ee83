"""The directory's section page: its routes call ``directory.views``."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index


class DirectoryIndexPage(RoutablePageMixin, Page):
    """The section page of the Partner network directory below the home page.

    Its route serves the filtered organisation list (``directory.views.index``); organisation
    pages, the finder, exports, vCards and the changes feed are plain Django views
    (``directory.urls``) mounted below ``/verzeichnis/``.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("directory index")

    @path("")
    def index_view(self, request):
        from directory import views  # the views import this module

        return views.index(request, index_page=self)
