"""The employer's own pages: the company profile and the offers (add, edit, renew, withdraw).
Editing, renewing and withdrawing an offer is open to the company and to the employer service
(``offers.permissions.can_edit_offer``); everyone else gets 403."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from offers import permissions, selectors, services
from offers.forms import CompanyForm, OfferForm
from offers.models import Company, Offer, OfferSource
from portal.guards import requires


def _unsaved_company(user) -> Company:
    """A company prefilled from the account's profile, for the first visit of the forms."""
    from portal.accounts.selectors import employer_profile

    profile = employer_profile(user)
    company = Company(contact_email=user.email, contact_person=user.get_full_name())
    if profile is not None:
        for source, target in services.PROFILE_FIELDS.items():
            if getattr(profile, target):
                setattr(company, source, getattr(profile, target))
    return company


@requires(permissions.is_employer)
def my_offers(request):
    """The company's offers: current ones first, then expired and withdrawn ones."""
    company = selectors.company_for_user(request.user)
    offers = list(selectors.company_offers(company)) if company else []
    return TemplateResponse(
        request,
        "offers/employer/my_offers.html",
        {"company": company, "offers": offers},
    )


def _save_errors(form, error: ValidationError) -> None:
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


@requires(permissions.is_employer)
@require_http_methods(["GET", "POST"])
def my_company(request):
    """The company profile; saving it also updates the account's profile (events prefill)."""
    company = selectors.company_for_user(request.user) or _unsaved_company(request.user)
    form = CompanyForm(request.POST or None, instance=company)
    if request.method == "POST" and form.is_valid():
        try:
            target = services.company_for_employer(user=request.user)
            services.company_update(company=target, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _save_errors(form, error)
        else:
            messages.success(request, _("Company profile saved."))
            return redirect("offers:my_offers")
    return TemplateResponse(
        request,
        "offers/employer/company_form.html",
        {"form": form, "company": company},
        status=400 if form.is_bound and form.errors else 200,
    )


def _offer_initial(company: Company) -> dict:
    return {
        "contact_person": company.contact_person,
        "contact_email": company.contact_email,
        "contact_phone": company.contact_phone,
        "municipality": company.municipality_id,
    }


def offer_form_response(request, *, company, form, offer=None, cancel_url, status=200):
    return TemplateResponse(
        request,
        "offers/employer/offer_form.html",
        {"form": form, "company": company, "offer": offer, "cancel_url": cancel_url},
        status=status,
    )


@requires(permissions.is_employer)
@require_http_methods(["GET", "POST"])
def my_offer_create(request):
    """Add an offer; the company is created from the account's profile the first time."""
    company = selectors.company_for_user(request.user) or _unsaved_company(request.user)
    form = OfferForm(request.POST or None, initial=_offer_initial(company))
    if request.method == "POST" and form.is_valid():
        try:
            company = services.company_for_employer(user=request.user)
            offer = services.offer_create(
                company=company,
                by=request.user,
                data=form.offer_data(),
                source=OfferSource.EMPLOYER,
            )
        except ValidationError as error:
            _save_errors(form, error)
        else:
            messages.success(
                request,
                _("Offer “%(title)s” saved. Partner staff can find it now.")
                % {"title": offer.title},
            )
            return redirect("offers:my_offers")
    return offer_form_response(
        request,
        company=company,
        form=form,
        cancel_url="offers:my_offers",
        status=400 if form.is_bound and form.errors else 200,
    )


def _editable_offer(request, pk: int) -> Offer:
    offer = get_object_or_404(Offer.objects.select_related("company", "company__profile"), pk=pk)
    if not permissions.can_edit_offer(request.user, offer):
        raise PermissionDenied
    return offer


def _back(request, offer: Offer):
    if permissions.owns_company(request.user, offer.company):
        return redirect("offers:my_offers")
    return redirect("offers:service_company", pk=offer.company_id)


@requires()
@require_http_methods(["GET", "POST"])
def offer_edit(request, pk: int):
    offer = _editable_offer(request, pk)
    form = OfferForm(request.POST or None, instance=offer)
    if request.method == "POST" and form.is_valid():
        try:
            services.offer_update(offer=offer, by=request.user, data=form.offer_data())
        except ValidationError as error:
            _save_errors(form, error)
        else:
            messages.success(request, _("Offer “%(title)s” saved.") % {"title": offer.title})
            return _back(request, offer)
    owner = permissions.owns_company(request.user, offer.company)
    return offer_form_response(
        request,
        company=offer.company,
        form=form,
        offer=offer,
        cancel_url="offers:my_offers" if owner else "offers:service",
        status=400 if form.is_bound and form.errors else 200,
    )


@requires()
@require_POST
def offer_renew(request, pk: int):
    offer = _editable_offer(request, pk)
    services.offer_renew(offer=offer, by=request.user)
    messages.success(
        request,
        _("Offer “%(title)s” renewed until %(date)s.")
        % {"title": offer.title, "date": offer.valid_until.strftime("%d.%m.%Y")},
    )
    return _back(request, offer)


@requires()
@require_POST
def offer_withdraw(request, pk: int):
    offer = _editable_offer(request, pk)
    services.offer_withdraw(offer=offer, by=request.user)
    messages.success(
        request, _("Offer “%(title)s” withdrawn. You can renew it later.") % {"title": offer.title}
    )
    return _back(request, offer)
