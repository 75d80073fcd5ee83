"""The two engines behind ``search.contract``. Both answer ``RawResults`` for the same input."""

from __future__ import annotations

from dataclasses import dataclass, field

FACETS = ("kind", "topics", "municipalities", "audiences")
TAG_FACETS = ("topics", "municipalities", "audiences", "residence_statuses")


@dataclass
class RawHit:
    key: str
    score: float
    title_marked: str = ""
    snippet_marked: str = ""


@dataclass
class RawResults:
    hits: list[RawHit]
    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    suggestion: str = ""


@dataclass(frozen=True)
class Filters:
    """Narrowing chosen by the user: one value per facet (empty means any)."""

    kind: str = ""
    topics: str = ""
    municipalities: str = ""
    audiences: str = ""

    def items(self) -> list[tuple[str, str]]:
        return [(name, getattr(self, name)) for name in FACETS if getattr(self, name)]
