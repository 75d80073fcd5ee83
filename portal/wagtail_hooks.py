"""Admin registration of the shared vocabulary: editors extend the lists of municipalities,
topics, audiences and residence statuses that every app tags with."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.vocabulary import Audience, Municipality, Region, ResidenceStatus, Topic


class VocabularyViewSet(SnippetViewSet):
    list_display = ["name", "slug", "sort_order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "slug"]
    search_backend_name = None  # the database's own filtering; these lists are short
    ordering = ["sort_order", "name"]


class MunicipalityViewSet(VocabularyViewSet):
    model = Municipality
    icon = "site"
    list_display = ["name", "region", "official_key", "postal_codes", "is_active"]
    list_filter = ["region", "is_active"]


class TopicViewSet(VocabularyViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug", "leika_key", "sort_order", "is_active"]


class AudienceViewSet(VocabularyViewSet):
    model = Audience
    icon = "group"


class ResidenceStatusViewSet(VocabularyViewSet):
    model = ResidenceStatus
    icon = "doc-full"
    list_display = ["name", "legal_basis", "legal_circle", "valid_from", "valid_to", "is_active"]
    list_filter = ["legal_circle", "is_active"]


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "globe"
    list_display = ["name", "kind", "official_key", "state"]
    search_fields = ["name"]
    search_backend_name = None


class VocabularyViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Vocabulary")
    menu_icon = "tag"
    menu_order = 400
    items = (
        MunicipalityViewSet,
        TopicViewSet,
        AudienceViewSet,
        ResidenceStatusViewSet,
        RegionViewSet,
    )


register_snippet(VocabularyViewSetGroup)
