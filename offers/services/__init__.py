"""Workflows of offers and measures. Each service is keyword-only, validates, runs in one
transaction and queues its e-mails in the portal's outbox (``portal.mail.queue_email``) and its
background work (saved-search matching) on commit.

- companies: the employer's own company (created from the account's ``EmployerProfile``),
  companies entered by the employer service, profile updates (kept in line with the profile);
- offers: create, update, renew, withdraw, and the standing offers made from a Meeting Point
  registration;
- take-over: a signed, expiring invitation link hands a company to an employer account;
- reminders: shortly before and at expiry the company (or the employer service that entered
  the offer) is asked to renew;
- saved searches: a new matching offer is e-mailed once per saved search;
- personal data: export and erasure for the account's "download my data" and deletion.
"""

from offers.services.companies import (
    INVITATION_MAX_AGE,
    INVITATION_SALT,
    PROFILE_FIELDS,
    InvitationInvalid,
    company_create,
    company_for_employer,
    company_from_invitation,
    company_update,
    invitation_accept,
    invitation_send,
    invitation_token,
    invitation_url,
    profile_changed,
)
from offers.services.offers import (
    EXPIRY_NOTICE_WINDOW_DAYS,
    REMINDER_DAYS,
    lapsed_measures_touch,
    offer_create,
    offer_renew,
    offer_update,
    offer_withdraw,
    offers_from_registration,
    reminders_send,
)
from offers.services.personal import personal_data_erase, personal_data_export
from offers.services.saved import (
    notify_saved_searches,
    saved_search_create,
    saved_search_delete,
    saved_search_filters,
    saved_search_url,
    saved_searches_sweep,
)

__all__ = [
    "EXPIRY_NOTICE_WINDOW_DAYS",
    "INVITATION_MAX_AGE",
    "INVITATION_SALT",
    "PROFILE_FIELDS",
    "REMINDER_DAYS",
    "InvitationInvalid",
    "company_create",
    "company_for_employer",
    "company_from_invitation",
    "company_update",
    "invitation_accept",
    "invitation_send",
    "invitation_token",
    "invitation_url",
    "lapsed_measures_touch",
    "notify_saved_searches",
    "offer_create",
    "offer_renew",
    "offer_update",
    "offer_withdraw",
    "offers_from_registration",
    "personal_data_erase",
    "personal_data_export",
    "profile_changed",
    "reminders_send",
    "saved_search_create",
    "saved_search_delete",
    "saved_search_filters",
    "saved_search_url",
    "saved_searches_sweep",
]
