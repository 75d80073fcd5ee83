"""Portal content: home page, plain content pages, the accessibility statement with its feedback
form, the site settings, and the record of a loaded demo data set.

The shared vocabulary lives in ``portal.vocabulary`` and is re-exported here for Django.
"""

from allauth.core import ratelimit
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal import feedback
from portal.blocks import BodyBlock
from portal.vocabulary import Audience, Municipality, Region, ResidenceStatus, Topic

__all__ = [
    "AccessibilityFeedbackField",
    "AccessibilityStatementPage",
    "Audience",
    "ContentPage",
    "DemoDataset",
    "HomePage",
    "Municipality",
    "OutboundEmail",
    "PortalSettings",
    "Region",
    "ResidenceStatus",
    "Topic",
]


class HomePage(Page):
    """The start page of one region's portal; section pages of the apps hang below it."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")


class ContentPage(Page):
    """A plain page: Impressum, Datenschutzerklärung, the Leichte-Sprache page, …"""

    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    easy_language = models.BooleanField(
        _("written in Leichte Sprache"),
        default=False,
        help_text=_("Marks the page with the Leichte Sprache sign."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("easy_language"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    class Meta:
        verbose_name = _("content page")


class AccessibilityFeedbackField(AbstractFormField):
    page = ParentalKey(
        "AccessibilityStatementPage", on_delete=models.CASCADE, related_name="form_fields"
    )


class AccessibilityStatementPage(AbstractEmailForm):
    """Erklärung zur Barrierefreiheit (§ 12b BGG, BITV 2.0) with its feedback mechanism.

    The form is linked from every page's footer ("Barriere melden"); submissions are stored and
    e-mailed to the feedback address by a background task, so that an SMTP outage loses nothing.
    """

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("statement"))
    compliance = models.CharField(
        _("state of compliance"),
        max_length=20,
        default="partial",
        choices=[
            ("full", _("fully compliant")),
            ("partial", _("partially compliant")),
            ("none", _("not compliant")),
        ],
    )
    prepared_on = models.DateField(_("statement prepared on"), null=True, blank=True)
    enforcement_body = RichTextField(
        _("enforcement procedure (Schlichtungsverfahren)"), blank=True, features=["bold", "link"]
    )
    thank_you_text = RichTextField(_("thank-you text"), blank=True, features=["bold", "link"])

    content_panels = [
        *AbstractEmailForm.content_panels,
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("compliance"), FieldPanel("prepared_on")]),
        FieldPanel("enforcement_body"),
        InlinePanel("form_fields", label=_("Feedback form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("Email"),
        ),
    ]

    max_count_per_parent = 1
    # Length limits and the honeypot (portal.feedback): the form is open to anyone.
    form_builder = feedback.FeedbackFormBuilder

    class Meta:
        verbose_name = _("accessibility statement")

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            if not ratelimit.consume(request, action=feedback.RATE_LIMIT_ACTION):
                return self._refuse(request)
            if feedback.is_bot(request):
                return self.render_landing_page(request, None, *args, **kwargs)
            return super().serve(request, *args, **kwargs)
        # Prefill the "Seite" field with the page the reader came from (``?seite=/pfad/``).
        initial = {"seite": request.GET.get("seite", "")[:500]}
        context = self.get_context(request)
        context["form"] = self.get_form(page=self, user=request.user, initial=initial)
        return TemplateResponse(request, self.get_template(request), context)

    def _refuse(self, request):
        """Too many posts from this client: the form again, with the reason, as a 429."""
        context = self.get_context(request)
        form = self.get_form(request.POST, page=self, user=request.user)
        form.is_valid()
        form.add_error(
            None, _("You have sent too many messages. Please wait ten minutes and try again.")
        )
        context["form"] = form
        response = TemplateResponse(request, self.get_template(request), context, status=429)
        response["Retry-After"] = str(feedback.RETRY_AFTER)
        return response

    def process_form_submission(self, form):
        form.cleaned_data.pop(feedback.HONEYPOT, None)
        return super().process_form_submission(form)

    def get_submissions_list_view_class(self):
        # Imported here: Wagtail's admin views need the models loaded.
        from portal.admin_views import FeedbackSubmissionsView

        return FeedbackSubmissionsView

    def send_mail(self, form):
        # A background task sends it, so that an SMTP outage delays the mail but loses nothing:
        # the submission itself is already stored by process_form_submission.
        from portal.mail import queue_email

        queue_email(
            subject=self.subject or str(_("Accessibility feedback")),
            body=self.render_email(form),
            to=[x.strip() for x in self.to_address.split(",") if x.strip()],
            from_email=self.from_address or None,
        )


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Per-region settings: who runs the Integration Point and where its legal pages are."""

    integration_point_name = models.CharField(
        _("name of the Integration Point"), max_length=200, default="Integration Point"
    )
    desk_phone = models.CharField(_("desk phone"), max_length=40, blank=True)
    desk_email = models.EmailField(_("desk email"), blank=True)
    desk_address = models.TextField(_("desk address"), blank=True)
    desk_hours = models.TextField(_("desk opening hours"), blank=True)
    imprint_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Impressum page"),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacy policy page"),
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("accessibility statement page"),
    )
    easy_language_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Leichte Sprache page"),
    )
    show_demo_notice = models.BooleanField(
        _("show the demo notice"),
        default=False,
        help_text=_("A banner on every page: demo content, not legal advice."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("integration_point_name"),
                FieldPanel("desk_phone"),
                FieldPanel("desk_email"),
                FieldPanel("desk_address"),
                FieldPanel("desk_hours"),
            ],
            heading=_("Integration Point desk"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("imprint_page"),
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
                FieldPanel("easy_language_page"),
            ],
            heading=_("Legal pages"),
        ),
        FieldPanel("show_demo_notice"),
    ]

    select_related = ["imprint_page", "privacy_page", "accessibility_page", "easy_language_page"]

    class Meta:
        verbose_name = _("portal settings")


class OutboundEmailQuerySet(models.QuerySet):
    def due(self):
        from django.utils import timezone

        return (
            self.filter(status=OutboundEmail.Status.QUEUED)
            .filter(
                models.Q(next_attempt_at__isnull=True)
                | models.Q(next_attempt_at__lte=timezone.now())
            )
            .order_by("created_at")
        )


class OutboundEmail(models.Model):
    """One e-mail in the outbox (see ``portal.mail``): stored first, delivered by a task."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENT = "sent", _("sent")

    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    subject = models.CharField(_("subject"), max_length=250)
    body = models.TextField(_("body"))
    from_email = models.CharField(_("sender"), max_length=250, blank=True)
    to = models.JSONField(_("recipients"), default=list)
    reply_to = models.JSONField(_("reply to"), default=list, blank=True)
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = OutboundEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)} ({self.get_status_display()})"


class DemoDataset(models.Model):
    """Present once ``load_demo`` has filled this database; marks the content as demo content."""

    loaded_at = models.DateTimeField(_("loaded at"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("demo data set")

    def __str__(self) -> str:
        return f"Demo v{self.version} ({self.loaded_at:%Y-%m-%d})"
