"""allauth adapter: allauth's e-mails go through the portal's outbox like every other mail, and
speak with the portal's name (the region's Integration Point) rather than an empty site name."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings

from portal.links import base_url
from portal.mail import queue_email


@dataclass(frozen=True)
class MailSite:
    """What allauth's templates read as ``current_site``: the name and the domain."""

    name: str
    domain: str


def portal_site(request=None) -> MailSite:
    """The portal as its readers know it: the Integration Point's name from the site settings
    (e.g. "Integration Point Kreis Herford") and the host it is reached at."""
    from wagtail.models import Site

    from portal.models import PortalSettings

    site = (Site.find_for_request(request) if request is not None else None) or (
        Site.objects.filter(is_default_site=True).first()
    )
    name = ""
    if site is not None:
        name = PortalSettings.for_site(site).integration_point_name or site.site_name or ""
    domain = urlsplit(base_url(request=request)).netloc
    return MailSite(name=name or settings.WAGTAIL_SITE_NAME, domain=domain)


def user_display(user) -> str:
    """How allauth names a person ("Erfolgreich als … angemeldet"): their name, else their
    e-mail address — never the internal user name."""
    return user.get_full_name() or user.email or user.get_username()


class AccountAdapter(DefaultAccountAdapter):
    def format_email_subject(self, subject: str) -> str:
        return f"[{portal_site(allauth_context.request).name}] {subject}"

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = allauth_context.request
        context = {"request": request, "email": email, **context}
        context["current_site"] = portal_site(request)
        message = self.render_mail(template_prefix, email, context)
        queue_email(subject=message.subject, body=message.body, to=message.to)
