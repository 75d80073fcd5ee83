from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal import health


@never_cache
@require_GET
def healthz(request):
    """JSON with the state of the database and the search engine; 200 while the database answers."""
    healthy, report = health.report()
    report["status"] = "ok" if healthy else "down"
    return JsonResponse(report, status=200 if healthy else 503)
