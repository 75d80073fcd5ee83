"""Public and registrant views of the events app: registration, manage link, my registrations,
and the iCalendar downloads and feeds. Event pages are Wagtail pages; the index page's route
calls ``index`` here."""

from __future__ import annotations

from allauth.core import ratelimit
from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Site

from events import feeds, ical, selectors, services
from events.choices import EventKind
from events.forms import MeetingPointRegistrationForm, form_class_for
from events.models import EventPage, Occurrence
from portal.access import Visibility, allowed_visibilities, can_view
from portal.guards import PERSONAL, requires
from portal.links import absolute_url, base_url

#: Seconds until a refused registration may try again: the window of the "event_registration"
#: rate limit in settings.ACCOUNT_RATE_LIMITS.
RATE_WINDOW = 600


# --- the section page ----------------------------------------------------------------------------


def index(request, *, index_page):
    """The events index (its page route): list, month calendar or archive, with filters."""
    filters = selectors.parse_filters(request.GET)
    view = request.GET.get("view", "list")
    if view not in selectors.INDEX_VIEWS:
        view = "list"
    try:
        page_number = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        page_number = 1
    context = index_page.get_context(request)
    context.update(
        selectors.index_context(
            index=index_page,
            user=request.user,
            filters=filters,
            view=view,
            page_number=page_number,
        )
    )
    return TemplateResponse(request, index_page.get_template(request), context)


# --- registration ------------------------------------------------------------------------------


def _initial(user) -> dict:
    """What the registration form starts with: the account, the employer's company profile,
    or the partner organisation of a staff member."""
    from portal.accounts.selectors import employer_profile

    initial = {"name": user.get_full_name() or user.get_username(), "email": user.email}
    profile = employer_profile(user)
    if profile is not None:
        for source, target in (
            ("company_name", "organisation"),
            ("contact_person", "name"),
            ("phone", "phone"),
        ):
            value = getattr(profile, source, "")
            if value:
                initial[target] = str(value)
    if "organisation" not in initial:
        organisation = _user_organisation(user)
        if organisation:
            initial["organisation"] = organisation
    return initial


def _user_organisation(user) -> str:
    """The organisation of a partner staff member: the approved membership's, else the first
    one the person maintains in the directory."""
    from directory.memberships import member_organisations

    member_of = member_organisations(user).order_by("name").first()
    if member_of is not None:
        return member_of.name
    first = user.maintained_organisations.order_by("name").first()
    return first.name if first else ""


@requires(cache=PERSONAL)
@require_http_methods(["GET", "POST"])
def register(request, occurrence_id: int):
    occurrence = get_object_or_404(
        Occurrence.objects.select_related("event"), pk=occurrence_id, detached=False
    )
    event = occurrence.event
    if not event.live or not can_view(request.user, event):
        raise Http404
    existing = selectors.user_registrations(request.user, occurrences=[occurrence]).first()
    context = {"occurrence": occurrence, "event": event, "existing": existing}
    if not selectors.may_register(request.user, event):
        context["refusal"] = _(
            "This registration is for %(audience)s. Please sign in with a suitable account."
        ) % {
            "audience": _("employers")
            if event.kind == EventKind.MEETING_POINT
            else _("partner staff")
        }
        return render(request, "events/register.html", context, status=403)
    form_class = form_class_for(event.kind)
    kwargs = (
        {"max_attendees": event.max_attendees} if form_class is MeetingPointRegistrationForm else {}
    )
    if request.method == "POST":
        if not ratelimit.consume(request, action="event_registration"):
            context["form"] = form_class(request.POST, **kwargs)
            context["refusal"] = _("Too many registration attempts. Please wait a few minutes.")
            response = render(request, "events/register.html", context, status=429)
            response["Retry-After"] = str(RATE_WINDOW)
            return response
        data = request.POST
        if data.get("one_click") and form_class is not MeetingPointRegistrationForm:
            # "Register with one click" on the event page: the account's details.
            data = data.copy()
            for key, value in _initial(request.user).items():
                data.setdefault(key, value)
        form = form_class(data, **kwargs)
        if form.is_valid():
            try:
                registration = services.registration_create(
                    occurrence=occurrence, user=request.user, data=form.registration_data()
                )
            except services.RegistrationBusy as exc:
                form.add_error(None, str(exc))
                context["form"] = form
                response = render(request, "events/register.html", context, status=503)
                response["Retry-After"] = "5"
                return response
            except services.RegistrationError as exc:
                form.add_error(None, str(exc))
            else:
                return redirect("events:manage", token=selectors.manage_token(registration))
    else:
        form = form_class(initial=_initial(request.user), **kwargs)
    context["form"] = form
    context["window_error"] = selectors.registration_window_error(occurrence, timezone.now())
    return render(request, "events/register.html", context)


