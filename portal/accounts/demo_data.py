"""Demo step of the accounts app: verified addresses for the demo logins, their memberships, an
employer profile, a volunteer awaiting approval, and TOTP for the admin users."""

from __future__ import annotations

from portal.access import Role
from portal.demo import DemoContext, ensure_user

#: The TOTP secret of the demo admin, editor and moderator logins (base32). Add it to any
#: authenticator app to log in to /admin/ of the demo. Demo only – never reuse it.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPIPNETZDEMOTOTPAB"  # noqa: S105

_STAFF_EMAILS = ("admin@ipnetz.example", "redaktion@ipnetz.example", "freigabe@ipnetz.example")


def load(ctx: DemoContext) -> None:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.utils import timezone

    from portal.accounts.models import EmployerProfile, Membership

    coordinators, _created = Group.objects.get_or_create(name="Volunteer coordinators")
    coordinators.permissions.add(
        Permission.objects.get(codename="approve_volunteers", content_type__app_label="accounts")
    )

    pending = ensure_user(
        ctx,
        role_label="Volunteer (awaiting approval)",
        email="paul.wartend@example.org",
        first_name="Paul",
        last_name="Wartend",
    )
    Membership.objects.update_or_create(
        user=pending,
        role=Role.VOLUNTEER,
        defaults={"status": Membership.Status.PENDING, "notified_at": timezone.now()},
    )

    users = get_user_model().objects.filter(email__in=[email for _r, email, _p in ctx.logins])
    for user in users:
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        for role in user.groups.filter(name__in=Membership.SIGNUP_ROLES).values_list(
            "name", flat=True
        ):
            Membership.objects.update_or_create(
                user=user,
                role=role,
                defaults={"status": Membership.Status.APPROVED, "decided_at": timezone.now()},
            )
    ctx.progress(f"{users.count()} demo logins with verified e-mail addresses")

    employer = users.filter(groups__name=Role.EMPLOYER).first()
    if employer is not None:
        EmployerProfile.objects.update_or_create(
            user=employer,
            defaults={
                "company_name": "Tischlerei Brinkmann GmbH (Demo)",
                "sector": "Handwerk – Tischlerei",
                "street": "Werkstraße 12",
                "postcode": "32049",
                "city": "Herford",
                "size": "10-49",
                "contact_person": "Jens Brinkmann",
                "phone": "05221 000000",
            },
        )

    for user in users.filter(email__in=_STAFF_EMAILS):
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, DEMO_TOTP_SECRET)
        if not Authenticator.objects.filter(
            user=user, type=Authenticator.Type.RECOVERY_CODES
        ).exists():
            RecoveryCodes.activate(user)
    ctx.progress(
        "Two-factor authentication for admin, editor and moderator: add the TOTP secret "
        f"{DEMO_TOTP_SECRET} to an authenticator app"
    )
