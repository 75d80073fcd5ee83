#!/usr/bin/env python
"""Django's command-line utility for ipnetz."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    from portal.config import ConfigError

    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(sys.argv)
    except ConfigError as exc:
        sys.exit(f"ipnetz: configuration error: {exc}")


if __name__ == "__main__":
    main()
