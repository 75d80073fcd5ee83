"""schema.org JSON-LD of an organisation page: the organisation, its places and their
``openingHoursSpecification`` (public data only: no partners-only contact appears here)."""

from __future__ import annotations

import json

from django.utils.html import _json_script_escapes
from django.utils.safestring import SafeString, mark_safe

from directory.models import SCHEMA_DAYS, Organisation


def organisation_jsonld(organisation: Organisation, *, url: str) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization"
        if organisation.kind.slug in GOVERNMENT_KINDS
        else "Organization",
        "name": organisation.name,
        "url": url,
    }
    if organisation.abbreviation:
        data["alternateName"] = organisation.abbreviation
    if organisation.description:
        data["description"] = organisation.description
    if organisation.phone:
        data["telephone"] = organisation.phone
    if organisation.email:
        data["email"] = organisation.email
    if organisation.website:
        data["sameAs"] = organisation.website
    if organisation.parent_id:
        data["parentOrganization"] = {"@type": "Organization", "name": organisation.parent.name}
    places = []
    for location in organisation.locations.all():
        place = {
            "@type": "Place",
            "name": location.name or organisation.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": location.street,
                "postalCode": location.postal_code,
                "addressLocality": location.city,
                "addressCountry": "DE",
            },
            "isAccessibleForFree": True,
        }
        if location.latitude is not None and location.longitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(location.latitude),
                "longitude": float(location.longitude),
            }
        hours = [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"https://schema.org/{SCHEMA_DAYS[period['weekday']]}",
                "opens": period["opens"].strftime("%H:%M"),
                "closes": period["closes"].strftime("%H:%M"),
            }
            for period in location.opening_periods()
        ]
        if hours:
            place["openingHoursSpecification"] = hours
        places.append(place)
    if places:
        data["location"] = places
    return data


#: Organisation kinds that are public authorities (schema.org GovernmentOrganization).
GOVERNMENT_KINDS = frozenset(
    {
        "agentur-fuer-arbeit",
        "jobcenter",
        "auslaenderbehoerde",
        "sozialamt",
        "jugendamt",
        "schulverwaltungsamt",
        "kommunales-integrationszentrum",
        "bamf",
    }
)


def jsonld_script(data: dict) -> SafeString:
    """``<script type="application/ld+json">`` with <, > and & escaped so the data cannot close
    the element."""
    payload = json.dumps(data, ensure_ascii=False).translate(_json_script_escapes)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308