@require_http_methods(["GET", "POST"])
def manage(request, token: str):
    """View and cancel a registration through its secret link, without logging in."""
    registration = selectors.registration_from_token(token)
    if registration is None:
        raise Http404
    if request.method == "POST":
        try:
            registration = services.registration_cancel(registration=registration)
        except services.RegistrationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Your registration has been cancelled."))
        return redirect("events:manage", token=token)
    response = render(
        request,
        "events/manage.html",
        {
            "registration": registration,
            "occurrence": registration.occurrence,
            "event": registration.occurrence.event,
            "position": selectors.waiting_position(registration),
            "token": token,
        },
    )
    patch_cache_control(response, private=True, no_store=True)
    # The URL holds the secret: it must not leak to other sites, but the page's own cancel form
    # needs its Origin (with "no-referrer" browsers send "Origin: null" and CSRF refuses it).
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


@requires(cache=PERSONAL)
def my_registrations(request):
    registrations = list(selectors.user_registrations(request.user).order_by("occurrence__start"))
    for registration in registrations:
        registration.manage_token = selectors.manage_token(registration)
    feed_url = request.session.pop("events_feed_url", None)
    return render(
        request,
        "events/my_registrations.html",
        {
            "registrations": registrations,
            "feed_url": feed_url,
            "feed_webcal": "webcal://" + feed_url.split("://", 1)[1] if feed_url else "",
            "has_feed": hasattr(request.user, "event_feed_token"),
        },
    )


@requires()
@require_POST
def feed_token(request):
    """Create (or replace) the personal feed token, or revoke it."""
    if request.POST.get("action") == "revoke":
        services.feed_token_revoke(user=request.user)
        messages.success(request, _("Your personal calendar link has been switched off."))
    else:
        token = services.feed_token_create(user=request.user)
        url = absolute_url(
            reverse("events:personal_feed", kwargs={"token": token}), request=request
        )
        # Shown once on the next page; only a hash is stored.
        request.session["events_feed_url"] = url
        messages.success(request, _("Your new personal calendar link is ready."))
    return redirect("events:my_registrations")


# --- iCalendar -------------------------------------------------------------------------------


def _calendar_response(request, body: bytes, *, last_modified=None, private=False, filename=""):
    """The calendar, or Django's 304 when the client's ETag or date still matches.

    ``private``: the body depends on who asks (a restricted event, a personal feed) and must
    never be kept by a shared cache; only a body that is the same for everyone is public."""
    response = HttpResponse(body, content_type=ical.CONTENT_TYPE)
    response["ETag"] = etag = ical.etag_for(body)
    if last_modified:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if private:
        PERSONAL(response)
    else:
        patch_cache_control(response, public=True, max_age=300)
    stamp = int(last_modified.timestamp()) if last_modified else None
    return get_conditional_response(request, etag=etag, last_modified=stamp, response=response)


def _cached(key: str, build):
    """``build()`` once per feed version (bumped by every change to an event or date)."""
    full_key = f"events:ics:{ical.feed_version()}:{get_language()}:{key}"
    hit = cache.get(full_key)
    if hit is None:
        with ical.gc_paused():
            hit = build()
        cache.set(full_key, hit, 3600)
    return hit


