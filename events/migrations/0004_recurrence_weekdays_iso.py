"""Recurrence weekdays move from Python's numbering (Monday = 0) to the kernel's one Weekday,
numbered as ISO 8601 does (Monday = 1 … Sunday = 7), as the directory's opening hours already
are. Shifts the stored pages and every saved revision (drafts, history), so that publishing or
reverting to an older revision keeps the day."""

from django.db import migrations


def _shift(days, delta: int) -> list[int]:
    return [int(day) + delta for day in days]


def shift(apps, delta: int) -> None:
    EventPage = apps.get_model("events", "EventPage")
    for pk, days in EventPage.objects.values_list("pk", "recurrence_weekdays"):
        if days:
            EventPage.objects.filter(pk=pk).update(recurrence_weekdays=_shift(days, delta))
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(app_label="events", model="eventpage").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type=content_type).iterator():
        days = revision.content.get("recurrence_weekdays")
        if days:
            revision.content["recurrence_weekdays"] = _shift(days, delta)
            revision.save(update_fields=["content"])


def forward(apps, schema_editor=None) -> None:
    shift(apps, +1)


def backward(apps, schema_editor=None) -> None:
    shift(apps, -1)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_calendar_state_vevents"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forward, backward)]
