"""Search documents of the directory: organisations (with their locations and responsibilities)
and contact persons (with their own visibility). Discovered by the ``search`` app."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from directory.models import ContactPerson, Location, Organisation, Responsibility
from search import registry
from search.registry import Builder, DocumentData


def _organisations():
    return Organisation.objects.select_related("kind", "parent").prefetch_related(
        "locations__municipality",
        "responsibilities__topic",
        "responsibilities__residence_status",
        "responsibilities__municipalities",
    )


def build_organisation(org: Organisation) -> DocumentData | None:
    if not org.is_active:
        return None
    responsibilities = [r for r in org.responsibilities.all() if r.is_active]
    topics = {r.topic.slug for r in responsibilities}
    statuses = {r.residence_status.slug for r in responsibilities if r.residence_status_id}
    municipalities = {loc.municipality.slug for loc in org.locations.all() if loc.municipality_id}
    for r in responsibilities:
        municipalities.update(m.slug for m in r.municipalities.all())
    text = [org.kind.name]
    if org.parent_id:
        text.append(org.parent.name)
    text.extend(
        f"{loc.name} {loc.street} {loc.postal_code} {loc.city}" for loc in org.locations.all()
    )
    for r in responsibilities:
        text.append(" ".join(p for p in (r.topic.name, r.service_name) if p))
        if r.residence_status_id:
            text.append(r.residence_status.name)
    return DocumentData(
        title=str(org),
        url=org.get_absolute_url(),
        summary=org.description,
        text=" · ".join(t for t in text if t.strip()),
        topics=topics,
        residence_statuses=statuses,
        municipalities=municipalities,
    )


def _contacts():
    return ContactPerson.objects.select_related(
        "organisation", "location__municipality"
    ).prefetch_related("responsibilities__topic")


def build_contact(contact: ContactPerson) -> DocumentData | None:
    if not contact.is_active or not contact.organisation.is_active:
        return None
    responsibilities = [r for r in contact.responsibilities.all() if r.is_active]
    summary = " – ".join(p for p in (contact.function, str(contact.organisation)) if p)
    text = [contact.consultation_hours, contact.languages]
    text.extend(" ".join(p for p in (r.topic.name, r.service_name) if p) for r in responsibilities)
    municipalities = (
        [contact.location.municipality.slug]
        if contact.location_id and contact.location.municipality_id
        else []
    )
    return DocumentData(
        title=contact.name,
        url=contact.organisation.get_absolute_url(),
        summary=summary,
        text=" · ".join(t for t in text if t),
        topics={r.topic.slug for r in responsibilities},
        municipalities=municipalities,
        visibility=contact.visibility,
    )


registry.register(
    Builder(
        kind="organisation",
        label=_("Organisation"),
        icon="building",
        model=Organisation,
        build=build_organisation,
        queryset=_organisations,
        # An organisation switched off hides its contacts as well.
        dependents=lambda org: [
            ("contact", pk) for pk in org.contacts.values_list("pk", flat=True)
        ],
        related={
            Location: lambda loc: [("organisation", loc.organisation_id)],
            Responsibility: lambda r: (
                [("organisation", r.organisation_id)]
                + [("contact", pk) for pk in (r.contact_id, r.deputy_id) if pk]
            ),
        },
    )
)
registry.register(
    Builder(
        kind="contact",
        label=_("Contact person"),
        icon="person",
        model=ContactPerson,
        build=build_contact,
        queryset=_contacts,
    )
)


def _finder_url() -> str:
    from django.urls import reverse

    return reverse("directory:finder")


registry.register_help_link(
    registry.HelpLink(label=_("Who is responsible? Ask the finder"), url=_finder_url, order=10)
)
