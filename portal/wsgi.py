"""WSGI entry point for gunicorn: ``gunicorn portal.wsgi``. Production settings by default."""

import os
import sys

from django.core.wsgi import get_wsgi_application

from portal.config import ConfigError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

try:
    application = get_wsgi_application()
except ConfigError as exc:
    sys.exit(f"ipnetz: configuration error: {exc}")
