"""Decorators and small helpers shared by the offers views."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.cache import patch_cache_control

from directory.views import partner_required, private_for_members  # noqa: F401 - re-exported
from offers import permissions


def _requires(check):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response

        return wrapper

    return decorator


#: Employers only: anonymous visitors go to the login, other accounts get 403.
employer_required = _requires(permissions.is_employer)
#: The employer service (Arbeitgeberservice), editors and administrators.
service_required = _requires(permissions.is_employer_service)
#: Logged in, whatever the role (the view decides per object).
login_required = _requires(lambda user: True)


def query_without(request, *names: str) -> str:
    """The request's query string without ``names`` (for pagination and export links)."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()
