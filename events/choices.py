"""The fixed vocabularies of the events app (kinds, attendance, recurrence rules); weekdays are
the kernel's ``portal.vocabulary.Weekday``.

They live apart from the models so that the editor form (``events.page_forms``), which the page
model names as its ``base_form_class``, can use them without importing the models.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    TRAINING = "training", _("Training")
    MEETING_POINT = "meeting_point", _("Meeting Point")
    INFORMATION = "information", _("Information event")


class AttendanceMode(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid (on site and online)")


class Recurrence(models.TextChoices):
    NONE = "", _("Single date")
    MONTHLY = "monthly", _("Monthly on a weekday (e.g. every first Wednesday)")
    WEEKLY = "weekly", _("Weekly on chosen weekdays")


class WeekOfMonth(models.IntegerChoices):
    FIRST = 1, _("first")
    SECOND = 2, _("second")
    THIRD = 3, _("third")
    FOURTH = 4, _("fourth")
    LAST = -1, _("last")
