"""The account area below /konto/ (allauth provides login, sign-up, e-mail, password, 2FA)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from portal.access import Role, has_role, roles
from portal.accounts import selectors, services
from portal.accounts.forms import DeleteAccountForm, EmployerProfileForm, NameForm
from portal.accounts.middleware import has_mfa, needs_mfa
from portal.accounts.models import Membership
from portal.guards import NEVER, requires


def _is_employer(user) -> bool:
    return has_role(user, Role.EMPLOYER) or selectors.employer_profile(user) is not None


@requires(cache=NEVER)
@require_GET
def overview(request):
    """The person's account: roles, requests awaiting approval, links to every account task."""
    user = request.user
    return render(
        request,
        "accounts/overview.html",
        {
            "roles": sorted(Role(name).label for name in roles(user) if name in Role.values),
            "memberships": Membership.objects.filter(user=user),
            "employer_profile": selectors.employer_profile(user),
            "needs_mfa": needs_mfa(user),
            "has_mfa": has_mfa(user),
        },
    )


@requires(cache=NEVER)
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    user = request.user
    employer = _is_employer(user)
    profile = selectors.employer_profile(user)
    name_form = NameForm(
        request.POST or None,
        initial={"first_name": user.first_name, "last_name": user.last_name},
        prefix="name",
    )
    company_form = (
        EmployerProfileForm(request.POST or None, instance=profile, prefix="company")
        if employer
        else None
    )
    if request.method == "POST" and name_form.is_valid():
        if company_form is None or company_form.is_valid():
            user.first_name = name_form.cleaned_data["first_name"]
            user.last_name = name_form.cleaned_data["last_name"]
            user.save(update_fields=["first_name", "last_name"])
            if company_form is not None:
                services.employer_profile_update(user=user, **company_form.cleaned_data)
            messages.success(request, _("Your profile has been saved."))
            return redirect("accounts:overview")
    return render(
        request,
        "accounts/profile_form.html",
        {"name_form": name_form, "company_form": company_form},
    )


@requires(cache=NEVER)
@require_GET
def data_download(request):
    """Everything stored about the person, as a JSON file."""
    data = services.account_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="ipnetz-meine-daten-{stamp}.json"'
    return response


@requires(cache=NEVER)
@require_http_methods(["GET", "POST"])
def delete(request):
    """Delete the account after the password is confirmed; personal data in every app is erased."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.account_delete(user=user)
        messages.success(request, _("Your account and your personal data have been deleted."))
        return redirect("/")
    return render(request, "accounts/delete_form.html", {"form": form})


@requires(cache=NEVER)
@require_http_methods(["GET", "POST"])
def approval(request, token: str):
    """The signed link sent to approvers: shows the request and takes the decision."""
    try:
        membership = services.membership_from_token(token)
    except services.ApprovalLinkExpired:
        return render(request, "accounts/approval_expired.html", status=400)
    except signing.BadSignature as exc:
        raise Http404 from exc
    if not selectors.can_decide(request.user, membership):
        raise PermissionDenied
    if request.method == "POST":
        decision = request.POST.get("decision")
        if decision == "approve":
            services.membership_approve(membership=membership, by=request.user)
            messages.success(request, _("The request has been approved."))
        elif decision == "reject":
            services.membership_reject(membership=membership, by=request.user)
            messages.success(request, _("The request has been rejected."))
        else:
            return render(
                request,
                "accounts/approval.html",
                {"membership": membership, "error": _("Please choose approve or reject.")},
                status=400,
            )
        return redirect("accounts:approval", token=token)
    return render(request, "accounts/approval.html", {"membership": membership})


def confirm_email(request, key: str):
    """allauth's e-mail confirmation, answering 404 (with its "invalid link" page) for a key that
    is tampered with or expired, like every other token URL of the portal."""
    from allauth.account.views import confirm_email as allauth_confirm_email

    response = allauth_confirm_email(request, key=key)
    context = getattr(response, "context_data", None) or {}
    if request.method == "GET" and response.status_code == 200 and not context.get("confirmation"):
        response.status_code = 404
    return response
