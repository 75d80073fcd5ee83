"""Atom feeds of new and changed legal changes, overall and per topic (Django syndication)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from knowledge import selectors
from portal.links import absolute_url
from portal.models import Topic


class LegalChangeFeed(Feed):
    """``/wissen/feed/`` and ``/wissen/feed/<topic>/``; an unknown topic is a 404."""

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        response = super().__call__(request, *args, **kwargs)
        if request.user.is_authenticated:
            # The items depend on the reader's role (portal.access): no shared cache may keep them.
            response["Cache-Control"] = "private"
        return response

    def get_object(self, request, index_page, topic_slug=None):
        topic = None
        if topic_slug is not None:
            topic = Topic.objects.active().filter(slug=topic_slug).first()
            if topic is None:
                raise Http404(_("There is no topic with this key."))
        return {"index_page": index_page, "topic": topic}

    def title(self, obj):
        if obj["topic"] is not None:
            return _("Legal changes: %(topic)s") % {"topic": obj["topic"].name}
        return _("Legal changes")

    def subtitle(self, obj):
        return _("New and changed legal changes of %(section)s. Not legal advice.") % {
            "section": obj["index_page"].title
        }

    def link(self, obj):
        return obj["index_page"].get_url(self.request)

    def feed_url(self, obj):
        return absolute_url(self.request.get_full_path(), request=self.request)

    def items(self, obj):
        return selectors.feed_items(
            user=self.request.user, index_page=obj["index_page"], topic=obj["topic"]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        state = item.get_current_state_display()
        date = item.effective_date.strftime("%d.%m.%Y")
        return f"{state}: {date}. {item.summary}"

    def item_link(self, item):
        return absolute_url(item.get_url(self.request), request=self.request)

    def item_guid(self, item):
        return self.item_link(item)

    def item_pubdate(self, item):
        return item.first_published_at or item.last_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]
