"""Registry of personal data held by the apps, for "download my data" and "delete my account".

Each app that stores data about a person returns one source from the ``ipnetz_personal_data``
hook in its ``wagtail_hooks.py``::

    @hooks.register("ipnetz_personal_data")
    def personal_data_source():
        return PersonalDataSource(
            "event_registrations", export=export_registrations, erase=erase_registrations
        )

``export(user)`` returns JSON-serialisable data (a dict or a list); ``erase(user)`` removes or
anonymises the person's data (statistics may keep anonymous counts). The accounts app calls every
registered exporter for the download and every eraser, in one transaction, before it deletes the
account. ``portal`` imports no app: the apps come to the kernel, not the other way round.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from portal.extensions import collect

Exporter = Callable[[object], dict | list]
Eraser = Callable[[object], None]


@dataclass(frozen=True)
class PersonalDataSource:
    name: str
    export: Exporter
    erase: Eraser


def sources() -> list[PersonalDataSource]:
    """The registered sources in name order (a stable order for the download)."""
    return sorted(collect("ipnetz_personal_data"), key=lambda source: source.name)


def export_all(user) -> dict[str, dict | list]:
    """Everything the registered sources hold about ``user``, keyed by source name."""
    return {source.name: source.export(user) for source in sources()}


def erase_all(user) -> None:
    """Ask every registered source to erase ``user``'s data."""
    for source in sources():
        source.erase(user)
