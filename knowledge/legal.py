"""Laws that legal references may cite, and the official text each one links to.

The URL slugs are those of gesetze-im-internet.de (Bundesministerium der Justiz). They are not
guessable from the abbreviation (the Asylum Act is still filed as ``asylvfg_1992``, the Residence
Act as ``aufenthg_2004``), so every law gets its slug spelled out here; a test pins the map.
"""

from __future__ import annotations

import re

BASE_URL = "https://www.gesetze-im-internet.de"

#: abbreviation → (gesetze-im-internet.de slug, full name)
LAWS: dict[str, tuple[str, str]] = {
    "AufenthG": ("aufenthg_2004", "Aufenthaltsgesetz"),
    "AsylG": ("asylvfg_1992", "Asylgesetz"),
    "AsylbLG": ("asylblg", "Asylbewerberleistungsgesetz"),
    "BeschV": ("beschv_2013", "Beschäftigungsverordnung"),
    "AufenthV": ("aufenthv", "Aufenthaltsverordnung"),
    "IntV": ("intv", "Integrationskursverordnung"),
    "DeuFöV": ("deuf_v", "Deutschsprachförderverordnung"),
    "BQFG": ("bqfg", "Berufsqualifikationsfeststellungsgesetz"),
    "StAG": ("stag", "Staatsangehörigkeitsgesetz"),
    "AZRG": ("azrg", "Gesetz über das Ausländerzentralregister"),
    "SGB I": ("sgb_1", "Erstes Buch Sozialgesetzbuch"),
    "SGB II": ("sgb_2", "Zweites Buch Sozialgesetzbuch"),
    "SGB III": ("sgb_3", "Drittes Buch Sozialgesetzbuch"),
    "SGB VIII": ("sgb_8", "Achtes Buch Sozialgesetzbuch"),
    "SGB XII": ("sgb_12", "Zwölftes Buch Sozialgesetzbuch"),
}

LAW_CHOICES = [(abbreviation, abbreviation) for abbreviation in LAWS]

#: "60a", "16", "104c": a paragraph number with an optional letter (the form the URLs use).
PARAGRAPH_RE = re.compile(r"^\s*(?:§\s*)?(?P<number>\d{1,4})\s*(?P<letter>[a-z]?)\s*$", re.I)


def normalise_paragraph(value: str) -> str | None:
    """``"§ 60 a"`` → ``"60a"``; None when ``value`` is not a paragraph number."""
    match = PARAGRAPH_RE.match(value or "")
    if match is None:
        return None
    return f"{int(match['number'])}{match['letter'].lower()}"


def law_url(law: str, paragraph: str = "") -> str | None:
    """The official text of ``paragraph`` of ``law`` (or the law's start page); None if unknown."""
    if law not in LAWS:
        return None
    slug = LAWS[law][0]
    number = normalise_paragraph(paragraph) if paragraph else None
    if number is None:
        return f"{BASE_URL}/{slug}/"
    return f"{BASE_URL}/{slug}/__{number}.html"


def citation(law: str, paragraph: str, detail: str = "") -> str:
    """The citation as people write it: ``§ 60a Abs. 2 AufenthG``."""
    number = normalise_paragraph(paragraph) or paragraph.strip()
    parts = [f"§\u00a0{number}"]
    if detail:
        parts.append(detail.strip())
    parts.append(law)
    return " ".join(parts)
