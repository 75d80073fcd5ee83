"""Forms of the knowledge base's public views."""

from django import forms
from django.utils.translation import gettext_lazy as _

from knowledge.models import TopicSubscription
from portal.models import Topic


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
