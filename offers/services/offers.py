"""Offers: create, update, renew, withdraw; standing offers from Meeting Point registrations;
renewal reminders and expiry."""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from offers.models import (
    DEFAULT_VALIDITY_DAYS,
    Company,
    Measure,
    OccupationalField,
    Offer,
    OfferKind,
    OfferSource,
)
from offers.services.common import logger
from offers.services.companies import company_for_employer
from portal import audit
from portal.access import Visibility
from portal.links import absolute_url
from portal.mail import queue_templated_email

#: The renewal reminder goes out this many days before an offer runs out.
REMINDER_DAYS = 7
#: Offers that ran out this recently get the "has expired" notice (older ones stay quiet).
EXPIRY_NOTICE_WINDOW_DAYS = 14


def _after_offer_change(offer: Offer) -> None:
    """Ask the saved searches about the offer once the transaction has committed."""

    def enqueue(offer_id=offer.pk):
        from offers.tasks import notify_saved_searches

        try:
            notify_saved_searches.enqueue(offer_id=offer_id)
        except Exception:  # the queue is down: the daily sweep finds the offer again
            logger.exception("could not enqueue saved-search matching for offer %s", offer_id)

    transaction.on_commit(enqueue)


@transaction.atomic
def offer_create(*, company: Company, by, data: dict, source: str = OfferSource.EMPLOYER) -> Offer:
    """Create an offer of ``company`` from validated form data."""
    offer = Offer(company=company, created_by=by, source=source, **data)
    offer.full_clean()
    offer.save()
    audit.log(offer, "offers.create", user=by, data={"company": company.pk, "source": source})
    logger.info("offer %s created for company %s (%s)", offer.pk, company.pk, source)
    _after_offer_change(offer)
    return offer


@transaction.atomic
def offer_update(*, offer: Offer, by, data: dict) -> Offer:
    """Save an edited offer."""
    for name, value in data.items():
        setattr(offer, name, value)
    offer.full_clean()
    offer.save()
    audit.log(offer, "offers.edit", user=by, data={"fields": sorted(data)})
    logger.info("offer %s updated by %s", offer.pk, getattr(by, "pk", None))
    _after_offer_change(offer)
    return offer


@transaction.atomic
def offer_renew(*, offer: Offer, by, days: int = DEFAULT_VALIDITY_DAYS, today=None) -> Offer:
    """Keep the offer listed for another ``days`` days from today (a withdrawn offer returns)."""
    today = today or timezone.localdate()
    offer.valid_until = max(offer.valid_until, today + datetime.timedelta(days=days))
    offer.withdrawn_at = None
    offer.renewal_reminder_sent_at = None
    offer.expiry_notice_sent_at = None
    offer.save()
    audit.log(offer, "offers.renew", user=by, data={"valid_until": offer.valid_until.isoformat()})
    logger.info("offer %s renewed until %s by %s", offer.pk, offer.valid_until, by.pk)
    _after_offer_change(offer)
    return offer


@transaction.atomic
def offer_withdraw(*, offer: Offer, by) -> Offer:
    """Take the offer out of every listing (it stays in the company's own list)."""
    if offer.withdrawn_at is None:
        offer.withdrawn_at = timezone.now()
        offer.save(update_fields=["withdrawn_at", "updated_at"])
        audit.log(offer, "offers.withdraw", user=by)
        logger.info("offer %s withdrawn by %s", offer.pk, by.pk)
    return offer


def _field_for(text: str) -> OccupationalField | None:
    """The occupational field a free-text occupation belongs to: the field whose longest
    keyword starts a word of the text ("Garten- und Landschaftsbau" → landscaping, not
    building; "IT-Support" → IT, "Mitarbeiter" not), else the field whose name occurs in it."""
    needle = " ".join(text.split()).casefold()
    if not needle:
        return None
    best, best_length = None, 0
    fields = list(OccupationalField.objects.active())
    for field in fields:
        for keyword in field.keyword_list():
            starts_a_word = re.search(r"(?<!\w)" + re.escape(keyword), needle)
            if starts_a_word and len(keyword) > best_length:
                best, best_length = field, len(keyword)
    if best is not None:
        return best
    return next((f for f in fields if f.name.casefold() in needle), None)


def _registration_company(registration) -> Company | None:
    from offers.permissions import is_employer

    user = registration.user
    if user is not None and is_employer(user):
        return company_for_employer(user=user)
    name = " ".join((registration.organisation or "").split())
    if not name:
        return None
    company = Company.objects.without_account().filter(name__iexact=name).first()
    if company is None:
        company = Company.objects.create(
            name=name,
            contact_person=registration.name,
            contact_email=registration.email,
            contact_phone=registration.phone,
            entered_by=user,
        )
    return company


