import datetime

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from portal import health

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
