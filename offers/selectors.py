"""Reads of offers and measures: the search lists, detail pages, the company's own list, the
links to Meeting Points and knowledge procedures, and the statistics.

Every list narrows with ``portal.access.visible_to`` and with the query-time expiry filters
(``Offer.objects.current()``, ``Measure.objects.current()``), and runs a constant number of
queries whatever the number of rows (pinned in tests/offers/test_queries.py).
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from offers import permissions
from offers.models import (
    Company,
    Measure,
    MeasureKind,
    MeasureStart,
    MunicipalityNeighbour,
    Offer,
    OfferKind,
    OffersIndexPage,
    levels_up_to,
)
from offers.models.measures import AttendanceMode
from portal import access


def index_page(*, site=None) -> OffersIndexPage | None:
    """The live section page of the offers (below ``site``'s root, when given): the search."""
    pages = OffersIndexPage.objects.live()
    if site is not None:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    return pages.first()


#: Topics every offer of a kind touches (knowledge procedures are linked through them).
OFFER_KIND_TOPICS = {
    OfferKind.APPRENTICESHIP: ["ausbildung"],
    OfferKind.EQ: ["ausbildung"],
}
OFFER_TOPICS = ["arbeitgeberberatung"]
WORK_PERMIT_TOPICS = ["aufenthalt-beschaeftigung"]
MEASURE_KIND_TOPICS = {
    MeasureKind.INTEGRATION_COURSE: ["sprachfoerderung"],
    MeasureKind.JOB_LANGUAGE_COURSE: ["sprachfoerderung"],
    MeasureKind.EQ: ["ausbildung"],
    MeasureKind.VOCATIONAL_PREPARATION: ["ausbildung"],
    MeasureKind.RECOGNITION: ["anerkennung"],
    MeasureKind.ADAPTATION: ["anerkennung"],
    MeasureKind.ACTIVATION: ["arbeitsvermittlung"],
    MeasureKind.QUALIFICATION: ["arbeitsvermittlung"],
}


@dataclass
class Filters:
    """What the search form asks for; every field optional."""

    text: str = ""
    kind: str = ""
    field: object = None  # OccupationalField
    municipality: object = None  # portal.Municipality
    nearby: bool = False
    level: str = ""
    weeks: int | None = None
    residence_status: object = None  # portal.ResidenceStatus
    permit: bool = False
    show: str = ""  # "", "offers" or "measures"
    municipality_ids: list[int] = dataclasses.field(default_factory=list)


def municipality_ids(municipality, *, nearby: bool = False) -> list[int]:
    """``municipality`` and, with ``nearby``, its neighbours (pairs are read both ways)."""
    if municipality is None:
        return []
    ids = [municipality.pk]
    if nearby:
        for a, b in MunicipalityNeighbour.objects.filter(
            Q(municipality=municipality) | Q(neighbour=municipality)
        ).values_list("municipality_id", "neighbour_id"):
            ids.append(b if a == municipality.pk else a)
    return sorted(set(ids))


def _resolved(filters: Filters) -> list[int]:
    if filters.municipality is not None and not filters.municipality_ids:
        filters.municipality_ids = municipality_ids(filters.municipality, nearby=filters.nearby)
    return filters.municipality_ids


# ---- offers ---------------------------------------------------------------------------------


def offer_list(*, user, filters: Filters | None = None, today: datetime.date | None = None):
    """Current offers ``user`` may see, filtered, soonest start first."""
    filters = filters or Filters()
    today = today or timezone.localdate()
    queryset = access.visible_to(user, Offer.objects.current(today)).for_listing()
    if filters.show == "measures":
        return queryset.none()
    if filters.kind:
        if filters.kind not in OfferKind.values:
            return queryset.none()
        queryset = queryset.filter(kind=filters.kind)
    if filters.field is not None:
        queryset = queryset.filter(field=filters.field)
    if filters.municipality is not None:
        queryset = queryset.filter(municipality_id__in=_resolved(filters))
    if filters.level:
        queryset = queryset.filter(
            Q(german_level="") | Q(german_level__in=levels_up_to(filters.level))
        )
    if filters.weeks is not None:
        horizon = today + datetime.timedelta(weeks=filters.weeks)
        queryset = queryset.filter(Q(start_date__isnull=True) | Q(start_date__lte=horizon))
    if filters.permit:
        queryset = queryset.filter(supports_work_permit=True)
    text = filters.text.strip()
    if text:
        queryset = queryset.filter(
            Q(occupation__icontains=text)
            | Q(description__icontains=text)
            | Q(company__name__icontains=text)
            | Q(field__name__icontains=text)
        )
    return queryset.order_by(F("start_date").asc(nulls_first=True), "-created_at", "-pk")


def offer_for_view(*, user, pk: int) -> Offer | None:
    """One offer as ``user`` may see it: the company and the employer service see theirs in
    any state; everyone else only a current offer of a visibility they may see."""
    offer = (
        Offer.objects.select_related(
            "company", "company__organisation", "company__profile", "field", "municipality"
        )
        .prefetch_related("topics")
        .filter(pk=pk)
        .first()
    )
    if offer is None:
        return None
    if permissions.can_edit_offer(user, offer):
        return offer
    if offer.is_current() and access.can_view(user, offer):
        return offer
    return None


def company_offers(company: Company):
    """All offers of ``company`` (current first, then expired and withdrawn), for its owner."""
    return (
        Offer.objects.filter(company=company)
        .select_related("company", "field", "municipality")
        .prefetch_related("meeting_point_registrations__occurrence__event")
        .order_by(F("withdrawn_at").asc(nulls_first=True), "-valid_until", "-pk")
    )


def company_for_user(user) -> Company | None:
    """The company linked to ``user``'s employer account, if any."""
    return Company.objects.of_user(user).select_related("municipality", "profile").first()


def public_company(*, user, slug: str):
    """An active company with the current offers ``user`` may see."""
    company = (
        Company.objects.active().select_related("municipality", "organisation").filter(slug=slug)
    ).first()
    if company is None:
        return None, []
    offers = list(
        access.visible_to(user, Offer.objects.current().filter(company=company))
        .for_listing()
        .order_by(F("start_date").asc(nulls_first=True), "-pk")
    )
    return company, offers


# ---- measures -------------------------------------------------------------------------------


def _upcoming_starts(today: datetime.date):
    return MeasureStart.objects.filter(date__gte=today).order_by("date", "pk")


def measure_list(*, user, filters: Filters | None = None, today: datetime.date | None = None):
    """Current measures ``user`` may see, filtered, next start first."""
    filters = filters or Filters()
    today = today or timezone.localdate()
    next_start = MeasureStart.objects.filter(measure=OuterRef("pk"), date__gte=today).order_by(
        "date"
    )
    queryset = (
        access.visible_to(user, Measure.objects.current(today))
        .for_listing()
        .annotate(next_start=Subquery(next_start.values("date")[:1]))
        .prefetch_related(
            Prefetch("starts", queryset=_upcoming_starts(today), to_attr="upcoming_starts"),
            "residence_statuses",
        )
    )
    if filters.show == "offers":
        return queryset.none()
    if filters.kind:
        if filters.kind not in MeasureKind.values:
            return queryset.none()
        queryset = queryset.filter(kind=filters.kind)
    if filters.field is not None:
        queryset = queryset.filter(occupational_fields=filters.field)
    if filters.municipality is not None:
        ids = _resolved(filters)
        queryset = queryset.filter(
            Q(municipality_id__in=ids)
            | Q(municipality__isnull=True, location__municipality_id__in=ids)
            | Q(mode=AttendanceMode.ONLINE)
        )
    if filters.level:
        queryset = queryset.filter(
            Q(entry_level="") | Q(entry_level__in=levels_up_to(filters.level))
        )
    if filters.weeks is not None:
        horizon = today + datetime.timedelta(weeks=filters.weeks)
        soon = MeasureStart.objects.filter(
            measure=OuterRef("pk"), date__gte=today, date__lte=horizon
        )
        queryset = queryset.filter(Q(continuous_entry=True) | Exists(soon))
    if filters.residence_status is not None:
        through = Measure.residence_statuses.through.objects
        any_status = ~Exists(through.filter(measure_id=OuterRef("pk")))
        admitted = Exists(
            through.filter(measure_id=OuterRef("pk"), residencestatus=filters.residence_status)
        )
        queryset = queryset.filter(any_status | admitted)
    text = filters.text.strip()
    if text:
        queryset = queryset.filter(
            Q(title__icontains=text)
            | Q(description__icontains=text)
            | Q(provider__name__icontains=text)
        )
    return queryset.order_by(
        F("continuous_entry").desc(), F("next_start").asc(nulls_last=True), "title", "pk"
    )


def measure_for_view(*, user, pk: int) -> Measure | None:
    """One active measure ``user`` may see (its start dates may all lie in the past)."""
    today = timezone.localdate()
    measure = (
        access.visible_to(user, Measure.objects.filter(is_active=True, provider__is_active=True))
        .select_related("provider", "municipality", "location", "location__municipality")
        .select_related("contact")
        .prefetch_related(
            Prefetch("starts", queryset=_upcoming_starts(today), to_attr="upcoming_starts"),
            "residence_statuses",
            "audiences",
            "topics",
            "occupational_fields",
        )
        .filter(pk=pk)
        .first()
    )
    return measure


def visible_contact(user, contact):
    """The measure's directory contact if ``user`` may see it, else None."""
    if contact is None or not contact.is_active or not access.can_view(user, contact):
        return None
    return contact


# ---- links to events and knowledge ----------------------------------------------------------


def upcoming_meeting_points(*, user, company: Company, limit: int = 5) -> list:
    """Upcoming Meeting Point dates the company has registered for (by its account or through
    registrations linked to its offers), of events ``user`` may see."""
    from events.choices import EventKind
    from events.models import EventPage, Occurrence, Registration

    registrations = Registration.objects.active().filter(
        Q(standing_offers__company=company)
        | Q(user__isnull=False, user__employer_profile__company=company)
    )
    events = access.visible_to(
        user, EventPage.objects.live().filter(kind=EventKind.MEETING_POINT)
    ).values("pk")
    return list(
        Occurrence.objects.upcoming()
        .filter(cancelled=False, detached=False, event__in=events)
        .filter(Exists(registrations.filter(occurrence=OuterRef("pk"))))
        .select_related("event")
        .order_by("start")[:limit]
    )


def offer_topic_slugs(offer: Offer) -> set[str]:
    slugs = set(OFFER_TOPICS) | set(OFFER_KIND_TOPICS.get(offer.kind, []))
    if offer.supports_work_permit:
        slugs |= set(WORK_PERMIT_TOPICS)
    return slugs | {topic.slug for topic in offer.topics.all()}


def measure_topic_slugs(measure: Measure) -> set[str]:
    return set(MEASURE_KIND_TOPICS.get(measure.kind, [])) | {t.slug for t in measure.topics.all()}


def procedures_for(*, user, topic_slugs, limit: int = 6) -> list:
    """Live knowledge procedures ``user`` may see that share one of ``topic_slugs``."""
    from knowledge.models import ProcedurePage

    if not topic_slugs:
        return []
    matching = ProcedurePage.objects.filter(topics__slug__in=sorted(topic_slugs)).values("pk")
    return list(
        access.visible_to(user, ProcedurePage.objects.live().filter(pk__in=matching)).order_by(
            "title"
        )[:limit]
    )


# ---- statistics -----------------------------------------------------------------------------


@dataclass
class Tally:
    label: str
    offers: int = 0
    places: int = 0


#: What the monthly series can be grouped by (the statistics form's ``nach``).
GROUPINGS = ("kind", "field", "municipality")
#: At most this many series in the chart; smaller groups are summed up as "other".
MAX_SERIES = 5


@dataclass
class Statistics:
    months: list[datetime.date]
    group_by: str
    #: [(group label, [places in month 0, month 1, …])], largest first, "other" last.
    series: list[tuple[str, list[int]]]
    offers_by_month: list[int]
    by_kind: list[Tally]
    by_field: list[Tally]
    by_municipality: list[Tally]
    total: Tally

    def month_rows(self) -> list[dict]:
        """The chart's numbers as table rows: month, a value per series, places, offers."""
        return [
            {
                "month": month,
                "values": [values[i] for _label, values in self.series],
                "places": sum(values[i] for _label, values in self.series),
                "offers": self.offers_by_month[i],
            }
            for i, month in enumerate(self.months)
        ]


def _month_starts(today: datetime.date, months: int) -> list[datetime.date]:
    first = today.replace(day=1)
    starts = []
    year, month = first.year, first.month
    for _month in range(months):
        starts.append(datetime.date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(starts))


def _month_end(start: datetime.date) -> datetime.date:
    following = (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def _top_series(groups: dict[str, list[int]], *, keep: list[str] | None = None):
    """The ``MAX_SERIES`` largest groups (or ``keep``'s order), the rest summed as "other"."""
    order = keep or sorted(groups, key=lambda label: (-sum(groups[label]), label))
    series = [(label, groups[label]) for label in order[:MAX_SERIES] if label in groups]
    rest = [groups[label] for label in order[MAX_SERIES:] if label in groups]
    if rest:
        series.append((str(_("other")), [sum(column) for column in zip(*rest, strict=True)]))
    return series


def statistics(
    *, months: int = 12, group_by: str = "kind", today: datetime.date | None = None
) -> Statistics:
    """Offers and places by kind, field and municipality: the current state and, month by
    month, the places that were on offer grouped by ``group_by`` (an offer counts in each month
    in which it was listed). One query, whatever the number of offers."""
    today = today or timezone.localdate()
    group_by = group_by if group_by in GROUPINGS else "kind"
    rows = list(
        Offer.objects.filter(company__is_active=True).values_list(
            "kind",
            "field__name",
            "municipality__name",
            "places",
            "created_at",
            "valid_until",
            "withdrawn_at",
        )
    )
    starts = _month_starts(today, months)
    kind_labels = {value: str(label) for value, label in OfferKind.choices}
    no_field, no_place = str(_("no occupational field")), str(_("no place given"))
    monthly: dict[str, list[int]] = {}
    offers_by_month = [0] * len(starts)
    by_kind = {label: Tally(label) for label in kind_labels.values()}
    by_field: dict[str, Tally] = {}
    by_municipality: dict[str, Tally] = {}
    total = Tally("total")
    for kind, field_name, municipality, places, created, valid_until, withdrawn in rows:
        labels = {
            "kind": kind_labels.get(kind, kind),
            "field": field_name or no_field,
            "municipality": municipality or no_place,
        }
        created_on = timezone.localdate(created)
        withdrawn_on = timezone.localdate(withdrawn) if withdrawn else None
        for index, start in enumerate(starts):
            end = min(_month_end(start), today)
            listed = created_on <= end and valid_until >= start
            if listed and (withdrawn_on is None or withdrawn_on >= start):
                monthly.setdefault(labels[group_by], [0] * len(starts))[index] += places
                offers_by_month[index] += 1
        if withdrawn is None and valid_until >= today:
            for tally in (
                by_kind.setdefault(labels["kind"], Tally(labels["kind"])),
                by_field.setdefault(labels["field"], Tally(labels["field"])),
                by_municipality.setdefault(labels["municipality"], Tally(labels["municipality"])),
                total,
            ):
                tally.offers += 1
                tally.places += places
    if group_by == "kind":
        # Every kind keeps its place (and colour) in the chart, also in months without offers.
        for label in kind_labels.values():
            monthly.setdefault(label, [0] * len(starts))
        series = _top_series(monthly, keep=list(kind_labels.values()))
    else:
        series = _top_series(monthly)
    return Statistics(
        months=starts,
        group_by=group_by,
        series=series,
        offers_by_month=offers_by_month,
        by_kind=list(by_kind.values()),
        by_field=sorted(by_field.values(), key=lambda t: (-t.places, t.label)),
        by_municipality=sorted(by_municipality.values(), key=lambda t: (-t.places, t.label)),
        total=total,
    )
