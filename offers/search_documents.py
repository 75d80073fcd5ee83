"""Search documents of offers and measures, with their visibility. Discovered by the ``search``
app; nothing else in ``offers`` talks to ``search``.

An offer that is withdrawn or past its "valid until" date, of a switched-off company, is not
findable (the builder returns None). Expiry happens without a save, so the daily run
(``offers.services.reminders_send``) saves each offer that has just expired, and
``lapsed_measures_touch`` each measure whose last start has passed: the index hears of it like of
any edit. Documents never carry personal data (no contact person, e-mail or phone).
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from offers.models import Company, Measure, MeasureStart, Offer
from offers.selectors import measure_topic_slugs, offer_topic_slugs
from search import registry
from search.registry import Builder, DocumentData


def _words(text: str) -> str:
    """``text`` with slashes as spaces: PostgreSQL's parser reads "Tischler/in" as one path-like
    token, so the document also carries "Tischler in" to be found for "Tischler"."""
    return text.replace("/", " ")


def _offers():
    return Offer.objects.select_related("company", "field", "municipality").prefetch_related(
        "topics"
    )


def build_offer(offer: Offer) -> DocumentData | None:
    if not offer.is_current():
        return None
    facts = [f"{offer.places} × {offer.get_kind_display()}"]
    if offer.municipality_id:
        facts.append(offer.municipality.name)
    if offer.german_level:
        facts.append(str(_("German %(level)s") % {"level": offer.german_level}))
    if offer.start_date:
        facts.append(str(_("from %(date)s") % {"date": offer.start_date.strftime("%d.%m.%Y")}))
    if offer.supports_work_permit:
        facts.append(str(_("supports the work-permit application")))
    text = [
        _words(offer.occupation),
        offer.field.name if offer.field_id else "",
        offer.company.name,
        offer.company.sector,
        offer.description,
        offer.requirements,
        offer.working_hours_note,
    ]
    return DocumentData(
        title=f"{offer.title} – {offer.company.name}",
        url=offer.get_absolute_url(),
        summary=" · ".join(facts),
        text=" · ".join(t for t in text if t),
        topics=offer_topic_slugs(offer),
        audiences=["partner-staff", "refugees"],
        municipalities=[offer.municipality.slug] if offer.municipality_id else [],
        date=offer.start_date,
        visibility=offer.visibility,
    )


def _measures():
    return Measure.objects.select_related(
        "provider", "municipality", "location", "location__municipality"
    ).prefetch_related(
        "topics",
        "audiences",
        "residence_statuses",
        Prefetch("starts", queryset=MeasureStart.objects.order_by("date")),
    )


def build_measure(measure: Measure) -> DocumentData | None:
    if not measure.is_active or not measure.provider.is_active:
        return None
    today = timezone.localdate()
    upcoming = [start.date for start in measure.starts.all() if start.date >= today]
    if not measure.continuous_entry and not upcoming:
        return None
    facts = [measure.get_kind_display(), measure.provider.name]
    if measure.entry_level or measure.exit_level:
        facts.append(f"{measure.entry_level or '–'} → {measure.exit_level or '–'}")
    if upcoming:
        facts.append(str(_("from %(date)s") % {"date": upcoming[0].strftime("%d.%m.%Y")}))
    municipality = measure.place_municipality
    return DocumentData(
        title=measure.title,
        url=measure.get_absolute_url(),
        summary=" · ".join(str(f) for f in facts),
        text=" · ".join(
            t
            for t in (
                measure.description,
                measure.target_group_note,
                measure.place,
                measure.funding_note,
            )
            if t
        ),
        topics=measure_topic_slugs(measure),
        audiences=[a.slug for a in measure.audiences.all()],
        residence_statuses=[s.slug for s in measure.residence_statuses.all()],
        municipalities=[municipality.slug] if municipality else [],
        date=upcoming[0] if upcoming else None,
        visibility=measure.visibility,
    )


registry.register(
    Builder(
        kind="offer",
        label=_("Offer of an employer"),
        icon="briefcase",
        model=Offer,
        build=build_offer,
        queryset=_offers,
        related={
            Company: lambda company: [
                ("offer", pk) for pk in company.offers.values_list("pk", flat=True)
            ]
        },
    )
)
registry.register(
    Builder(
        kind="measure",
        label=_("Measure or course"),
        icon="school",
        model=Measure,
        build=build_measure,
        queryset=_measures,
        related={MeasureStart: lambda start: [("measure", start.measure_id)]},
    )
)
