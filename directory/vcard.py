"""vCards (RFC 6350 version 4.0, RFC 2426 version 3.0) for contacts and organisations.

Text values escape backslash, comma, semicolon and newlines; lines are folded at 75 octets;
lines end in CRLF. Callers pass only what the user may see (``portal.access``).
"""

from __future__ import annotations

import datetime

from directory.models import ContactPerson, Location, Organisation

VERSIONS = ("4.0", "3.0")


def escape(value: str) -> str:
    """Escape a text value (RFC 6350 § 3.4)."""
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not out else 74  # continuation lines start with a space
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def _tel(number: str, kind: str, version: str) -> str:
    if version == "4.0":
        uri = "tel:" + "".join(ch for ch in number if ch.isdigit() or ch == "+")
        return f'TEL;VALUE=uri;TYPE="{kind},voice":{uri}'
    return f"TEL;TYPE={kind.upper()},VOICE:{escape(number)}"


def _adr(location: Location) -> str:
    parts = ["", "", location.street, location.city, "", location.postal_code, "Deutschland"]
    return "ADR;TYPE=work:" + ";".join(escape(p) for p in parts)


def _card(lines: list[str], version: str) -> str:
    body = ["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD"]
    return "".join(fold(line) + "\r\n" for line in body)


def _stamp(value) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def contact_card(contact: ContactPerson, *, base_url: str, version: str = "4.0") -> str:
    """One contact person's vCard."""
    organisation = contact.organisation
    lines = [
        f"FN:{escape(contact.name)}",
        "N:" + ";".join(escape(p) for p in (contact.family_name, contact.given_name, "", "", "")),
        f"ORG:{escape(organisation.name)}",
    ]
    if version == "4.0":
        lines.insert(0, "KIND:individual")
    if contact.function:
        lines.append(f"TITLE:{escape(contact.function)}")
    if contact.phone:
        lines.append(_tel(contact.phone, "work", version))
    if contact.mobile:
        lines.append(_tel(contact.mobile, "cell", version))
    if contact.email:
        lines.append(f"EMAIL;TYPE=work:{escape(contact.email)}")
    if contact.location is not None:
        lines.append(_adr(contact.location))
    if version == "4.0":
        for language in contact.language_list():
            lines.append(f"X-IPNETZ-LANGUAGE:{escape(language)}")
    if contact.consultation_hours:
        lines.append(f"NOTE:{escape(contact.consultation_hours)}")
    lines.append(f"URL:{base_url}{organisation.get_absolute_url()}")
    lines.append(f"UID:urn:ipnetz:contact:{contact.pk}")
    lines.append(f"REV:{_stamp(contact.updated_at)}")
    return _card(lines, version)


def organisation_card(organisation: Organisation, *, base_url: str, version: str = "4.0") -> str:
    """The organisation's own vCard (KIND:org in 4.0)."""
    lines = [f"FN:{escape(organisation.name)}", f"ORG:{escape(organisation.name)}"]
    if version == "4.0":
        lines.insert(0, "KIND:org")
    else:
        lines.append("N:" + escape(organisation.name) + ";;;;")
    if organisation.phone:
        lines.append(_tel(organisation.phone, "work", version))
    if organisation.hotline:
        lines.append(_tel(organisation.hotline, "work", version))
    if organisation.email:
        lines.append(f"EMAIL;TYPE=work:{escape(organisation.email)}")
    for location in organisation.locations.all():
        lines.append(_adr(location))
    if organisation.website:
        lines.append(f"URL:{organisation.website}")
    else:
        lines.append(f"URL:{base_url}{organisation.get_absolute_url()}")
    lines.append(f"UID:urn:ipnetz:organisation:{organisation.pk}")
    lines.append(f"REV:{_stamp(organisation.updated_at)}")
    return _card(lines, version)
