"""Reads of the directory: the organisation list, one organisation's page, the finder and the
change feed.

Every function takes the ``user`` and narrows contacts through ``portal.access``; each runs a
constant number of queries whatever the number of rows (pinned in the tests).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, Exists, IntegerField, OuterRef, Prefetch, Q, Value, When
from django.urls import reverse
from wagtail.models import ModelLogEntry

from directory import changelog
from directory.models import (
    ContactPerson,
    Location,
    Organisation,
    Responsibility,
    surname_key,
)
from portal import access


def visible_contacts(user):
    """Active contacts ``user`` may see, with their location."""
    return access.visible_to(user, ContactPerson.objects.active()).select_related(
        "location", "location__municipality"
    )


def _locations():
    return Location.objects.select_related("municipality").order_by("sort_order", "pk")


# ---- the list -------------------------------------------------------------------------------


def organisation_list(*, user, kind=None, municipality=None, topic=None, text: str = ""):
    """Active organisations, filtered; each with kind, parent and locations prefetched."""
    queryset = (
        Organisation.objects.active()
        .select_related("kind", "parent")
        .prefetch_related(Prefetch("locations", queryset=_locations()))
        .order_by("name")
    )
    if kind is not None:
        queryset = queryset.filter(kind=kind)
    if municipality is not None:
        queryset = queryset.filter(
            Exists(Location.objects.filter(organisation=OuterRef("pk"), municipality=municipality))
        )
    if topic is not None:
        queryset = queryset.filter(
            Exists(Responsibility.objects.active().filter(organisation=OuterRef("pk"), topic=topic))
        )
    text = text.strip()
    if text:
        queryset = queryset.filter(
            Q(name__icontains=text)
            | Q(abbreviation__icontains=text)
            | Q(description__icontains=text)
            | Q(parent__name__icontains=text)
        )
    return queryset


# ---- one organisation -----------------------------------------------------------------------


def responsibilities_with_people():
    return (
        Responsibility.objects.active()
        .select_related(
            "topic",
            "residence_status",
            "organisation",
            "contact",
            "deputy",
        )
        .prefetch_related("municipalities")
    )


def hide_what_user_may_not_see(user, organisation: Organisation) -> Organisation:
    """Blank the fields of a loaded organisation that carry their own visibility and that
    ``user`` may not see (the hotline, when it is an internal line). The instance is for
    display only (page, vCard, JSON-LD): every channel reads the same redacted object."""
    if not access.sees(user, organisation.hotline_visibility):
        organisation.hotline = organisation.hotline_hours = ""
    return organisation


def deputies(user, organisation: Organisation) -> dict[int, ContactPerson]:
    """Contact pk → the deputy ``user`` may see, from the organisation's loaded
    responsibilities (for the cards of absent contacts)."""
    result = {}
    for responsibility in organisation.responsibilities.all():
        deputy = _person(user, responsibility.deputy).person
        if responsibility.contact_id and deputy is not None:
            result.setdefault(responsibility.contact_id, deputy)
    return result


def organisation_detail(*, user, slug: str) -> Organisation | None:
    """The organisation with its locations, teams, visible contacts and responsibilities, as
    ``user`` may see it (``hide_what_user_may_not_see``)."""
    organisation = (
        Organisation.objects.active()
        .select_related("kind", "parent")
        .prefetch_related(
            Prefetch("locations", queryset=_locations()),
            Prefetch(
                "teams",
                queryset=Organisation.objects.active().order_by("name"),
            ),
            Prefetch("contacts", queryset=visible_contacts(user), to_attr="visible_contacts"),
            Prefetch(
                "responsibilities",
                queryset=responsibilities_with_people().order_by(
                    "topic__sort_order", "topic__name", "surname_from_key"
                ),
            ),
        )
        .filter(slug=slug)
        .first()
    )
    if organisation is not None:
        hide_what_user_may_not_see(user, organisation)
    return organisation


# ---- the finder -----------------------------------------------------------------------------


@dataclass
class PersonView:
    """A contact as ``user`` may see it: ``person`` is None when the contact is hidden."""

    person: ContactPerson | None
    hidden: bool = False


@dataclass
class Match:
    responsibility: Responsibility
    contact: PersonView
    deputy: PersonView
    location: Location | None

    @property
    def absent_until(self) -> datetime.date | None:
        """The last day of the responsible person's absence, while they are absent."""
        person = self.contact.person
        return person.absent_until if person is not None and person.is_absent else None

    @property
    def people(self) -> list[tuple[str, PersonView]]:
        """``[(role, view)]`` in the order the answer shows them: the responsible person and
        their deputy, the deputy first while the responsible person is absent."""
        people = [("contact", self.contact)]
        if self.deputy.person is not None or self.deputy.hidden:
            deputy = ("deputy", self.deputy)
            if self.absent_until is not None:
                people.insert(0, deputy)
            else:
                people.append(deputy)
        return people


