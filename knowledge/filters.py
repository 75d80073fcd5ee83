"""The knowledge index's filters (django-filter). Values are slugs so that filtered URLs stay
readable and stable; an unknown value (a tampered URL) is ignored, never an error page."""

from __future__ import annotations

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from knowledge.models import KnowledgePage
from knowledge.selectors import ARTICLE_KINDS
from portal.models import Audience, ResidenceStatus, Topic


def _term(label, field_name: str, model, empty_label):
    """A vocabulary filter chosen by slug (``?thema=aufenthalt``)."""
    return django_filters.ModelChoiceFilter(
        label=label,
        field_name=field_name,
        queryset=model.objects.active(),
        to_field_name="slug",
        empty_label=empty_label,
    )


class ArticleFilter(django_filters.FilterSet):
    thema = _term(_("Topic"), "topics", Topic, _("All topics"))
    zielgruppe = _term(_("Audience"), "audiences", Audience, _("All audiences"))
    status = _term(
        _("Residence status"), "residence_statuses", ResidenceStatus, _("All residence statuses")
    )
    art = django_filters.ChoiceFilter(
        label=_("Type"),
        choices=[(key, model._meta.verbose_name) for key, model in ARTICLE_KINDS.items()],
        empty_label=_("All types"),
        method="filter_kind",
    )

    class Meta:
        model = KnowledgePage
        fields: list[str] = []

    def filter_kind(self, queryset, name, value):
        return queryset.filter(content_type=ContentType.objects.get_for_model(ARTICLE_KINDS[value]))

    def is_filtered(self) -> bool:
        """Does a valid filter narrow the list? (Invalid values are left out of the filtering.)"""
        return bool(
            self.is_bound and self.errors is not None and any(self.form.cleaned_data.values())
        )
