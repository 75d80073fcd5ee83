"""Settings for a laptop: the embedded default (SQLite, database search, console email)."""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("TASK_BACKEND", "immediate")

from portal.settings.base import *  # noqa: E402,F403

STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
