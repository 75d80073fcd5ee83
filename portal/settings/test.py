"""Settings for the test suite: fast hasher, locmem email and cache, immediate tasks."""

import os

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("TASK_BACKEND", "immediate")
os.environ.setdefault("SECRET_KEY", "test-only-" + "x9Qv7LmT2sWzR4pK8nB3cYhJ6dF1gA5e" * 2)
os.environ.setdefault("IPNETZ_DATA_DIR", "/tmp/ipnetz-test-data")  # noqa: S108

# The search engine under test is chosen per test (see tests/conftest.py), never by the shell.
os.environ.pop("ELASTICSEARCH_URL", None)

from portal.settings.base import *  # noqa: E402,F403

ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
WHITENOISE_AUTOREFRESH = True
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tasks run in the request here, so index updates get ELASTICSEARCH_INDEX_TIMEOUT; the test node
# shares a busy machine and refreshes on every write. tests/search/test_breaker.py puts the
# production default back to show that a hanging node cannot stall a publish.
ELASTICSEARCH_INDEX_TIMEOUT = 5.0

# Several test runs may share one PostgreSQL server (a developer's and a helper's); each may
# name its own test database so that they do not drop each other's.
if os.environ.get("IPNETZ_TEST_DATABASE_NAME"):
    DATABASES["default"].setdefault("TEST", {})["NAME"] = os.environ[  # noqa: F405
        "IPNETZ_TEST_DATABASE_NAME"
    ]
