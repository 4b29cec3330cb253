"""End-to-end tests in a real headless Chromium (Debian's `chromium`, driven by
playwright for Python; `playwright install` is never needed).

A session fixture starts daphne (HTTP and WebSocket) on a free port over its own
file SQLite database, migrated and seeded, with the embedded defaults (no Redis,
the offline assistant). Without Chromium or playwright the tests are skipped,
except under CI, where they fail."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
OWNER = {"username": "owner", "password": "browser-test-password"}
STARTUP_SECONDS = 120


def _missing(reason):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (required under CI: .ci/run installs Debian's chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_path():
    path = (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )
    if not path:
        _missing("No Chromium found: `apt-get install chromium` (or set CHROMIUM=/path/to/it)")
    return path


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


@pytest.fixture(scope="session")
def live_server_url(tmp_path_factory, chromium_path):
    folder = tmp_path_factory.mktemp("browser-server")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "OPENAI_API_KEY", "OPENROUTER_API_KEY"}
    }
    env.update(
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        MEDIA_ROOT=str(folder / "media"),
        DJANGO_ENV="development",
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        DJANGO_SUPERUSER_PASSWORD=OWNER["password"],
    )
    _manage(env, "migrate", "--noinput")
    _manage(env, "seed")
    _manage(
        env, "createsuperuser", "--noinput", "--username", OWNER["username"],
        "--email", "owner@example.com",
    )  # fmt: skip
    port = _free_port()
    log = open(folder / "daphne.log", "wb")  # noqa: SIM115 - open for the server's lifetime
    server = subprocess.Popen(
        [sys.executable, "-m", "daphne", "-v", "0", "-b", "127.0.0.1", "-p", str(port),
         "portfolio.asgi:application"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(url, server, folder / "daphne.log")
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def _wait_until_serving(url, server, log_path):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"daphne exited: {log_path.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/api/v1/health", timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"daphne did not answer within {STARTUP_SECONDS} s")


@pytest.fixture(scope="session")
def browser(chromium_path):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed: `pip install playwright` (no `playwright install`)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server_url):
    """A fresh browser context; fails the test if the page asked another host for anything."""
    context = browser.new_context(base_url=live_server_url, viewport={"width": 1280, "height": 900})
    foreign = []
    context.on(
        "request",
        lambda request: (
            foreign.append(request.url)
            if not request.url.startswith((live_server_url, "data:", "ws://127.0.0.1"))
            else None
        ),
    )
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()
    assert foreign == [], f"requests to other hosts: {foreign}"


@pytest.fixture
def admin_page(page):
    page.goto("/admin/")
    page.fill("input[name=username]", OWNER["username"])
    page.fill("input[name=password]", OWNER["password"])
    page.click("#login-form button[type=submit]")
    page.wait_for_selector("#dashboard")
    return page
