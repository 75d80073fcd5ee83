"""Admin registration of the shared vocabulary: editors extend the lists of municipalities,
topics, audiences and residence statuses that every app tags with; the kernel's own entries in
its extension points (``portal.extensions``): jobs, demo step, role permissions."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal import jobs, roles
from portal.access import Role
from portal.demo import DemoStep
from portal.housekeeping import Job
from portal.personal_data import PersonalDataSource
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


@hooks.register("ipnetz_role_permissions")
def role_permissions():
    # The shared vocabulary: "Editors can extend these lists in the admin."
    vocabulary = roles.crud("portal", "municipality", "topic", "audience", "residencestatus")
    return {Role.EDITOR: vocabulary, Role.MODERATOR: vocabulary}


@hooks.register("ipnetz_housekeeping_jobs")
def housekeeping_jobs():
    return [
        Job(
            "portal.outbox",
            every="minute",
            run=jobs.retry_outbox,
            description="Retry e-mail that is due",
        ),
        Job(
            "wagtail.publish_scheduled",
            every="minute",
            run=jobs.publish_scheduled,
            description="Publish approved pages whose date has come (a legal change on its date)",
        ),
        Job(
            "portal.outbox_retention",
            every="day",
            run=jobs.outbox_retention,
            description="Delete sent e-mail OUTBOX_RETENTION_DAYS (default 30) after it went out",
        ),
        Job(
            "tasks.prune_results",
            every="day",
            run=jobs.prune_task_results,
            description="Forget finished task results after 14 days",
        ),
    ]


@hooks.register("ipnetz_demo_steps")
def demo_step():
    from portal import demo_data

    return DemoStep("portal", demo_data.load, order=10)


@hooks.register("ipnetz_personal_data")
def personal_data_source():
    from portal import mail

    return PersonalDataSource(
        "outbox", export=mail.personal_data_export, erase=mail.personal_data_erase
    )