def _last_modified(occurrences, *also):
    """The latest change among the events of ``occurrences`` and the stamps ``also``."""
    stamps = [o.event.calendar_state.changed_at for o in occurrences]
    stamps.extend(stamp for stamp in also if stamp)
    return max(stamps) if stamps else None


def event_ics(request, page_id: int):
    """The .ics of one event (the whole series)."""
    event = get_object_or_404(EventPage, pk=page_id, live=True)
    if not can_view(request.user, event):
        raise Http404
    visibility = ",".join(sorted(allowed_visibilities(request.user)))

    def build():
        dates = Occurrence.objects.filter(event=event, detached=False)
        return feeds.calendar_body(dates, base_url=base_url(request=request))

    body, last_modified = _cached(f"event:{page_id}:{visibility}", build)
    return _calendar_response(
        request,
        body,
        last_modified=last_modified,
        private=not _public(event),
        filename=f"{event.slug[:60]}.ics",
    )


def occurrence_ics(request, occurrence_id: int):
    """The .ics of one date (what the confirmation e-mail attaches)."""
    occurrence = get_object_or_404(
        selectors.for_calendar(Occurrence.objects.filter(event__live=True)), pk=occurrence_id
    )
    if not can_view(request.user, occurrence.event):
        raise Http404
    body = ical.occurrence_calendar(occurrence, base_url=base_url(request=request))
    return _calendar_response(
        request,
        body,
        last_modified=occurrence.event.calendar_state.changed_at,
        private=not _public(occurrence.event),
        filename=f"{occurrence.event.slug[:50]}-{occurrence.start:%Y-%m-%d}.ics",
    )


def _public(event) -> bool:
    """Everyone may see ``event``: its calendar is the same for every visitor."""
    return str(event.visibility) == Visibility.PUBLIC


def feed(request):
    """The public feed of upcoming and recent events, filtered by query parameters."""
    filters = selectors.parse_filters(request.GET, allow_month=False)
    if filters.errors:
        return HttpResponseBadRequest(
            "\n".join(filters.errors), content_type="text/plain; charset=utf-8"
        )
    site = Site.find_for_request(request)
    visibility = ",".join(sorted(allowed_visibilities(request.user)))
    key = f"feed:{site.pk if site else 0}:{visibility}:" + "&".join(
        f"{k}={v}" for k, v in sorted(filters.as_query().items())
    )

    def build():
        dates = selectors.feed_dates(
            request.user, filters=filters, root=site.root_page if site else None
        )
        body, latest = feeds.calendar_body(
            dates, base_url=base_url(request=request), name=_("Events of the Integration Point")
        )
        # An event that left the feed changed it too: the feed's own stamp counts.
        return body, max(filter(None, (latest, ical.feed_changed_at())))

    body, last_modified = _cached(key, build)
    return _calendar_response(
        request, body, last_modified=last_modified, private=visibility != "public"
    )


def manage_ics(request, token: str):
    """The registrant's date as .ics, with the online link (behind the manage link's secret)."""
    registration = selectors.registration_from_token(token)
    if registration is None:
        raise Http404
    occurrence = get_object_or_404(
        selectors.for_calendar(Occurrence.objects.all()), pk=registration.occurrence_id
    )
    body = ical.occurrence_calendar(occurrence, base_url=base_url(request=request), private=True)
    return _calendar_response(
        request,
        body,
        last_modified=occurrence.event.calendar_state.changed_at,
        private=True,
        filename=f"{occurrence.event.slug[:50]}-{occurrence.start:%Y-%m-%d}.ics",
    )


def personal_feed(request, token: str):
    """The dates a user registered for, at a secret, revocable URL (no login)."""
    user = selectors.user_from_feed_token(token)
    if user is None:
        raise Http404
    occurrences = list(selectors.personal_occurrences(user))
    body = ical.dates_calendar(
        occurrences,
        base_url=base_url(request=request),
        name=_("My event registrations"),
        private=True,
    )
    return _calendar_response(
        request,
        body,
        last_modified=_last_modified(occurrences, selectors.registrations_changed_at(user)),
        private=True,
    )
