"""Forms of the knowledge base's public views."""

from django import forms
from django.utils.translation import gettext_lazy as _

from knowledge.models import TopicSubscription
from knowledge.selectors import ARTICLE_KINDS
from portal.models import Audience, ResidenceStatus, Topic


class ArticleFilterForm(forms.Form):
    """The index filters. Values are slugs so that filtered URLs stay readable and stable."""

    thema = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.active(),
        to_field_name="slug",
        required=False,
        empty_label=_("All topics"),
    )
    zielgruppe = forms.ModelChoiceField(
        label=_("Audience"),
        queryset=Audience.objects.active(),
        to_field_name="slug",
        required=False,
        empty_label=_("All audiences"),
    )
    status = forms.ModelChoiceField(
        label=_("Residence status"),
        queryset=ResidenceStatus.objects.active(),
        to_field_name="slug",
        required=False,
        empty_label=_("All residence statuses"),
    )
    art = forms.ChoiceField(
        label=_("Type"),
        choices=[
            ("", _("All types")),
            *[(key, model._meta.verbose_name) for key, model in ARTICLE_KINDS.items()],
        ],
        required=False,
    )

    def filters(self) -> dict:
        """The valid filters; an invalid value (a tampered URL) is ignored, never an error page."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "topic": data.get("thema"),
            "audience": data.get("zielgruppe"),
            "residence_status": data.get("status"),
            "kind": data.get("art") or None,
        }


class SubscriptionForm(forms.Form):
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.active(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=TopicSubscription.Frequency.choices,
        widget=forms.RadioSelect,
        initial=TopicSubscription.Frequency.WEEKLY,
    )
