"""Production: PostgreSQL, Elasticsearch, SMTP, gunicorn behind a TLS-terminating proxy.

Requires SECRET_KEY, ALLOWED_HOSTS and BASE_URL (the public address, not localhost).
`python manage.py check --deploy` is clean with these.
"""

import os

from portal import config
from portal.settings.base import *  # noqa: F403

if DEBUG:  # noqa: F405
    raise config.ConfigError("DEBUG must be off with portal.settings.production.")
if "ALLOWED_HOSTS" not in os.environ:
    raise config.ConfigError("ALLOWED_HOSTS is required in production (comma-separated).")
WAGTAILADMIN_BASE_URL = config.base_url(required=True)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = config.env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = config.env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True

# Several web processes share one cache (rate limits, feed caches): the database cache needs no
# extra service; run `manage.py createcachetable` once (the deploy steps do).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "ipnetz_cache",
    }
}
