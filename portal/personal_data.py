"""Registry of personal data held by the apps, for "download my data" and "delete my account".

Each app that stores data about a person registers one entry in its ``AppConfig.ready``::

    from portal import personal_data

    personal_data.register(
        "event_registrations", export=export_registrations, erase=erase_registrations
    )

``export(user)`` returns JSON-serialisable data (a dict or a list); ``erase(user)`` removes or
anonymises the person's data (statistics may keep anonymous counts). The accounts app calls every
registered exporter for the download and every eraser, in one transaction, before it deletes the
account. ``portal`` imports no app: the apps come to this registry, not the other way round.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Exporter = Callable[[object], dict | list]
Eraser = Callable[[object], None]


@dataclass(frozen=True)
class PersonalDataSource:
    name: str
    export: Exporter
    erase: Eraser


_sources: dict[str, PersonalDataSource] = {}


def register(name: str, *, export: Exporter, erase: Eraser) -> None:
    """Register (or replace, so that re-imports are harmless) the source called ``name``."""
    _sources[name] = PersonalDataSource(name=name, export=export, erase=erase)


def unregister(name: str) -> None:
    _sources.pop(name, None)


def sources() -> list[PersonalDataSource]:
    """The registered sources in name order (a stable order for the download)."""
    return [_sources[name] for name in sorted(_sources)]


def export_all(user) -> dict[str, dict | list]:
    """Everything the registered sources hold about ``user``, keyed by source name."""
    return {source.name: source.export(user) for source in sources()}


def erase_all(user) -> None:
    """Ask every registered source to erase ``user``'s data."""
    for source in sources():
        source.erase(user)
