"""End-to-end tests in a real headless Chromium (Debian's `chromium`, driven by
playwright for Python; `playwright install` is never needed).

A session fixture starts daphne (HTTP and WebSocket) on a free port over its own
file SQLite database, migrated and seeded, with the embedded defaults (no Redis,
the offline assistant), as `make bench` does. Without Chromium or playwright
the tests are skipped, except under CI, where they fail."""

import contextlib
import os
import shutil
import subprocess
import sys

import pytest

from bench.common import ROOT, bench_env, served_app

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


@contextlib.contextmanager
def served_with_owner(folder, **extra_env):
    """daphne over a migrated, seeded SQLite file in `folder` (the benches' server), plus
    the owner."""
    # The offline assistant even where a developer has a model key in the environment.
    server_env = {
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "DJANGO_ENV": "development",
        "OPENAI_API_KEY": "",
        "OPENROUTER_API_KEY": "",
        **extra_env,
    }
    with served_app(**server_env) as url:
        env = bench_env(folder, **server_env, DJANGO_SUPERUSER_PASSWORD=OWNER["password"])
        subprocess.run(
            [sys.executable, "manage.py", "createsuperuser", "--noinput",
             "--username", OWNER["username"], "--email", "owner@example.com"],
            cwd=ROOT, env=env, check=True, capture_output=True,
        )  # fmt: skip
        yield url


# Module scope, not session: while playwright's sync API is open its event loop
# runs in this thread, and later asyncio tests could not start their own.
@pytest.fixture(scope="module")
def live_server_url(tmp_path_factory, chromium_path):
    with served_with_owner(tmp_path_factory.mktemp("browser-server")) as url:
        yield url


@pytest.fixture(scope="module")
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
            if not request.url.startswith(
                (live_server_url, f"blob:{live_server_url}", "data:", "ws://127.0.0.1")
            )
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
