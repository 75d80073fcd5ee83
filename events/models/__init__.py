"""The events app's models, one module per seam: ``pages`` (the section page and event pages with
their schedule, per-date overrides and stored calendar state) and ``registrations`` (occurrences,
registrations and personal feed tokens).
"""

from events.models.pages import (  # noqa: F401
    BERLIN,
    RECURRENCE_HORIZON,
    EventCalendarState,
    EventIndexPage,
    EventPage,
    OccurrenceOverride,
)
from events.models.registrations import (  # noqa: F401
    FeedToken,
    Occurrence,
    OccurrenceQuerySet,
    Registration,
    RegistrationQuerySet,
)
