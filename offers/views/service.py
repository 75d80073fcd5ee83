"""The employer service (Arbeitgeberservice): companies without an account, offers entered on
their behalf, and the invitation to take them over."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from offers import permissions, selectors, services
from offers.forms import CompanyForm, InvitationForm, OfferForm
from offers.models import Company, OfferSource
from offers.views.common import query_without
from offers.views.employer import _offer_initial, _save_errors, offer_form_response
from portal.guards import requires

PAGE_SIZE = 30


@requires(permissions.is_employer_service)
def companies(request):
    """All companies with their number of current offers; "without account" narrows the list."""
    today = timezone.localdate()
    current = Q(offers__withdrawn_at__isnull=True, offers__valid_until__gte=today)
    queryset = (
        Company.objects.active()
        .select_related("municipality", "profile")
        .annotate(current_offers=Count("offers", filter=current))
        .order_by("name", "pk")
    )
    text = request.GET.get("q", "").strip()[:100]
    if text:
        queryset = queryset.filter(Q(name__icontains=text) | Q(city__icontains=text))
    without_account = request.GET.get("ohne_konto") == "1"
    if without_account:
        queryset = queryset.without_account()
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("seite"))
    return TemplateResponse(
        request,
        "offers/service/companies.html",
        {
            "page": page,
            "q": text,
            "without_account": without_account,
            "query": query_without(request, "seite"),
        },
    )


@requires(permissions.is_employer_service)
@require_http_methods(["GET", "POST"])
def company_create(request):
    form = CompanyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            company = services.company_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _save_errors(form, error)
        else:
            messages.success(request, _("Company “%(name)s” created.") % {"name": company.name})
            return redirect("offers:service_company", pk=company.pk)
    return TemplateResponse(
        request,
        "offers/service/company_form.html",
        {"form": form, "company": None},
        status=400 if form.is_bound and form.errors else 200,
    )


@requires(permissions.is_employer_service)
@require_http_methods(["GET", "POST"])
def company_detail(request, pk: int):
    """A company's profile (editable), its offers, and the invitation to take them over."""
    company = get_object_or_404(Company.objects.select_related("municipality", "profile"), pk=pk)
    form = CompanyForm(request.POST or None, instance=company)
    if request.method == "POST" and form.is_valid():
        try:
            services.company_update(company=company, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _save_errors(form, error)
        else:
            messages.success(request, _("Company profile saved."))
            return redirect("offers:service_company", pk=company.pk)
    invitation = InvitationForm(
        initial={"email": company.invitation_email or company.contact_email}, auto_id="inv-%s"
    )
    return TemplateResponse(
        request,
        "offers/service/company_detail.html",
        {
            "company": company,
            "form": form,
            "offers": list(selectors.company_offers(company)),
            "invitation_form": invitation,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@requires(permissions.is_employer_service)
@require_http_methods(["GET", "POST"])
def offer_create(request, pk: int):
    """An offer entered by the employer service for the company."""
    company = get_object_or_404(Company.objects.active(), pk=pk)
    form = OfferForm(request.POST or None, initial=_offer_initial(company))
    if request.method == "POST" and form.is_valid():
        try:
            offer = services.offer_create(
                company=company,
                by=request.user,
                data=form.offer_data(),
                source=OfferSource.EMPLOYER_SERVICE,
            )
        except ValidationError as error:
            _save_errors(form, error)
        else:
            messages.success(request, _("Offer “%(title)s” saved.") % {"title": offer.title})
            return redirect("offers:service_company", pk=company.pk)
    return offer_form_response(
        request,
        company=company,
        form=form,
        cancel_url="offers:service",
        status=400 if form.is_bound and form.errors else 200,
    )


@requires(permissions.is_employer_service)
@require_POST
def invite(request, pk: int):
    """E-mail the company its invitation link (a new link replaces the previous one)."""
    company = get_object_or_404(Company.objects.active(), pk=pk)
    form = InvitationForm(request.POST, auto_id="inv-%s")
    if company.has_account:
        messages.error(request, _("This company already manages its offers itself."))
    elif not form.is_valid():
        messages.error(request, _("Please enter a valid e-mail address for the invitation."))
    else:
        url = services.invitation_send(
            company=company, email=form.cleaned_data["email"], by=request.user
        )
        messages.success(
            request,
            _(
                "Invitation sent to %(email)s. You can also hand over this link, valid for "
                "30 days: %(url)s"
            )
            % {"email": form.cleaned_data["email"], "url": url},
        )
    return redirect("offers:service_company", pk=company.pk)
