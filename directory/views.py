"""Thin views of the directory. Reads come from ``directory.selectors``; what a user may see is
decided by ``portal.access``, and ``portal.guards`` guards the views and sets their cache
headers (``private`` wherever a logged-in user can see partners-only data)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from directory import changelog, exports, maps, selectors, services, vcard
from directory.forms import DirectoryFilterForm, FinderForm
from directory.models import Organisation
from directory.structured_data import jsonld_script, organisation_jsonld
from portal import access, tables
from portal.guards import private_for_members, requires
from portal.links import absolute_url, base_url


def index(request, *, index_page):
    """The section page: the organisation list with its filters, paginated, and a map."""
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    organisations = selectors.organisation_list(
        user=request.user,
        kind=filters.get("art"),
        municipality=filters.get("gemeinde"),
        topic=filters.get("thema"),
        text=filters.get("q", ""),
    )
    page_obj = Paginator(organisations, 30).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    context = index_page.get_context(request)
    context.update(
        filter_form=form,
        page_obj=page_obj,
        organisations=page_obj.object_list,
        # Reads the page's prefetched locations: the map costs no query of its own.
        location_map=maps.organisations_map(page_obj.object_list),
        query_string=query.urlencode(),
    )
    return TemplateResponse(request, index_page.get_template(request), context)


@private_for_members
def organisation_detail(request, slug: str):
    organisation = selectors.organisation_detail(user=request.user, slug=slug)
    if organisation is None:
        raise Http404
    url = absolute_url(organisation.get_absolute_url(), request=request)
    deputies = selectors.deputies(request.user, organisation)
    for contact in organisation.visible_contacts:
        contact.deputy = deputies.get(contact.pk)
    context = {
        "organisation": organisation,
        "contacts": organisation.visible_contacts,
        "responsibilities": [
            {
                "responsibility": r,
                "contact": selectors._person(request.user, r.contact),
                "deputy": selectors._person(request.user, r.deputy),
            }
            for r in organisation.responsibilities.all()
        ],
        "jsonld": jsonld_script(organisation_jsonld(organisation, url=url)),
        "location_map": maps.locations_map(organisation.locations.all()),
        "is_partner": access.is_partner(request.user),
    }
    return TemplateResponse(request, "directory/organisation_detail.html", context)


def _version(request) -> str:
    return "3.0" if request.GET.get("version") in ("3", "3.0") else "4.0"


def _vcard_response(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.vcf"'
    return response


@private_for_members
def contact_vcard(request, pk: int):
    """One contact's vCard; a contact the user may not see does not exist for them."""
    contact = get_object_or_404(
        selectors.visible_contacts(request.user).select_related("organisation"), pk=pk
    )
    text = vcard.contact_card(
        contact, base_url=base_url(request=request), version=_version(request)
    )
    filename = f"kontakt-{contact.pk}"
    return _vcard_response(text, filename)


@private_for_members
def organisation_vcard(request, slug: str):
    """The organisation's card followed by the cards of the contacts the user may see."""
    organisation = selectors.organisation_detail(user=request.user, slug=slug)
    if organisation is None:
        raise Http404
    version = _version(request)
    base = base_url(request=request)
    cards = [vcard.organisation_card(organisation, base_url=base, version=version)]
    for contact in organisation.visible_contacts:
        contact.organisation = organisation
        cards.append(vcard.contact_card(contact, base_url=base, version=version))
    return _vcard_response("".join(cards), organisation.slug)


@private_for_members
def finder(request):
    """The "Wer ist zuständig?" finder: a GET form whose URL can be shared."""
    form = FinderForm(request.GET or None)
    answer = None
    if form.is_bound and form.is_valid():
        answer = selectors.find_responsible(user=request.user, **form.query())
    return TemplateResponse(
        request,
        "directory/finder.html",
        {"form": form, "answer": answer, "query": form.cleaned_data if answer else None},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def _export_contacts(request):
    return list(exports.export_queryset(selectors.visible_contacts(request.user)))


@requires(access.is_partner)
def export_csv(request):
    table = exports.table(_export_contacts(request))
    stamp = timezone.localdate().isoformat()
    return tables.response(table, format="csv", filename=f"verzeichnis-{stamp}")


@requires(access.is_partner)
def export_xlsx(request):
    table = exports.table(_export_contacts(request))
    stamp = timezone.localdate().isoformat()
    return tables.response(table, format="xlsx", filename=f"verzeichnis-{stamp}")


@requires(access.is_partner)
def phone_list(request):
    contacts = _export_contacts(request)
    organisations: dict[int, dict] = {}
    for contact in contacts:
        entry = organisations.setdefault(
            contact.organisation_id, {"organisation": contact.organisation, "contacts": []}
        )
        entry["contacts"].append(contact)
    return TemplateResponse(
        request,
        "directory/phone_list.html",
        {"groups": list(organisations.values()), "today": timezone.localdate()},
    )


@requires(access.is_partner)
def changes(request):
    return TemplateResponse(
        request,
        "directory/changes.html",
        {"entries": selectors.recent_changes(user=request.user, limit=100)},
    )


class ChangesFeed(Feed):
    """Atom feed of recent directory changes, for partner staff (visibility-filtered)."""

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("Directory changes")

    def subtitle(self):
        return _("Recent changes to organisations, contact persons and responsibilities.")

    def link(self):
        from django.urls import reverse

        return reverse("directory:changes")

    def items(self):
        return selectors.recent_changes(user=self.request.user)

    def item_title(self, item):
        if item.created:
            return _("new: %(summary)s") % {"summary": item.summary}
        return f"{item.label} – {item.message}"

    def item_description(self, item):
        if item.created:
            return self.item_title(item)
        if not item.changes:
            return item.message
        return "\n".join(
            _("%(field)s: “%(old)s” → “%(new)s”")
            % {"field": change["label"], "old": change["old"] or "—", "new": change["new"] or "—"}
            for change in item.changes
        )

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return f"urn:ipnetz:directory-change:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.timestamp

    def item_updateddate(self, item):
        return item.timestamp

    def item_author_name(self, item):
        return item.user.get_full_name() if item.user else _("Directory")


#: Feed readers cannot log in interactively: anonymous → 404, other accounts → 403.
changes_feed = requires(access.is_partner, login=False)(ChangesFeed())


@require_http_methods(["GET", "POST"])
def verify(request, token: str):
    """The "still correct" link of a reminder. GET shows the entry and one button; POST
    confirms it. (A GET that changed data would be confirmed by mail scanners following links.)
    A tampered link gets a clear page with status 404 and an expired one with 410, never a
    500."""
    try:
        contact = services.contact_from_token(token=token)
    except services.InvalidToken as error:
        return TemplateResponse(
            request,
            "directory/verify_invalid.html",
            {"reason": error.reason},
            status=410 if error.reason == "expired" else 404,
        )
    if request.method == "POST":
        services.contact_verify(
            contact=contact,
            by=contact.confirming_account,
            source=changelog.Source.REMINDER,
        )
        return redirect(request.path + "?ok=1")
    response = TemplateResponse(
        request,
        "directory/verify.html",
        {"contact": contact, "confirmed": request.GET.get("ok") == "1"},
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


def organisation_by_pk(request, pk: int):
    """Stable short link ``/verzeichnis/o/<pk>/`` → the organisation page."""
    organisation = get_object_or_404(Organisation.objects.active(), pk=pk)
    return redirect(organisation)
