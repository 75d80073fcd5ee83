import datetime
import sys

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views import defaults
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from portal import health
from portal.middleware import database_unavailable, unavailable_response

#: How far ahead security.txt's ``Expires`` lies (RFC 9116: less than a year). The file is
#: written on each request from the settings, so it never goes stale while the site runs.
SECURITY_TXT_VALID_DAYS = 180


@never_cache
@require_GET
def healthz(request):
    """JSON with the state of the database and the search engine; 200 while the database answers."""
    healthy, report = health.report()
    report["status"] = "ok" if healthy else "down"
    return JsonResponse(report, status=200 if healthy else 503)


@require_GET
@cache_control(public=True, max_age=86_400)
def security_txt(request):
    """``/.well-known/security.txt`` (RFC 9116): whom to tell about a vulnerability."""
    expires = timezone.now().replace(microsecond=0) + datetime.timedelta(
        days=SECURITY_TXT_VALID_DAYS
    )
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.astimezone(datetime.UTC).isoformat().replace('+00:00', 'Z')}",
        "Preferred-Languages: de, en",
        f"Canonical: {settings.WAGTAILADMIN_BASE_URL}/.well-known/security.txt",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def server_error(request):
    """``handler500``: the friendly 503 when the error was an unavailable database outside a
    view (a session saved on the way out), Django's 500 page otherwise."""
    if database_unavailable(sys.exc_info()[1]):
        return unavailable_response()
    return defaults.server_error(request)


def too_many_requests(request):
    """``handler429`` (allauth's rate limits): the rate limits count in the cache, which is the
    database in production; a database that takes no writes made every limit look exhausted.
    Then the honest answer is 503."""
    from allauth.core.internal.ratelimit import handler429

    writable, _error = health.database_writable()
    if not writable:
        return unavailable_response()
    return handler429(request)
