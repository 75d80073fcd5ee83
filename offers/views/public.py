"""The search and detail pages. Everyone may open them; what they show comes from
``portal.access`` (partners see every current offer with its contact, the public only published
offers without personal data)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse

from offers import permissions, selectors
from offers.forms import SavedSearchForm, SearchForm
from offers.models import MeasureKind, OfferKind
from offers.views.common import query_without
from portal import access
from portal.guards import private_for_members

PAGE_SIZE = 25


@private_for_members
def search(request, *, index_page):
    """The section page (its route): offers and measures with filters; a GET form whose URL
    can be shared, saved and exported. Bad input gets field errors (status 400) and no results,
    never a 500."""
    form = SearchForm(request.GET or None)
    invalid = form.is_bound and not form.is_valid()
    filters = form.filters()
    offers = measures = None
    if not invalid:
        offers = Paginator(selectors.offer_list(user=request.user, filters=filters), PAGE_SIZE)
        offers = offers.get_page(request.GET.get("seite"))
        measures = Paginator(
            selectors.measure_list(user=request.user, filters=filters), PAGE_SIZE
        ).get_page(request.GET.get("mseite"))
    is_partner = access.is_partner(request.user)
    summary = form.summary()
    context = index_page.get_context(request)
    context |= {
        "form": form,
        "offers": offers,
        "measures": measures,
        "show_offers": filters.show != "measures"
        and (not filters.kind or filters.kind in OfferKind.values),
        "show_measures": filters.show != "offers"
        and (not filters.kind or filters.kind in MeasureKind.values),
        "is_partner": is_partner,
        "is_employer": permissions.is_employer(request.user),
        "is_employer_service": permissions.is_employer_service(request.user),
        "summary": summary,
        "filter_query": query_without(request, "seite", "mseite"),
        "offers_query": query_without(request, "seite"),
        "measures_query": query_without(request, "mseite"),
        "saved_search_form": SavedSearchForm(
            initial={"name": ", ".join(summary)[:120]}, auto_id="saved-%s"
        )
        if is_partner
        else None,
        "search_query": form.query(),
    }
    return TemplateResponse(request, "offers/search.html", context, status=400 if invalid else 200)


@private_for_members
def offer_detail(request, pk: int):
    """One offer. The company and the employer service see it in any state, partner staff a
    current one with its contact, the public a current published one without personal data."""
    offer = selectors.offer_for_view(user=request.user, pk=pk)
    if offer is None:
        raise Http404
    context = {
        "offer": offer,
        "company": offer.company,
        "personal": permissions.sees_personal_data(request.user, offer),
        "can_edit": permissions.can_edit_offer(request.user, offer),
        "is_partner": access.is_partner(request.user),
        "meeting_points": selectors.upcoming_meeting_points(
            user=request.user, company=offer.company
        ),
        "procedures": selectors.procedures_for(
            user=request.user, topic_slugs=selectors.offer_topic_slugs(offer)
        ),
    }
    return TemplateResponse(request, "offers/offer_detail.html", context)


@private_for_members
def measure_detail(request, pk: int):
    """One measure with its provider (directory), start dates and the procedures that apply."""
    measure = selectors.measure_for_view(user=request.user, pk=pk)
    if measure is None:
        raise Http404
    context = {
        "measure": measure,
        "contact": selectors.visible_contact(request.user, measure.contact),
        "is_partner": access.is_partner(request.user),
        "procedures": selectors.procedures_for(
            user=request.user, topic_slugs=selectors.measure_topic_slugs(measure)
        ),
    }
    return TemplateResponse(request, "offers/measure_detail.html", context)


@private_for_members
def company_detail(request, slug: str):
    """A company's page: what it does and its current offers the visitor may see."""
    company, offers = selectors.public_company(user=request.user, slug=slug)
    if company is None:
        raise Http404
    context = {
        "company": company,
        "offers": offers,
        "personal": access.is_partner(request.user)
        or permissions.can_edit_company(request.user, company),
        "meeting_points": selectors.upcoming_meeting_points(user=request.user, company=company),
    }
    return TemplateResponse(request, "offers/company_detail.html", context)
