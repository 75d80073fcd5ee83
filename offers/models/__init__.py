"""Employers' offers and qualification measures: the standing database that brings job-seeking
refugees and regional companies together.

- ``Company``: an employer. It may exist without an account (entered by the employer service,
  Arbeitgeberservice) and is linked to an employer's ``EmployerProfile`` once taken over.
- ``Offer``: a place a company offers (internship, apprenticeship, job, taster day,
  Einstiegsqualifizierung). Past ``valid_until`` it leaves every listing by itself: lists filter
  with ``OfferQuerySet.current()`` at query time, nothing is deleted by a cron job.
- ``Measure``: a qualification measure or language course of a directory ``Organisation``
  (the provider), maintained by the provider's own partner staff or by editors.
- ``SavedSearch``: a partner's filters, e-mailed when a new matching offer appears.
- ``OccupationalField`` and ``MunicipalityNeighbour``: the editable vocabulary of the search.

Visibility of offers and measures is decided by ``portal.access`` alone. Personal data (contact
person, phone, e-mail) is shown to partner staff, to the company itself and to the employer
service only — never on the public site, whatever the offer's visibility.
"""

from offers.models.measures import (
    AttendanceMode,
    FundingRoute,
    Measure,
    MeasureKind,
    MeasureQuerySet,
    MeasureStart,
)
from offers.models.offers import (
    Company,
    CompanyQuerySet,
    Offer,
    OfferKind,
    OfferQuerySet,
    OfferSource,
)
from offers.models.pages import OffersIndexPage
from offers.models.saved import SavedSearch, SavedSearchMatch
from offers.models.vocabulary import (
    DEFAULT_VALIDITY_DAYS,
    EARLIEST_DATE,
    LEVEL_ORDER,
    MAX_HOURS_PER_WEEK,
    MAX_PLACES,
    MAX_VALIDITY_DAYS,
    GermanLevel,
    MunicipalityNeighbour,
    OccupationalField,
    levels_up_to,
)

__all__ = [
    "DEFAULT_VALIDITY_DAYS",
    "EARLIEST_DATE",
    "LEVEL_ORDER",
    "MAX_HOURS_PER_WEEK",
    "MAX_PLACES",
    "MAX_VALIDITY_DAYS",
    "AttendanceMode",
    "Company",
    "CompanyQuerySet",
    "FundingRoute",
    "GermanLevel",
    "Measure",
    "MeasureKind",
    "MeasureQuerySet",
    "MeasureStart",
    "MunicipalityNeighbour",
    "OccupationalField",
    "Offer",
    "OfferKind",
    "OfferQuerySet",
    "OfferSource",
    "OffersIndexPage",
    "SavedSearch",
    "SavedSearchMatch",
    "levels_up_to",
]
