"""Accounts and roles: allauth sign-up with a role request, approvals, profiles, admin MFA."""