@dataclass
class FinderAnswer:
    """The finder's answer. ``matches`` when someone is responsible; else ``fallbacks``
    (organisations with a general contact for the topic) and always the desk as last resort."""

    matches: list[Match] = field(default_factory=list)
    fallbacks: list[Organisation] = field(default_factory=list)
    surname_needed: bool = False

    @property
    def found(self) -> bool:
        return bool(self.matches)


#: How many candidates the finder looks at; more than enough for any one tier.
CANDIDATE_LIMIT = 40


def _person(user, person: ContactPerson | None) -> PersonView:
    if person is None or not person.is_active:
        return PersonView(person=None)
    if access.can_view(user, person):
        return PersonView(person=person)
    return PersonView(person=None, hidden=True)


def find_responsible(
    *,
    user,
    topic,
    municipality,
    residence_status=None,
    legal_circle: str = "",
    surname: str = "",
) -> FinderAnswer:
    """Who is responsible for ``topic`` in ``municipality`` for a person with
    ``residence_status`` (or in ``legal_circle``) and ``surname``.

    Precedence, most specific first: a rule for the residence status beats one for its legal
    circle, which beats one for "any"; then a rule naming the municipality beats one for all
    municipalities; then a rule with a surname range beats one without. Only the best tier is
    answered. Without a surname, every surname split of that tier is shown with its range.
    Partners-only people are reported as hidden to everyone else (``portal.access``).
    """
    if residence_status is not None and not legal_circle:
        legal_circle = residence_status.legal_circle
    status_q = Q(residence_status__isnull=True, legal_circle="")
    if residence_status is not None:
        status_q |= Q(residence_status=residence_status)
    if legal_circle:
        status_q |= Q(residence_status__isnull=True, legal_circle=legal_circle)
    through = Responsibility.municipalities.through
    municipality_q = Q(all_municipalities=True) | Exists(
        through.objects.filter(responsibility=OuterRef("pk"), municipality=municipality)
    )
    key = surname_key(surname)
    queryset = Responsibility.objects.active().filter(status_q, municipality_q, topic=topic)
    if key:
        queryset = queryset.filter(
            Q(surname_from_key="") | Q(surname_from_key__lte=key, surname_to_key__gte=key)
        )
    queryset = queryset.annotate(
        status_rank=Case(
            When(residence_status__isnull=False, then=Value(2)),
            When(~Q(legal_circle=""), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
        municipality_rank=Case(
            When(all_municipalities=False, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
        surname_rank=Case(
            When(surname_from_key="", then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
    ).order_by(
        "-status_rank",
        "-municipality_rank",
        "-surname_rank",
        "organisation__name",
        "surname_from_key",
        "pk",
    )
    # Rank first, load people after: only the best tier is answered, so the candidates are
    # read as bare keys and ranks, and just the tier's rows are loaded with their people and
    # places (at 50,000 responsibilities, building 40 rows × 8 objects cost more than the SQL;
    # see docs/benchmarks.md).
    candidates = list(
        queryset.values_list("pk", "status_rank", "municipality_rank", "surname_rank")[
            :CANDIDATE_LIMIT
        ]
    )
    answer = FinderAnswer()
    if candidates:
        best = candidates[0]
        if key:
            tier_ranks = [c for c in candidates if c[1:] == best[1:]]
        else:
            tier_ranks = [c for c in candidates if c[1:3] == best[1:3]]
            answer.surname_needed = any(c[3] for c in tier_ranks)
        loaded = responsibilities_with_people().select_related("contact__location")
        loaded = loaded.prefetch_related(None).prefetch_related(
            Prefetch("organisation__locations", queryset=_locations())
        )
        rows = {row.pk: row for row in loaded.filter(pk__in=[c[0] for c in tier_ranks])}
        tier_rows = []
        for pk, status_rank, municipality_rank, surname_rank in tier_ranks:
            row = rows.get(pk)
            if row is None:  # deleted between the two reads
                continue
            row.status_rank, row.municipality_rank = status_rank, municipality_rank
            row.surname_rank = surname_rank
            tier_rows.append(row)
        for row in tier_rows:
            contact = _person(user, row.contact)
            location = None
            if contact.person is not None and contact.person.location_id:
                location = contact.person.location
            else:
                locations = list(row.organisation.locations.all())
                in_place = [loc for loc in locations if loc.municipality_id == municipality.pk]
                location = (in_place or locations or [None])[0]
            answer.matches.append(
                Match(
                    responsibility=row,
                    contact=contact,
                    deputy=_person(user, row.deputy),
                    location=location,
                )
            )
        return answer
    answer.fallbacks = fallback_organisations(user=user, topic=topic, municipality=municipality)
    return answer


def fallback_organisations(*, user, topic, municipality, limit: int = 3) -> list[Organisation]:
    """Organisations responsible for ``topic`` somewhere, those with a location in
    ``municipality`` first, each with its visible general contacts (``general_contacts``)."""
    has_topic = Exists(
        Responsibility.objects.active().filter(organisation=OuterRef("pk"), topic=topic)
    )
    nearby = Exists(Location.objects.filter(organisation=OuterRef("pk"), municipality=municipality))
    return list(
        Organisation.objects.active()
        .filter(has_topic)
        .annotate(nearby=nearby)
        .select_related("kind")
        .prefetch_related(
            Prefetch("locations", queryset=_locations()),
            Prefetch(
                "contacts",
                queryset=visible_contacts(user).filter(is_general_contact=True),
                to_attr="general_contacts",
            ),
        )
        .order_by("-nearby", "name")[:limit]
    )


# ---- the change feed ------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One logged save of a directory record, as the change page and its feed show it:
    a new record as one line (``summary``), otherwise its readable ``changes``."""

    pk: int
    timestamp: datetime.datetime
    label: str
    message: str
    source: str
    user: object | None
    organisation: Organisation | None
    changes: list[dict[str, str]]
    created: bool = False
    summary: str = ""
    anchor: str = ""

    @property
    def url(self) -> str:
        """The record on its organisation's page (the contact card, the location, the
        section), or the change page when there is no organisation."""
        if self.organisation is None:
            return f"{reverse('directory:changes')}#aenderung-{self.pk}"
        fragment = f"#{self.anchor}" if self.anchor else ""
        return self.organisation.get_absolute_url() + fragment


def recent_changes(*, user, limit: int = 50) -> list[Change]:
    """The newest directory entries of the audit trail that ``user`` may read: each entry
    carries the visibility of its record (partners-only contacts stay partners-only)."""
    entries = list(
        access.visible_to(
            user,
            ModelLogEntry.objects.filter(action__in=changelog.ACTIONS),
            field="data__visibility",
        )
        .select_related("user", "content_type")
        .order_by("-timestamp", "-pk")[:limit]
    )
    organisations = Organisation.objects.in_bulk(
        {entry.data.get("organisation") for entry in entries} - {None}
    )
    sources = dict(changelog.Source.choices)
    changes = []
    for entry in entries:
        created = entry.action == changelog.Action.CREATED
        model = entry.content_type.model
        readable = changelog.readable_changes(entry.data.get("changes", []), created=created)
        changes.append(
            Change(
                pk=entry.pk,
                timestamp=entry.timestamp,
                label=entry.label,
                message=str(entry.message),
                source=str(sources.get(entry.data.get("source"), "")),
                user=entry.user,
                organisation=organisations.get(entry.data.get("organisation")),
                changes=readable,
                created=created,
                summary=changelog.summary(label=entry.label, model=model, changes=readable)
                if created
                else "",
                anchor=changelog.anchor(
                    model=model,
                    pk=entry.object_id,
                    deleted=entry.action == changelog.Action.DELETED,
                ),
            )
        )
    return changes
