"""The glossary: terms and abbreviations explained where they occur and used as search synonyms."""

from __future__ import annotations

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


def split_list(value: str) -> list[str]:
    return [item.strip() for item in (value or "").split(",") if item.strip()]


class GlossaryTerm(index.Indexed, models.Model):
    """A term of the field (Duldung, Rechtskreiswechsel) or an abbreviation (ABH, BÜMA)."""

    term = models.CharField(_("term"), max_length=120, unique=True)
    slug = models.SlugField(_("anchor"), max_length=120, unique=True, blank=True)
    abbreviations = models.CharField(
        _("abbreviations"), max_length=200, blank=True, help_text=_("Comma-separated, e.g. ABH.")
    )
    expansion = models.CharField(_("expansion"), max_length=250, blank=True)
    definition = models.TextField(_("definition"))
    synonyms = models.CharField(
        _("synonyms"),
        max_length=300,
        blank=True,
        help_text=_("Comma-separated further words that mean the same (used by the search)."),
    )
    explain_in_texts = models.BooleanField(
        _("explain in texts"),
        default=True,
        help_text=_("Link the first occurrence on every knowledge page to this entry."),
    )

    panels = [
        FieldPanel("term"),
        FieldPanel("slug"),
        FieldPanel("abbreviations"),
        FieldPanel("expansion"),
        FieldPanel("definition"),
        FieldPanel("synonyms"),
        FieldPanel("explain_in_texts"),
    ]
    search_fields = [
        index.SearchField("term", boost=2),
        index.SearchField("abbreviations", boost=2),
        index.SearchField("expansion"),
        index.SearchField("definition"),
        index.AutocompleteField("term"),
    ]

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["term"]

    def __str__(self) -> str:
        return self.term

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.term)[:120] or "begriff"
        return super().save(*args, **kwargs)

    @property
    def anchor(self) -> str:
        return f"begriff-{self.slug}"

    def abbreviation_list(self) -> list[str]:
        return split_list(self.abbreviations)

    def synonym_list(self) -> list[str]:
        return split_list(self.synonyms)

    def all_names(self) -> list[str]:
        """Every spelling that means this entry: term, abbreviations, expansion, synonyms."""
        names = [self.term, *self.abbreviation_list(), *self.synonym_list()]
        if self.expansion:
            names.append(self.expansion)
        seen: dict[str, str] = {}
        for name in names:
            seen.setdefault(name.casefold(), name)
        return list(seen.values())
