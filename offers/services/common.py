"""What the service modules share: the logger, absolute links, outbox e-mails."""

from __future__ import annotations

import logging

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from portal.mail import queue_email

logger = logging.getLogger("ipnetz.offers")


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL + path


def _mail(*, template: str, to: list[str], context: dict) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"offers/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"offers/email/{template}.txt", context)
    queue_email(subject=" ".join(subject.split()), body=body, to=to)
