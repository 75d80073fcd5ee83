"""The invitation link: a company takes over the offers the employer service entered for it.

A tampered or unknown link answers 404; a genuine link that expired, was replaced by a newer one
or was already used answers 410 with a page that says so (never a 500). Taking over needs an
employer account: visitors are asked to log in or sign up and come back to the same link.
"""

from __future__ import annotations

from django.contrib import messages
from django.core import signing
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from offers import permissions, services
from offers.models import Offer


@require_http_methods(["GET", "POST"])
def takeover(request, token: str):
    try:
        company = services.company_from_invitation(token)
    except signing.BadSignature as exc:
        raise Http404 from exc
    except services.InvitationInvalid as error:
        response = TemplateResponse(
            request, "offers/takeover_invalid.html", {"reason": error.reason}, status=410
        )
        patch_cache_control(response, private=True, no_store=True)
        return response
    is_employer = permissions.is_employer(request.user)
    if request.method == "POST" and is_employer:
        target = services.invitation_accept(company=company, user=request.user)
        messages.success(
            request,
            _("Welcome! The offers of %(name)s are now in your account.") % {"name": target.name},
        )
        return redirect("offers:my_offers")
    response = TemplateResponse(
        request,
        "offers/takeover.html",
        {
            "company": company,
            "offers": list(
                Offer.objects.current().filter(company=company).select_related("municipality")
            ),
            "is_employer": is_employer,
        },
        status=403 if request.method == "POST" else 200,
    )
    patch_cache_control(response, private=True, no_store=True)
    return response
