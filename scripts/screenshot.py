"""Take the README's screenshot of the demo home page with Playwright and Debian's Chromium.

    .venv/bin/python scripts/screenshot.py          # a fresh demo → docs/screenshot-home.png
    .venv/bin/python scripts/screenshot.py --url http://127.0.0.1:8000/   # a running demo
    .venv/bin/python scripts/screenshot.py --path /wissen/ --output /tmp/wissen.png

Without ``--url`` the script builds a throw-away demo (its own data folder in a temporary
directory: migrate, ``load_demo``, ``runserver`` on a free port), so that the picture never
shows a developer's own data; everything it started is stopped at the end. The browser is
``/usr/bin/chromium`` (never a downloaded one), German, 1280×900 by default.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)
sys.path.insert(0, str(REPO))
from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402 - needs the repo on the path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"the demo server did not answer at {url} within {timeout:.0f} s")
        time.sleep(0.5)


@contextmanager
def demo_server():
    """A fresh demo region served by ``runserver`` from a temporary data folder."""
    with tempfile.TemporaryDirectory(prefix="ipnetz-screenshot-") as data_dir:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "IPNETZ_DATA_DIR": data_dir,
        }
        for name in ("DATABASE_URL", "ELASTICSEARCH_URL", "EMAIL_URL"):
            env.pop(name, None)  # the embedded defaults: SQLite, database search, console mail

        def manage(*args: str) -> None:
            subprocess.run(  # noqa: S603 - our own manage.py
                [str(PYTHON), "manage.py", *args],
                cwd=REPO,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )

        print("building a throw-away demo (migrate, load_demo) …")  # noqa: T201
        manage("migrate", "--noinput", "-v0")
        manage("load_demo", "-v0")
        port = _free_port()
        server = subprocess.Popen(  # noqa: S603
            [str(PYTHON), "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            url = f"http://127.0.0.1:{port}/"
            _wait_for(url)
            yield url
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)


def take(url: str, output: Path, *, width: int, height: int, full_page: bool) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            context = browser.new_context(
                locale="de-DE",
                viewport={"width": width, "height": height},
                device_scale_factor=1,
                color_scheme="light",
                reduced_motion="reduce",
            )
            page = context.new_page()
            response = page.goto(url, wait_until="networkidle")
            if response is None or response.status != 200:
                raise SystemExit(f"{url} answered {response.status if response else 'nothing'}")
            output.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(output), full_page=full_page)
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="base URL of a running demo (default: start a fresh one)")
    parser.add_argument("--path", default="/", help="page to take (default: the home page)")
    parser.add_argument("--output", type=Path, default=REPO / "docs" / "screenshot-home.png")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--full-page", action="store_true", help="the whole page, not the viewport")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing (apt-get install chromium)", file=sys.stderr)  # noqa: T201
        return 1

    def shoot(base: str) -> None:
        url = base.rstrip("/") + "/" + args.path.lstrip("/")
        take(url, args.output, width=args.width, height=args.height, full_page=args.full_page)
        print(f"{url} → {args.output}")  # noqa: T201

    if args.url:
        shoot(args.url)
    else:
        with demo_server() as base:
            shoot(base)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
