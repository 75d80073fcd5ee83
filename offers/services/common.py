"""What the service modules share: the logger. (Absolute links come from ``portal.links``,
e-mails from ``portal.mail.queue_templated_email``.)"""

from __future__ import annotations

import logging

logger = logging.getLogger("ipnetz.offers")
