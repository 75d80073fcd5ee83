"""Personal data held by offers, for the account's "download my data" and deletion."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from offers.models import (
    Company,
    Offer,
    SavedSearch,
)


def _offer_data(offer: Offer) -> dict:
    return {
        "kind": offer.kind,
        "occupation": offer.occupation,
        "places": offer.places,
        "municipality": offer.municipality.name if offer.municipality_id else "",
        "start_date": offer.start_date.isoformat() if offer.start_date else None,
        "valid_until": offer.valid_until.isoformat(),
        "visibility": offer.visibility,
        "contact_person": offer.contact_person,
        "contact_email": offer.contact_email,
        "contact_phone": offer.contact_phone,
        "withdrawn_at": offer.withdrawn_at.isoformat() if offer.withdrawn_at else None,
        "created_at": offer.created_at.isoformat(),
    }


def personal_data_export(user) -> dict:
    """The company the account manages, its offers, the offers the user entered for others,
    and the user's saved searches."""
    company = Company.objects.filter(profile__user=user).first()
    data: dict = {"company": None, "offers": [], "entered_offers": [], "saved_searches": []}
    if company is not None:
        data["company"] = {
            "name": company.name,
            "contact_person": company.contact_person,
            "contact_email": company.contact_email,
            "contact_phone": company.contact_phone,
            "street": company.street,
            "postcode": company.postcode,
            "city": company.city,
        }
        data["offers"] = [
            _offer_data(o) for o in company.offers.select_related("municipality").order_by("pk")
        ]
    entered = Offer.objects.filter(created_by=user).exclude(company=company)
    data["entered_offers"] = [
        {"company": o.company.name, **_offer_data(o)}
        for o in entered.select_related("company", "municipality").order_by("pk")
    ]
    data["saved_searches"] = [
        {
            "name": s.name,
            "filters": s.query,
            "notify": s.notify,
            "created_at": s.created_at.isoformat(),
        }
        for s in SavedSearch.objects.filter(user=user).order_by("pk")
    ]
    return data


@transaction.atomic
def personal_data_erase(user) -> None:
    """Before the account goes: the company's offers are withdrawn and its contact details
    (a person's name, e-mail, phone) erased; the company stays, without an account, for the
    statistics. Saved searches are deleted."""
    now = timezone.now()
    for company in Company.objects.filter(profile__user=user):
        company.offers.filter(withdrawn_at__isnull=True).update(withdrawn_at=now)
        company.offers.update(contact_person="", contact_email="", contact_phone="")
        company.contact_person = company.contact_email = company.contact_phone = ""
        company.invitation_email = ""
        company.profile = None
        company.save()
        for offer in company.offers.all():
            offer.save(update_fields=["updated_at"])  # the search index drops them
    Offer.objects.filter(created_by=user).update(created_by=None)
    Company.objects.filter(entered_by=user).update(entered_by=None)
    SavedSearch.objects.filter(user=user).delete()
