"""Accounts and roles: allauth sign-up with a role request, approvals, profiles, MFA for the admin."""
