"""Workflows of the events app, one module per seam:

- ``schedule``: the dates of an event, the feeds' stored state, open-ended series;
- ``registrations``: registration with waiting lists, cancellation with promotion, check-in,
  notices, organiser messages, reminders (and the test-only switches of the row lock);
- ``privacy``: retention, personal data, the secrets of personal calendar feeds.

The package re-exports the public services, so callers keep writing
``events.services.registration_create``.
"""

from events.services.privacy import (  # noqa: F401
    feed_token_create,
    feed_token_revoke,
    personal_data_erase,
    personal_data_export,
    registrations_anonymise,
)
from events.services.registrations import (  # noqa: F401
    RegistrationBusy,
    RegistrationData,
    RegistrationError,
    notifications_suppressed,
    registrants_message,
    registration_cancel,
    registration_check_in,
    registration_create,
    reminders_send,
)
from events.services.schedule import (  # noqa: F401
    calendar_state,
    event_schedule_sync,
    feeds_changed,
    schedules_extend,
)
