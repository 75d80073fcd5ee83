"""Signal receivers of the accounts app."""

from allauth.account.signals import email_confirmed
from django.dispatch import receiver

from portal.accounts import services


@receiver(email_confirmed, dispatch_uid="accounts_email_confirmed")
def act_on_verified_email(sender, request, email_address, **kwargs):
    """A verified address may approve the person's role (employers, partner staff with a
    verified domain) or trigger the request to the approvers."""
    services.email_verified(user=email_address.user, email=email_address.email)
