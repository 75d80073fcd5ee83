"""The one access guard (``portal.guards``): who gets in, what the others get, and the cache
headers of every answer. The access matrix checks the guarded URLs; this pins the guard itself."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.views import View

from portal import access, guards
from portal.access import Role


def _request(user=None, path="/geschuetzt/?a=1"):
    request = RequestFactory().get(path)
    request.user = user or AnonymousUser()
    return request


def _cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


@guards.requires(access.is_partner)
def partner_view(request):
    return HttpResponse("ok")


class PartnerView(guards.AccessRequiredMixin, View):
    access_check = access.is_partner
    cache = guards.PERSONAL

    def get(self, request):
        return HttpResponse("ok")


@pytest.mark.parametrize("view", [partner_view, PartnerView.as_view()])
def test_anonymous_visitors_go_to_the_login_with_the_way_back(db, view):
    response = view(_request())
    assert response.status_code == 302
    assert response["Location"] == "/konto/anmelden/?next=/geschuetzt/%3Fa%3D1"


@pytest.mark.parametrize("view", [partner_view, PartnerView.as_view()])
def test_accounts_without_the_right_get_403_and_the_pending_ones_too(make_user, view):
    for user in (make_user(), make_user(Role.EMPLOYER), make_user(Role.VOLUNTEER)):
        with pytest.raises(PermissionDenied):
            view(_request(user))


def test_the_right_role_gets_the_page_kept_out_of_shared_caches(make_user):
    response = partner_view(_request(make_user(Role.PARTNER_STAFF)))
    assert response.status_code == 200
    assert _cache_control(response) == {"private", "no-cache"}
    response = PartnerView.as_view()(_request(make_user(Role.PARTNER_STAFF)))
    assert _cache_control(response) == {"private", "no-store"}


def test_feeds_answer_404_to_anonymous_readers(db):
    view = guards.requires(access.is_partner, login=False)(partner_view)
    with pytest.raises(Http404):
        view(_request())


def test_without_a_check_any_signed_in_account_passes(make_user):
    view = guards.requires(cache=guards.NEVER)(lambda request: HttpResponse("ok"))
    response = view(_request(make_user()))
    assert response.status_code == 200
    assert {"private", "no-store", "no-cache", "max-age=0"} <= _cache_control(response)
    assert view(_request()).status_code == 302


def test_permission_checks_come_from_the_access_module(make_user):
    check = access.has_perms("search.view_querystat")
    assert not check(make_user())
    assert check(make_user(is_superuser=True))


def test_member_dependent_pages_stay_cacheable_for_anonymous_visitors(make_user):
    view = guards.private_for_members(lambda request: HttpResponse("ok"))
    anonymous = view(_request())
    assert "private" not in anonymous.get("Cache-Control", "")
    assert "Cookie" in anonymous["Vary"]
    assert _cache_control(view(_request(make_user()))) == {"private", "no-cache"}
    knowledge = guards.private_for_members(cache=guards.PRIVATE)(lambda r: HttpResponse("ok"))
    assert knowledge(_request(make_user()))["Cache-Control"] == "private"
