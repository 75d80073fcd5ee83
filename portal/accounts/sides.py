"""What the apps add to a role request (``Membership``): their side of sign-up and approval.

The accounts app knows people, roles and decisions; it does not know organisations. An app whose
data belongs to a request — the directory: which organisation a partner staff member works for,
whose maintainers decide, which e-mail domains approve at once — subclasses ``MembershipSide`` and
returns an instance from the ``ipnetz_membership_sides`` hook in its ``wagtail_hooks.py``. Every
method has a neutral default, so a side overrides only what it adds.
"""

from __future__ import annotations

from django import forms

from portal.extensions import collect


class MembershipSide:
    """One app's side of role requests."""

    def signup_fields(self) -> dict[str, forms.Field]:
        """Fields the sign-up form adds after the choice of role (name → field)."""
        return {}

    def clean_signup(self, form: forms.Form) -> None:
        """Check the sign-up form's ``cleaned_data``; report problems with ``form.add_error``."""

    def attach(self, membership, details: dict) -> None:
        """Store this side of a new or renewed ``membership``. ``details`` holds the values of
        ``signup_fields`` (the keyword arguments of ``services.membership_request``). Raise
        ``ValidationError`` when the request is incomplete; the request is then not recorded."""

    def approves_verified_email(self, membership, email: str) -> bool:
        """Whether the verified address ``email`` approves ``membership`` at once."""
        return False

    def approver_ids(self, membership) -> set[int]:
        """Users (primary keys) who may decide ``membership`` besides the administrators."""
        return set()

    def details(self, membership) -> list[tuple[str, str]]:
        """(label, value) pairs shown with the request: approval page, approvers' e-mail."""
        return []

    def who_decides(self, membership) -> str:
        """A sentence for the person about who decides their pending request ("" for none)."""
        return ""

    def export(self, membership) -> dict:
        """This side's data of ``membership`` for the person's data download."""
        return {}


def all_sides() -> list[MembershipSide]:
    """Every installed app's membership side, in hook order."""
    return collect("ipnetz_membership_sides")
