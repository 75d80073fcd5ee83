"""Saved searches: created by partner staff; a new matching offer is e-mailed once."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from offers.models import (
    Offer,
    SavedSearch,
    SavedSearchMatch,
)
from portal import access
from portal.links import absolute_url
from portal.mail import queue_templated_email


@transaction.atomic
def saved_search_create(*, user, name: str, query: dict, notify: bool = True) -> SavedSearch:
    """Save the search form's ``query`` for a partner; matches from now on are e-mailed."""
    from offers.forms import SEARCH_PARAMS

    if not access.is_partner(user):
        raise ValidationError(_("Saved searches are for partner staff."))
    clean = {
        k: str(v)[:100] for k, v in query.items() if k in SEARCH_PARAMS and v not in ("", None)
    }
    saved = SavedSearch.objects.create(user=user, name=name[:120], query=clean, notify=notify)
    # What is listed today is not "new": remember it, so that only later offers are e-mailed.
    from offers import selectors

    existing = selectors.offer_list(user=user, filters=saved_search_filters(saved))
    SavedSearchMatch.objects.bulk_create(
        [
            SavedSearchMatch(saved_search=saved, offer_id=pk)
            for pk in existing.values_list("pk", flat=True)
        ],
        ignore_conflicts=True,
    )
    return saved


def saved_search_delete(*, saved_search: SavedSearch, user) -> None:
    if saved_search.user_id != user.pk:
        raise ValidationError(_("This saved search belongs to someone else."))
    saved_search.delete()


def saved_search_filters(saved: SavedSearch):
    from offers.forms import SearchForm

    return SearchForm(data=saved.query or {}).filters()


def saved_search_url(saved: SavedSearch) -> str:
    from django.utils.http import urlencode

    from offers.selectors import index_page

    page = index_page()
    # page.url is the path with one site and the full URL with several; absolute_url takes both
    path = (page.url if page is not None else None) or "/"
    query = urlencode(saved.query or {})
    return absolute_url(path + (f"?{query}" if query else ""))


def notify_saved_searches(*, offer_id: int) -> int:
    """E-mail every saved search that ``offer_id`` newly matches (once per search). The owner
    must still be partner staff and able to see the offer. Returns the e-mails queued."""
    from offers import selectors

    offer = Offer.objects.select_related("company", "municipality", "field").filter(pk=offer_id)
    offer = offer.first()
    if offer is None or not offer.is_current():
        return 0
    sent = 0
    searches = (
        SavedSearch.objects.filter(notify=True, user__is_active=True)
        .exclude(matches__offer=offer)
        .select_related("user")
    )
    for saved in searches:
        user = saved.user
        if not access.is_partner(user):
            continue
        matches = selectors.offer_list(user=user, filters=saved_search_filters(saved))
        if not matches.filter(pk=offer.pk).exists():
            continue
        with transaction.atomic():
            _match, created = SavedSearchMatch.objects.get_or_create(
                saved_search=saved, offer=offer
            )
            if not created or not user.email:
                continue
            saved.last_notified_at = timezone.now()
            saved.save(update_fields=["last_notified_at"])
            queue_templated_email(
                template="offers/email/saved_search_match",
                to=[user.email],
                context={
                    "saved": saved,
                    "offer": offer,
                    "offer_url": absolute_url(offer.get_absolute_url()),
                    "search_url": saved_search_url(saved),
                    "manage_url": absolute_url(reverse("offers:saved_searches")),
                },
                language=settings.LANGUAGE_CODE,
            )
            sent += 1
    return sent


def saved_searches_sweep(*, since: datetime.datetime | None = None) -> int:
    """Match the offers changed since ``since`` (default: two days) once more — a safety net for
    a lost task; the match table keeps it from e-mailing twice."""
    since = since or timezone.now() - datetime.timedelta(days=2)
    sent = 0
    for pk in Offer.objects.current().filter(updated_at__gte=since).values_list("pk", flat=True):
        sent += notify_saved_searches(offer_id=pk)
    return sent
