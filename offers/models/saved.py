"""Partner staff's saved searches and the matches already reported."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from offers.models.offers import Offer

# --------------------------------------------------------------------------------------------
# Saved searches


class SavedSearch(models.Model):
    """A partner's search filters. ``notify`` sends an e-mail when a new offer matches."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="offer_saved_searches",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=120)
    #: The search form's query parameters (``{"art": "apprenticeship", "gemeinde": "herford"}``).
    query = models.JSONField(_("filters"), default=dict, blank=True)
    notify = models.BooleanField(_("e-mail me about new matching offers"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_notified_at = models.DateTimeField(_("last notified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class SavedSearchMatch(models.Model):
    """An offer a saved search has already reported, so that nobody gets the same one twice."""

    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="matches")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reported match")
        constraints = [
            models.UniqueConstraint(
                fields=["saved_search", "offer"], name="offers_saved_search_match_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.saved_search_id} → {self.offer_id}"
