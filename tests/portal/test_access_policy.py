"""The one access policy: which role sees which visibility."""

import pytest
from django.contrib.auth.models import AnonymousUser

from portal.access import Role, Visibility, allowed_visibilities, can_view

P, V, X = Visibility.PUBLIC, Visibility.VOLUNTEERS, Visibility.PARTNERS

MATRIX = [
    # role (None: anonymous, "pending": account without an approved role), may see
    (None, {P}),
    ("pending", {P}),
    (Role.EMPLOYER, {P}),
    (Role.VOLUNTEER, {P, V}),
    (Role.PARTNER_STAFF, {P, V, X}),
    (Role.EDITOR, {P, V, X}),
    (Role.MODERATOR, {P, V, X}),
    (Role.ADMINISTRATOR, {P, V, X}),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "expected"), MATRIX)
def test_role_sees_exactly_its_visibilities(make_user, role, expected):
    if role is None:
        user = AnonymousUser()
    elif role == "pending":
        user = make_user()
    else:
        user = make_user(role)
    assert allowed_visibilities(user) == {str(v) for v in expected}
    for visibility in Visibility:
        obj = type("Obj", (), {"visibility": visibility})()
        assert can_view(user, obj) is (visibility in expected)


@pytest.mark.django_db
def test_inactive_user_has_no_role(make_user):
    user = make_user(Role.PARTNER_STAFF, is_active=False)
    assert allowed_visibilities(user) == {"public"}
