"""Absolute links: every URL the portal writes out whole (in e-mails, feeds, .ics files, vCards,
JSON-LD, exports, printed pages) starts here.

The scheme and host come, in this order, from
- the request being answered: its scheme and host (the host is vetted by ``ALLOWED_HOSTS``, the
  scheme by the proxy header), so a page links to the address it was read at;
- a Wagtail ``Site``: its root URL (hostname and port);
- ``BASE_URL`` (``settings.WAGTAILADMIN_BASE_URL``), for tasks and mails without either.
  Production refuses to start without it or with a loopback host (``portal.config.base_url``).

The ``site`` argument is the seam for regions: once a region is served by its own Site, a task or
mail working for one region passes that region's Site and gets the region's host.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings


def base_url(*, request=None, site=None) -> str:
    """``scheme://host[:port]`` without a trailing slash."""
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    if site is not None:
        return site.root_url.rstrip("/")
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(path: str, *, request=None, site=None) -> str:
    """``path`` (e.g. ``reverse(…)`` or ``page.url``) as an absolute URL; see the module text.

    A URL that is already absolute (Wagtail gives one for a page of another Site) stays as it is."""
    if urlsplit(path).scheme:
        return path
    if not path.startswith("/"):
        path = "/" + path
    return base_url(request=request, site=site) + path