@transaction.atomic
def offers_from_registration(*, registration_id: int, today=None) -> list[Offer]:
    """Make the offers a company brought to a Meeting Point registration standing offers.

    An offer that the company already has (same kind and occupation, still current) is linked
    to the registration instead of being created twice; running this again changes nothing.
    """
    from events.models import Registration

    today = today or timezone.localdate()
    registration = (
        Registration.objects.select_related("occurrence__event", "user")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or not registration.offers:
        return []
    company = _registration_company(registration)
    if company is None:
        return []
    event = registration.occurrence.event
    municipality = company.municipality or event.place_municipality
    result = []
    for entry in registration.offers:
        kind = entry.get("kind") if isinstance(entry, dict) else None
        if kind not in OfferKind.values:
            continue
        occupation = " ".join(str(entry.get("field") or "").split())[:150] or str(
            OfferKind(kind).label
        )
        existing = (
            Offer.objects.current(today)
            .filter(company=company, kind=kind, occupation__iexact=occupation)
            .first()
        )
        if existing is not None:
            existing.meeting_point_registrations.add(registration)
            result.append(existing)
            continue
        level = str(entry.get("german_level") or "")
        try:
            places = min(max(int(entry.get("count") or 1), 1), 99)
        except (TypeError, ValueError):
            places = 1
        offer = Offer.objects.create(
            company=company,
            kind=kind,
            occupation=occupation,
            field=_field_for(occupation),
            places=places,
            municipality=municipality,
            german_level=level if level in ("A1", "A2", "B1", "B2", "C1", "C2") else "",
            contact_person=registration.name or company.contact_person,
            contact_email=registration.email or company.contact_email,
            contact_phone=registration.phone or company.contact_phone,
            valid_until=today + datetime.timedelta(days=DEFAULT_VALIDITY_DAYS),
            visibility=Visibility.PARTNERS,
            source=OfferSource.MEETING_POINT,
            created_by=registration.user,
        )
        offer.meeting_point_registrations.add(registration)
        audit.log(
            offer,
            "offers.create",
            user=registration.user,
            data={"company": company.pk, "source": offer.source, "registration": registration.pk},
        )
        _after_offer_change(offer)
        result.append(offer)
    logger.info(
        "registration %s: %s standing offers for company %s",
        registration.pk,
        len(result),
        company.pk,
    )
    return result


def _recipients(offer: Offer) -> list[str]:
    company = offer.company
    if company.profile_id and company.profile.user.is_active and company.profile.user.email:
        return [company.profile.user.email]
    if offer.created_by_id and offer.created_by.is_active and offer.created_by.email:
        return [offer.created_by.email]
    if company.entered_by_id and company.entered_by.is_active and company.entered_by.email:
        return [company.entered_by.email]
    return []


def _renew_url(offer: Offer) -> str:
    return absolute_url(reverse("offers:offer_edit", kwargs={"pk": offer.pk}))


def reminders_send(*, today: datetime.date | None = None) -> int:
    """Queue the renewal reminders (``REMINDER_DAYS`` before the end) and the "has expired"
    notices. Each offer is claimed in its own transaction, so a rerun sends nothing twice.
    Saving an expired offer also lets the search index drop it. Returns the e-mails queued."""
    today = today or timezone.localdate()
    now = timezone.now()
    related = ("company__profile__user", "created_by", "company__entered_by", "municipality")
    soon = Offer.objects.current(today).filter(
        valid_until__lte=today + datetime.timedelta(days=REMINDER_DAYS),
        renewal_reminder_sent_at__isnull=True,
    )
    expired = Offer.objects.expired(today).filter(
        valid_until__gte=today - datetime.timedelta(days=EXPIRY_NOTICE_WINDOW_DAYS),
        expiry_notice_sent_at__isnull=True,
        company__is_active=True,
    )
    sent = 0
    for template, queryset, stamp in (
        ("renewal_reminder", soon, "renewal_reminder_sent_at"),
        ("expired_notice", expired, "expiry_notice_sent_at"),
    ):
        for offer in queryset.select_related(*related):
            with transaction.atomic():
                claimed = Offer.objects.filter(pk=offer.pk, **{f"{stamp}__isnull": True}).update(
                    **{stamp: now}
                )
                if not claimed:
                    continue
                setattr(offer, stamp, now)
                # save() (not only update()) so that the search index hears of the expiry.
                offer.save(update_fields=[stamp])
                if stamp == "expiry_notice_sent_at":
                    audit.log(offer, "offers.expire", data={"valid_until": str(offer.valid_until)})
                recipients = _recipients(offer)
                if recipients:
                    queue_templated_email(
                        template=f"offers/email/{template}",
                        to=recipients,
                        context={"offer": offer, "url": _renew_url(offer), "today": today},
                        language=settings.LANGUAGE_CODE,
                    )
                    sent += 1
    return sent


def lapsed_measures_touch(*, today: datetime.date | None = None) -> int:
    """Measures whose last start date passed during the last week leave the search index:
    saving them lets the index rebuild (and drop) their documents."""
    from offers.models import MeasureStart

    today = today or timezone.localdate()
    week_ago = today - datetime.timedelta(days=7)
    lapsed = (
        Measure.objects.filter(is_active=True, continuous_entry=False)
        .filter(starts__date__gte=week_ago, starts__date__lt=today)
        .exclude(pk__in=MeasureStart.objects.filter(date__gte=today).values("measure"))
        .distinct()
    )
    count = 0
    for measure in lapsed:
        measure.save(update_fields=["updated_at"])
        count += 1
    return count
