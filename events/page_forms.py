"""The editor form of event pages: weekdays as check boxes, exception dates one per line, and
cancelled or moved dates checked against the schedule.

The model stores weekdays and exception dates as JSON lists; editors should never have to type
JSON. The form turns them into plain widgets and back, and refuses an override whose original
date the rule does not produce (it would otherwise silently do nothing).
"""

from __future__ import annotations

import datetime
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from portal.vocabulary import Weekday

BERLIN_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y")


def parse_dates(text: str) -> tuple[list[str], list[str]]:
    """Dates from free text (one per line, or separated by commas/semicolons).

    Returns (sorted ISO dates without duplicates, the pieces that are not dates).
    """
    found: set[datetime.date] = set()
    bad: list[str] = []
    for piece in re.split(r"[\n,;]+", text or ""):
        piece = piece.strip().strip('"[]').strip()
        if not piece:
            continue
        for fmt in BERLIN_FORMATS:
            try:
                found.add(datetime.datetime.strptime(piece, fmt).date())
                break
            except ValueError:
                continue
        else:
            bad.append(piece[:40])
    return [d.isoformat() for d in sorted(found)], bad


class EventPageForm(WagtailAdminPageForm):
    """``EventPage.base_form_class``."""

    recurrence_weekdays = forms.TypedMultipleChoiceField(
        label=_("weekdays"),
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For monthly rules exactly one weekday, for weekly rules one or more."),
    )
    exception_dates = forms.CharField(
        label=_("exception dates"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Dates without an event, one per line, e.g. 06.01.2027."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            stored = getattr(self.instance, "exception_dates", None) or []
            lines = []
            for value in stored:
                try:
                    lines.append(datetime.date.fromisoformat(str(value)).strftime("%d.%m.%Y"))
                except ValueError:
                    lines.append(str(value))
            self.initial["exception_dates"] = "\n".join(lines)
            self.initial["recurrence_weekdays"] = [
                int(d) for d in getattr(self.instance, "recurrence_weekdays", None) or []
            ]

    def clean_exception_dates(self):
        dates, bad = parse_dates(self.cleaned_data.get("exception_dates", ""))
        if bad:
            raise forms.ValidationError(
                _("Not a date: %(values)s. Write dates like 06.01.2027."),
                params={"values": ", ".join(bad)},
            )
        return dates

    def _post_clean(self):
        # The model (and its clean()) has the edited schedule after this.
        super()._post_clean()
        self._check_overrides()

    def _check_overrides(self):
        formset = self.formsets.get("overrides") if hasattr(self, "formsets") else None
        if formset is None or not formset.is_valid():
            return
        schedule_fields = {"start", "end", "recurrence", "recurrence_week", "recurrence_weekdays"}
        if schedule_fields & set(self.errors):
            return  # the schedule itself is wrong; say that first
        try:
            starts = self.instance.scheduled_starts()
        except (TypeError, ValueError):
            return
        by_day: dict[datetime.date, list[datetime.datetime]] = {}
        for start in starts:
            by_day.setdefault(start.date(), []).append(start)
        for form in formset.forms:
            if formset.can_delete and formset._should_delete_form(form):
                continue
            original = form.cleaned_data.get("original_start")
            if not original:
                continue
            local = timezone.localtime(original, starts[0].tzinfo) if starts else original
            if any(local == s for s in starts):
                continue
            candidates = by_day.get(local.date(), [])
            if len(candidates) == 1:
                # The right day with a different time: take the rule's time for that day.
                form.cleaned_data["original_start"] = candidates[0]
                form.instance.original_start = candidates[0]
                continue
            form.add_error(
                "original_start",
                _("The rule produces no date on %(date)s.") % {"date": local.strftime("%d.%m.%Y")},
            )
