"""Partner staff's tools: exports (CSV/XLSX), the printable list for a client, the Integration
Point's statistics, and saved searches. Anonymous visitors go to the login, other accounts get
403 (``portal.guards.requires``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from offers import charts, exports, selectors, services
from offers.forms import SavedSearchForm, SearchForm, StatisticsForm
from offers.models import SavedSearch
from portal import access, tables
from portal.guards import requires
from portal.links import base_url

#: Exports and the printable list stop here; narrower filters give a shorter list.
EXPORT_LIMIT = 2000


def _filtered(request):
    """The offers and measures of the search form's filters, as the user may see them."""
    form = SearchForm(request.GET or None)
    filters = form.filters()
    offers = list(selectors.offer_list(user=request.user, filters=filters)[:EXPORT_LIMIT])
    measures = list(selectors.measure_list(user=request.user, filters=filters)[:EXPORT_LIMIT])
    return form, offers, measures


@requires(access.is_partner)
def export_csv(request):
    """Offers (or, with ``typ=massnahmen``, measures) of the current filters as CSV."""
    _form, offers, measures = _filtered(request)
    base = base_url(request=request)
    stamp = timezone.localdate().isoformat()
    if request.GET.get("typ") == "massnahmen":
        table = exports.measure_table(measures, base_url=base)
        return tables.response(table, format="csv", filename=f"massnahmen-{stamp}")
    table = exports.offer_table(offers, base_url=base)
    return tables.response(table, format="csv", filename=f"angebote-{stamp}")


@requires(access.is_partner)
def export_xlsx(request):
    """Offers and measures of the current filters, one sheet each."""
    _form, offers, measures = _filtered(request)
    base = base_url(request=request)
    stamp = timezone.localdate().isoformat()
    return tables.response(
        exports.offer_table(offers, base_url=base),
        exports.measure_table(measures, base_url=base),
        format="xlsx",
        filename=f"angebote-massnahmen-{stamp}",
    )


@requires(access.is_partner)
def print_list(request):
    """A printable list of the current filters' offers and measures, to hand to a client."""
    form, offers, measures = _filtered(request)
    return TemplateResponse(
        request,
        "offers/print_list.html",
        {
            "form": form,
            "summary": form.summary(),
            "offers": offers,
            "measures": measures,
            "today": timezone.localdate(),
        },
    )


@requires(access.is_partner)
def statistics(request):
    """Offers and places by kind, field and municipality, month by month: an SVG chart and the
    same numbers as a table. ``nach`` groups the months by kind, field or municipality."""
    form = StatisticsForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    data = form.cleaned_data if form.is_bound and valid else {}
    months = data.get("monate") or 12
    stats = selectors.statistics(months=months, group_by=data.get("nach") or "kind")
    chart = charts.stacked_bars(
        labels=[month.strftime("%m/%Y") for month in stats.months],
        series=stats.series,
        unit=_("places"),
    )
    return TemplateResponse(
        request,
        "offers/statistics.html",
        {"form": form, "stats": stats, "chart": chart, "months": months},
        status=200 if valid else 400,
    )


@requires(access.is_partner)
@require_http_methods(["GET", "POST"])
def saved_searches(request):
    """The user's saved searches (GET) and saving the current search (POST)."""
    if request.method == "POST":
        form = SavedSearchForm(request.POST, auto_id="saved-%s")
        search_form = SearchForm(request.POST)
        if form.is_valid() and search_form.is_valid():
            services.saved_search_create(
                user=request.user,
                name=form.cleaned_data["name"],
                query=search_form.query(),
                notify=form.cleaned_data["notify"],
            )
            messages.success(
                request,
                _("Search saved. We will e-mail you when a new matching offer appears.")
                if form.cleaned_data["notify"]
                else _("Search saved."),
            )
            return redirect("offers:saved_searches")
    else:
        form = None
    searches = list(SavedSearch.objects.filter(user=request.user).order_by("name", "pk"))
    for saved in searches:
        saved.url = services.saved_search_url(saved)
    return TemplateResponse(
        request,
        "offers/saved_searches.html",
        {"searches": searches, "form": form},
        status=400 if form is not None else 200,
    )


@requires(access.is_partner)
@require_POST
def saved_search_delete(request, pk: int):
    saved = SavedSearch.objects.filter(pk=pk, user=request.user).first()
    if saved is None:
        raise Http404
    services.saved_search_delete(saved_search=saved, user=request.user)
    messages.success(request, _("The saved search “%(name)s” was deleted.") % {"name": saved.name})
    return redirect("offers:saved_searches")
