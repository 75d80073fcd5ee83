"""The partner network directory's models, one module per seam: ``pages`` (the section page),
``organisations`` (kinds, organisations, their memberships and locations with opening hours),
``contacts`` (contact persons and the surname key) and ``responsibilities`` (Zuständigkeiten).
Their changes are logged in Wagtail's log (``directory.changelog``).

The shapes follow XZuFi (service × organisational unit × area covered) and Open Referral HSDS
(organization, location, service-at-location, service area) so that an export to either stays
possible: a ``Responsibility`` is the service-at-location record, ``Organisation`` the unit.
"""

from directory.models.contacts import (  # noqa: F401
    SURNAME_PARTICLES,
    ContactPerson,
    ContactPersonQuerySet,
    surname_key,
)
from directory.models.organisations import (  # noqa: F401
    EDITOR_PERMISSION,
    SCHEMA_DAYS,
    TEXT_VALIDATORS,
    Location,
    OpeningHoursBlock,
    Organisation,
    OrganisationKind,
    OrganisationMembership,
    OrganisationQuerySet,
    StepFreeAccess,
)
from directory.models.pages import (  # noqa: F401
    DirectoryIndexPage,
)
from directory.models.responsibilities import (  # noqa: F401
    Responsibility,
    ResponsibilityQuerySet,
)
