"""Topic subscriptions: logged-in readers get a daily or weekly digest of new and changed pages."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TopicSubscription(models.Model):
    """One reader's subscription to one topic. ``covered_until`` is the end of the period the last
    digest covered; it moves forward only in the transaction that queues the digest e-mail in the
    outbox, so a crash never skips a period and the outbox's retries never lose the e-mail."""

    class Frequency(models.TextChoices):
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="knowledge_subscriptions",
        verbose_name=_("user"),
    )
    topic = models.ForeignKey(
        "portal.Topic",
        on_delete=models.CASCADE,
        related_name="knowledge_subscriptions",
        verbose_name=_("topic"),
    )
    frequency = models.CharField(
        _("frequency"), max_length=8, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    covered_until = models.DateTimeField(_("covered until"))

    class Meta:
        verbose_name = _("topic subscription")
        verbose_name_plural = _("topic subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="knowledge_subscription_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.topic}"
