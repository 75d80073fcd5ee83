"""Where Debian's Chromium is and how we start it (root, no network, no sandbox) – shared by the
browser-test harness and ``scripts/screenshot.py``. No side effects on import."""

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
