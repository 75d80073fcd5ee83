"""Companies: the employer's own company, companies entered by the employer service,
profile updates kept in line with the account profile, and the take-over invitation."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from offers.models import Company, Offer
from offers.services.common import logger
from portal import audit
from portal.links import absolute_url
from portal.mail import queue_templated_email

INVITATION_SALT = "offers.company-invitation"
#: Invitation links stay valid for 30 days; afterwards the employer service sends a new one.
INVITATION_MAX_AGE = 30 * 24 * 3600
#: The company fields shared with the account's ``EmployerProfile`` (company → profile).
PROFILE_FIELDS = {
    "name": "company_name",
    "sector": "sector",
    "street": "street",
    "postcode": "postcode",
    "city": "city",
    "size": "size",
    "contact_person": "contact_person",
    "contact_phone": "phone",
}


def _municipality_for(postcode: str, city: str):
    from portal.models import Municipality

    for municipality in Municipality.objects.active():
        codes = [c.strip() for c in municipality.postal_codes.split(",") if c.strip()]
        if (postcode and postcode in codes) or (
            city and city.casefold() == municipality.name.casefold()
        ):
            return municipality
    return None


@transaction.atomic
def company_for_employer(*, user) -> Company:
    """The company of ``user``'s employer account, created from the account's profile the first
    time it is needed (the employer never types the company twice)."""
    from portal.accounts.models import EmployerProfile

    profile, _new = EmployerProfile.objects.get_or_create(user=user)
    company = Company.objects.filter(profile=profile).first()
    if company is not None:
        return company
    company = Company(
        profile=profile,
        name=profile.company_name or user.get_full_name() or user.email,
        sector=profile.sector,
        street=profile.street,
        postcode=profile.postcode,
        city=profile.city,
        size=profile.size,
        contact_person=profile.contact_person or user.get_full_name(),
        contact_email=user.email,
        contact_phone=profile.phone,
        municipality=_municipality_for(profile.postcode, profile.city),
        taken_over_at=timezone.now(),
    )
    company.save()
    logger.info("company %s created for employer account %s", company.pk, user.pk)
    return company


def _sync_profile(company: Company) -> None:
    """Copy the shared fields to the linked account profile (an update, so no signals fire)."""
    if company.profile_id is None:
        return
    from portal.accounts.models import EmployerProfile

    values = {target: getattr(company, source) or "" for source, target in PROFILE_FIELDS.items()}
    EmployerProfile.objects.filter(pk=company.profile_id).update(**values)


def profile_changed(*, profile) -> None:
    """The employer edited the account profile: bring the linked company in line."""
    company = Company.objects.filter(profile=profile).first()
    if company is None:
        return
    changed = []
    for source, target in PROFILE_FIELDS.items():
        value = getattr(profile, target) or ""
        if value and getattr(company, source) != value:
            setattr(company, source, value)
            changed.append(source)
    if changed:
        company.save(update_fields=[*changed, "updated_at"])


@transaction.atomic
def company_update(*, company: Company, by, **fields) -> Company:
    """Save the company profile (and the shared fields of the linked account profile)."""
    for name, value in fields.items():
        setattr(company, name, value)
    company.full_clean()
    company.save()
    _sync_profile(company)
    audit.log(company, "offers.company_edit", user=by, data={"fields": sorted(fields)})
    logger.info("company %s updated by %s", company.pk, getattr(by, "pk", None))
    return company


@transaction.atomic
def company_create(*, by, **fields) -> Company:
    """A company without an account, entered by the employer service."""
    company = Company(entered_by=by, **fields)
    company.full_clean()
    company.save()
    audit.log(company, "offers.company_create", user=by)
    logger.info("company %s entered by %s", company.pk, getattr(by, "pk", None))
    return company


# ---- invitations (take-over) ----------------------------------------------------------------


class InvitationInvalid(Exception):
    """The link is genuine but can no longer be used; ``reason`` says why (for the page)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def invitation_token(company: Company) -> str:
    return signing.dumps(
        {"company": company.pk, "v": company.invitation_version}, salt=INVITATION_SALT
    )


def invitation_url(company: Company) -> str:
    return absolute_url(reverse("offers:takeover", kwargs={"token": invitation_token(company)}))


def company_from_invitation(token: str) -> Company:
    """The company a signed invitation points at.

    Raises ``signing.BadSignature`` for a tampered or unknown link (→ 404) and
    ``InvitationInvalid`` for a genuine one that expired, was replaced or was used."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise InvitationInvalid("expired") from exc
    if not isinstance(data, dict) or not isinstance(data.get("company"), int):
        raise signing.BadSignature("malformed payload")
    company = Company.objects.filter(pk=data["company"], is_active=True).first()
    if company is None:
        raise signing.BadSignature("unknown company")
    if company.profile_id is not None:
        raise InvitationInvalid("used")
    if data.get("v") != company.invitation_version:
        raise InvitationInvalid("replaced")
    return company


@transaction.atomic
def invitation_send(*, company: Company, email: str, by) -> str:
    """E-mail the company a link to take over its offers; earlier links stop working."""
    if company.profile_id is not None:
        raise ValidationError({"email": _("This company already manages its offers itself.")})
    company = Company.objects.select_for_update().get(pk=company.pk)
    company.invitation_version += 1
    company.invitation_email = email
    company.invitation_sent_at = timezone.now()
    if not company.contact_email:
        company.contact_email = email
    company.save()
    url = invitation_url(company)
    queue_templated_email(
        template="offers/email/invitation",
        to=[email],
        context={
            "company": company,
            "url": url,
            "sender": by,
            "offers": list(Offer.objects.current().filter(company=company)),
            "days": INVITATION_MAX_AGE // 86400,
        },
        language=settings.LANGUAGE_CODE,
    )
    audit.log(company, "offers.invite", user=by)
    logger.info("invitation for company %s sent by %s", company.pk, by.pk)
    return url


@transaction.atomic
def invitation_accept(*, company: Company, user) -> Company:
    """Link the invited company to ``user``'s employer account.

    When the account already has a company, the invited company's offers move there and the
    invited record is switched off (it was the same employer, entered before it signed up)."""
    from portal.accounts.models import EmployerProfile

    company = Company.objects.select_for_update().get(pk=company.pk)
    if company.profile_id is not None:
        raise InvitationInvalid("used")
    profile, _new = EmployerProfile.objects.get_or_create(user=user)
    own = Company.objects.filter(profile=profile).first()
    if own is not None:
        Offer.objects.filter(company=company).update(company=own)
        company.is_active = False
        company.invitation_version += 1
        company.save()
        audit.log(company, "offers.takeover", user=user, data={"merged_into": own.pk})
        logger.info("company %s merged into %s by %s", company.pk, own.pk, user.pk)
        target = own
    else:
        company.profile = profile
        company.taken_over_at = timezone.now()
        company.invitation_version += 1
        if not company.contact_email:
            company.contact_email = user.email
        company.save()
        for source, target_field in PROFILE_FIELDS.items():
            if not getattr(profile, target_field) and getattr(company, source):
                setattr(profile, target_field, getattr(company, source))
        profile.save()
        audit.log(company, "offers.takeover", user=user)
        logger.info("company %s taken over by %s", company.pk, user.pk)
        target = company
    for offer in Offer.objects.filter(company=target):
        # Search documents and saved searches see the offers under their new owner.
        offer.save(update_fields=["updated_at"])
    return target
