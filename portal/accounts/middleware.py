"""Security middleware: the Content Security Policy and the other security headers, and
two-factor authentication for the admin."""

from __future__ import annotations

from urllib.parse import urlencode

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _


def _admin_prefix() -> str:
    return reverse("wagtailadmin_home")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with one exception: the Wagtail admin gets ``CONTENT_SECURITY_POLICY_ADMIN``.

    The public site allows no inline script at all. The Wagtail admin (Draftail, the page
    preview, its bundled widgets) still relies on inline scripts and styles; it is only reachable
    for staff who passed two-factor authentication, so it gets its own, relaxed policy rather than
    weakening the public one."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        admin_policy = getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN", None)
        if (
            not report_only
            and admin_policy
            and parts.config is None
            and request.path_info.startswith(_admin_prefix())
        ):
            parts.config = default_config(admin_policy)
        return parts


class SecurityHeadersMiddleware:
    """The headers Django's ``SecurityMiddleware`` does not set, on every response:
    ``Permissions-Policy`` (``PERMISSIONS_POLICY``: the powerful features the portal never uses
    are off) and ``Cross-Origin-Resource-Policy`` (``CROSS_ORIGIN_RESOURCE_POLICY``: other sites
    may not embed the portal's responses). A header a view set itself is kept."""

    def __init__(self, get_response):
        self.get_response = get_response
        features = getattr(settings, "PERMISSIONS_POLICY", {})
        self.permissions_policy = ", ".join(
            f"{feature}=({' '.join(allowed)})" for feature, allowed in features.items()
        )
        self.resource_policy = getattr(settings, "CROSS_ORIGIN_RESOURCE_POLICY", "")

    def __call__(self, request):
        response = self.get_response(request)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        if self.resource_policy:
            response.headers.setdefault("Cross-Origin-Resource-Policy", self.resource_policy)
        return response


def needs_mfa(user) -> bool:
    """Everyone who can open the Wagtail admin must use two-factor authentication."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))
    )


def has_mfa(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class AdminRequiresMFAMiddleware:
    """Sends admin users without an authenticator from any ``/admin/`` URL to the TOTP set-up.

    allauth offers MFA but does not enforce it for a group; this does. Once an authenticator
    exists, allauth's login asks for the code on every login, and Wagtail's own login form is
    replaced by allauth's (``WAGTAILADMIN_LOGIN_URL`` and the redirect in ``portal.urls``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and request.path_info.startswith(_admin_prefix())
            and needs_mfa(user)
            and not has_mfa(user)
        ):
            messages.warning(
                request,
                _("Please set up two-factor authentication before you use the administration."),
            )
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse('mfa_activate_totp')}?{query}")
        return self.get_response(request)
