"""The one access guard of the portal's views, and the cache headers the access policy needs.

A view declares what it needs with a check from ``portal.access`` (or an app's own check of the
same shape, ``user -> bool``)::

    @requires(access.is_partner)
    def export_csv(request): ...

    class ImportView(AccessRequiredMixin, FormView):
        access_check = access.has_perms("directory.add_contactperson")

Anonymous visitors are sent to the login (or get 404 where a login makes no sense, e.g. feeds);
signed-in accounts without the right get the portal's 403 page. What a guarded view answers
depends on the user, so the response never goes into a shared cache.

Pages everyone may open but whose content depends on who is looking (partners see more) use
``private_for_members``: a signed-in user's copy stays out of shared caches.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial, wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers

from portal import access

#: Cache policies: each one patches a response's headers.
#: Never in a shared cache; the browser may keep the copy (knowledge pages).
PRIVATE = partial(patch_cache_control, private=True)
#: Never in a shared cache, and the browser asks again before reusing it (a role can end).
MEMBERS = partial(patch_cache_control, private=True, no_cache=True)
#: Personal data or a secret in the page (registrations, links with tokens): not stored at all.
PERSONAL = partial(patch_cache_control, private=True, no_store=True)
#: The account area: Django's ``never_cache`` headers.
NEVER = partial(add_never_cache_headers)


def _deny(request, *, login: bool):
    if request.user.is_authenticated:
        raise PermissionDenied
    if login:
        return redirect_to_login(request.get_full_path())
    raise Http404


def requires(
    check: Callable = access.is_signed_in, *, login: bool = True, cache: Callable = MEMBERS
):
    """Decorator: the view runs only for a signed-in user who passes ``check``.

    ``login=False`` answers 404 instead of the login redirect to anonymous visitors (feed
    readers cannot log in). ``cache`` is the cache policy of the view's responses.
    """

    def decorator(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if request.user.is_authenticated and check(request.user):
                response = view(request, *args, **kwargs)
            else:
                response = _deny(request, login=login)
            cache(response)
            return response

        return guarded

    return decorator


class AccessRequiredMixin:
    """The class-based form of ``requires``: set ``access_check`` (and ``login``, ``cache``)."""

    access_check: Callable = access.is_signed_in
    login = True
    cache: Callable = MEMBERS

    def dispatch(self, request, *args, **kwargs):
        # Looked up on the class: a plain function there must not become a bound method.
        check = type(self).access_check
        guard = requires(check, login=self.login, cache=self.cache)
        return guard(super().dispatch)(request, *args, **kwargs)


def private_for_members(view=None, *, cache: Callable = MEMBERS):
    """Decorator for public views whose answer depends on the user: a signed-in user's
    response gets ``cache`` (anonymous ones stay cacheable), and caches key on the cookie."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            patch_vary_headers(response, ["Cookie"])
            if request.user.is_authenticated:
                cache(response)
            return response

        return wrapper

    return decorator(view) if view is not None else decorator


class PrivateForSignedInMiddleware:
    """The safety net under the policies above: whatever a signed-in user is answered depends on
    the user (the account menu at least), so it never goes into a shared cache. Responses that
    already say ``private`` or ``no-store`` are left as they are; ``public`` becomes ``private``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            directives = response.get("Cache-Control", "")
            if "private" not in directives and "no-store" not in directives:
                PRIVATE(response)
        return response
