"""Knowledge pages: the section index and the article types (legal change, procedure, guidance,
FAQ). Every article is a ``KnowledgePage`` (multi-table inheritance), so lists, feeds and related
pages query one table with one visibility filter instead of one query per page type."""

from __future__ import annotations

from dateutil.relativedelta import relativedelta
from django import forms
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from knowledge.blocks import LegalReferenceBlock, ProcedureStepBlock, QuestionBlock, SourceBlock
from portal.access import Visibility, can_view
from portal.blocks import BodyBlock
from portal.vocabulary import LegalCircle


class KnowledgeIndexPage(RoutablePageMixin, Page):
    """The section page of the Knowledge base below the home page: the filtered list of articles,
    the glossary, the Atom feeds and the topic subscriptions hang off it as routes."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = [
        "knowledge.LegalChangePage",
        "knowledge.ProcedurePage",
        "knowledge.GuidancePage",
        "knowledge.FaqPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("knowledge base index")

    @path("")
    def index_view(self, request):
        from knowledge import views

        return views.index(request, index_page=self)

    @path("glossar/")
    def glossary_view(self, request):
        from knowledge import views

        return views.glossary(request, index_page=self)

    @path("feed/")
    def feed_view(self, request):
        from knowledge.feeds import LegalChangeFeed

        return LegalChangeFeed()(request, index_page=self, topic_slug=None)

    @re_path(r"^feed/(?P<topic_slug>[-\w]+)/$")
    def topic_feed_view(self, request, topic_slug):
        from knowledge.feeds import LegalChangeFeed

        return LegalChangeFeed()(request, index_page=self, topic_slug=topic_slug)

    @path("abonnements/")
    def subscriptions_view(self, request):
        from knowledge import views

        return views.subscriptions(request, index_page=self)

    @path("abbestellen/<str:token>/")
    def unsubscribe_view(self, request, token):
        from knowledge import views

        return views.unsubscribe(request, index_page=self, token=token)


class KnowledgePageForm(WagtailAdminPageForm):
    """The page editor of articles. A save that changes only the editor's spelling of the content
    (``knowledge.models.workflows.comparable``) is no change, so approving from the editor writes
    no revision of the approver's; an approver who does change the content is told that a second
    person must approve it, instead of being refused after the save."""

    def content_changed(self) -> bool:
        from knowledge.models.workflows import comparable

        for name in self.changed_data:
            try:
                field = self._meta.model._meta.get_field(name)
            except FieldDoesNotExist:
                return True
            if comparable(field, self[name].initial) != comparable(
                field, self.cleaned_data.get(name)
            ):
                return True
        return False

    def clean(self):
        from knowledge.models.workflows import OWN_CHANGE_MESSAGE, approving_in_editor

        cleaned_data = super().clean()
        if approving_in_editor(self) and self.content_changed():
            self.add_error(None, OWN_CHANGE_MESSAGE)
        return cleaned_data

    def has_changed(self):
        if not hasattr(self, "cleaned_data"):
            return super().has_changed()
        formsets = any(form.has_changed() for fs in self.formsets.values() for form in fs.forms)
        return formsets or self.content_changed()


class KnowledgePage(RoutablePageMixin, Page):
    """What every article shares: tags, visibility, trust data (review, validity, sources), the
    body, the print view and the reader-facing change history."""

    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences for lists and feeds.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("text"), blank=True)
    topics = ParentalManyToManyField(
        "portal.Topic", blank=True, related_name="knowledge_pages", verbose_name=_("topics")
    )
    audiences = ParentalManyToManyField(
        "portal.Audience", blank=True, related_name="knowledge_pages", verbose_name=_("audiences")
    )
    residence_statuses = ParentalManyToManyField(
        "portal.ResidenceStatus",
        blank=True,
        related_name="knowledge_pages",
        verbose_name=_("residence statuses"),
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=12,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        db_index=True,
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    sources = StreamField([("source", SourceBlock())], verbose_name=_("sources"), blank=True)
    last_reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    last_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("last reviewed by"),
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("review interval (months)"), default=12
    )
    review_due_on = models.DateField(_("review due on"), null=True, blank=True, editable=False)

    objects = PageManager()

    trust_panels = [
        FieldPanel("visibility"),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")]),
        FieldRowPanel(
            [
                FieldPanel("last_reviewed_on"),
                FieldPanel("last_reviewed_by"),
                FieldPanel("review_interval_months"),
            ],
            heading=_("Review"),
        ),
        FieldPanel("sources"),
    ]
    tag_panels = [
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        FieldPanel("residence_statuses", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("visibility"),
    ]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types: list[str] = []
    base_form_class = KnowledgePageForm
    is_creatable = False
    print_template = "knowledge/print.html"

    class Meta:
        verbose_name = _("knowledge article")
        verbose_name_plural = _("knowledge articles")
        indexes = [models.Index(fields=["review_due_on"], name="knowledge_review_due")]

    @classmethod
    def edit_handler_for(cls, content_panels):
        return TabbedInterface(
            [
                ObjectList(content_panels, heading=_("Content")),
                ObjectList([*cls.tag_panels, *cls.trust_panels], heading=_("Tags and trust")),
                ObjectList(Page.promote_panels, heading=_("Promote")),
                ObjectList(Page.settings_panels, heading=_("Settings")),
            ]
        )

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The end of validity is before its start.")})

    def save(self, *args, **kwargs):
        # Stored rather than computed per query so that the overdue report is one indexed filter
        # on every database.
        if self.last_reviewed_on:
            self.review_due_on = self.last_reviewed_on + relativedelta(
                months=self.review_interval_months
            )
        else:
            self.review_due_on = None
        return super().save(*args, **kwargs)

    def get_sitemap_urls(self, request=None):
        # The sitemap is public: restricted articles must not be named there.
        if self.visibility != Visibility.PUBLIC:
            return []
        return super().get_sitemap_urls(request)

    def permissions_for_user(self, user):
        # Only the second approval publishes an article (knowledge.models.workflows).
        from knowledge.models.workflows import KnowledgePermissionTester

        return KnowledgePermissionTester(user, self)

    # --- reading -------------------------------------------------------------------------------

    def serve(self, request, *args, **kwargs):
        # A page the reader may not see answers 404 like a missing one, so that its existence
        # (the title in the URL) is not revealed; see docs/knowledge.md.
        if not can_view(request.user, self):
            raise Http404
        response = super().serve(request, *args, **kwargs)
        if self.visibility != Visibility.PUBLIC or request.user.is_authenticated:
            response["Cache-Control"] = "private"
        return response

    @path("drucken/")
    def print_view(self, request):
        return self.render(request, template=self.print_template)

    @path("aenderungen/")
    def history_view(self, request):
        from knowledge import selectors

        return self.render(
            request,
            template="knowledge/history.html",
            context_overrides={"changes": selectors.published_changes(page=self)},
        )

    def get_context(self, request, *args, **kwargs):
        from knowledge import selectors

        context = super().get_context(request, *args, **kwargs)
        context["toc"] = self.table_of_contents
        context["related_pages"] = selectors.related_pages(page=self, user=request.user)
        context["glossary_url"] = self.glossary_url
        context["feed_url"] = self.feed_url
        return context

    @cached_property
    def table_of_contents(self) -> list[dict]:
        """The heading blocks of the body, for a table of contents on long texts (≥ 3 headings)."""
        headings = [
            {
                "id": f"abschnitt-{block.id}",
                "text": block.value["text"],
                "level": block.value["level"],
            }
            for block in self.body
            if block.block_type == "heading"
        ]
        return headings if len(headings) >= 3 else []

    @property
    def index_url(self) -> str:
        # Articles are always children of the index, so its URL is the article's minus one segment.
        url = self.url or ""
        return url.rstrip("/").rsplit("/", 1)[0] + "/"

    @property
    def glossary_url(self) -> str:
        return self.index_url + "glossar/"

    @property
    def feed_url(self) -> str:
        return self.index_url + "feed/"

    @property
    def is_overdue(self) -> bool:
        return self.review_due_on is not None and self.review_due_on < timezone.localdate()

    @property
    def is_valid_now(self) -> bool:
        today = timezone.localdate()
        return (self.valid_from is None or self.valid_from <= today) and (
            self.valid_to is None or today <= self.valid_to
        )

    def type_label(self) -> str:
        return str(self.specific_class._meta.verbose_name) if self.specific_class else ""


class LegalChangeForm(KnowledgePageForm):
    legal_circles = forms.MultipleChoiceField(
        label=_("Legal circles"),
        choices=LegalCircle.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class LegalChangePage(KnowledgePage):
    """A change in law or in an authority's practice (Rechtsänderung): who is affected, from when,
    which paragraphs, and whether it has been superseded by a later change."""

    class State(models.TextChoices):
        ANNOUNCED = "announced", _("Announced")
        IN_FORCE = "in_force", _("In force")
        SUPERSEDED = "superseded", _("Superseded")

    effective_date = models.DateField(_("effective date"))
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.IN_FORCE, db_index=True
    )
    superseded_by = models.ForeignKey(
        "knowledge.LegalChangePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
        verbose_name=_("superseded by"),
    )
    legal_circles = models.JSONField(_("legal circles"), default=list, blank=True)
    legal_references = StreamField(
        [("reference", LegalReferenceBlock())], verbose_name=_("legal references"), blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("effective_date"), FieldPanel("state")]),
                FieldPanel("superseded_by"),
                FieldPanel("legal_circles"),
            ],
            heading=_("Legal change"),
        ),
        FieldPanel("legal_references"),
        FieldPanel("body"),
    ]
    base_form_class = LegalChangeForm
    search_fields = [*KnowledgePage.search_fields, index.FilterField("effective_date")]
    template = "knowledge/legal_change_page.html"
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("legal change")
        verbose_name_plural = _("legal changes")

    def clean(self):
        super().clean()
        if self.state == self.State.SUPERSEDED and self.superseded_by_id is None:
            raise ValidationError(
                {"superseded_by": _("Choose the change that supersedes this one.")}
            )
        if self.superseded_by_id and self.superseded_by_id == self.pk:
            raise ValidationError({"superseded_by": _("A change cannot supersede itself.")})

    def get_context(self, request, *args, **kwargs):
        from knowledge import selectors

        context = super().get_context(request, *args, **kwargs)
        context["supersedes"] = selectors.superseded_changes(page=self, user=request.user)
        return context

    def state_on(self, day) -> str:
        """The state on ``day``: an announced change is in force from its effective date on,
        whether or not the daily job (``services.put_legal_changes_in_force``) has stored it."""
        due = self.effective_date is not None and self.effective_date <= day
        if self.state == self.State.ANNOUNCED and due:
            return self.State.IN_FORCE
        return self.state

    @property
    def current_state(self) -> str:
        return self.state_on(timezone.localdate())

    def get_current_state_display(self) -> str:
        return str(self.State(self.current_state).label)

    def legal_circle_labels(self) -> list[str]:
        labels = dict(LegalCircle.choices)
        return [str(labels[value]) for value in self.legal_circles if value in labels]


class ProcedurePage(KnowledgePage):
    """A procedure (Verfahrensablauf) as numbered steps with documents, forms and live contacts."""

    typical_duration = models.CharField(_("typical total duration"), max_length=100, blank=True)
    steps = StreamField([("step", ProcedureStepBlock())], verbose_name=_("steps"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("typical_duration"),
        FieldPanel("body"),
        FieldPanel("steps"),
    ]
    template = "knowledge/procedure_page.html"
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")


class GuidancePage(KnowledgePage):
    """Guidance for volunteers or employers (Orientierungshilfe); the audience tags say for whom."""

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    template = "knowledge/guidance_page.html"
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("guidance")
        verbose_name_plural = _("guidance")


class FaqPage(KnowledgePage):
    """Frequently asked questions on one subject."""

    questions = StreamField(
        [("question", QuestionBlock())], verbose_name=_("questions"), blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("questions"),
    ]
    template = "knowledge/faq_page.html"
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("FAQ")
        verbose_name_plural = _("FAQs")


for _model in (LegalChangePage, ProcedurePage, GuidancePage, FaqPage):
    _model.edit_handler = KnowledgePage.edit_handler_for(_model.content_panels)

ARTICLE_TYPES = (LegalChangePage, ProcedurePage, GuidancePage, FaqPage)
