"""Field validators shared by the apps."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: Characters that no text field needs and that XML 1.0 — hence XLSX — cannot hold: the C0
#: controls except tab, line feed and carriage return, lone surrogates, U+FFFE and U+FFFF.
#: openpyxl's ``ILLEGAL_CHARACTERS_RE`` covers only the controls; the last two make a workbook
#: that Excel and openpyxl cannot open. ``portal.tables`` drops the same characters on export.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def no_control_characters(value) -> None:
    """Refuse text with control characters (a pasted ``\\x01`` from another program, say)."""
    if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
        raise ValidationError(
            _("Remove the invisible control characters from this text."),
            code="control_characters",
        )
