"""Fixtures for tests of signed-in behaviour: a user in each role and JWT headers;
and for a dependency really down: a port where nothing listens.

Import the fixtures into a `tests/conftest.py` to use them there.
"""

import http.client
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from rest_framework_simplejwt.tokens import RefreshToken

from bench.common import ROOT, free_port, start_in_session, stop

PASSWORD = "correct-horse-battery"  # noqa: S105 - the test users' password


def bearer(user) -> dict:
    """Request headers carrying a fresh access token for `user`, as login issues."""
    return {"HTTP_AUTHORIZATION": f"Bearer {RefreshToken.for_user(user).access_token}"}


@pytest.fixture
def member_user(db, django_user_model):
    """Signed in, no permissions at all."""
    return django_user_model.objects.create_user(
        username="member", email="member@example.com", password=PASSWORD
    )


@pytest.fixture
def editor_user(db, django_user_model):
    """In the Editor group (created by content_app's data migration); not staff."""
    user = django_user_model.objects.create_user(
        username="editor", email="editor@example.com", password=PASSWORD
    )
    user.groups.add(Group.objects.get(name="Editor"))
    return user


@pytest.fixture
def staff_user(db, django_user_model):
    """is_staff, no model permissions."""
    return django_user_model.objects.create_user(
        username="staff", email="staff@example.com", password=PASSWORD, is_staff=True
    )


def assert_error_envelope(response, status, error, **details):
    """The response is the error envelope with this status and sentence (and details)."""
    assert response.status_code == status
    assert response.json() == {"success": False, "error": error, **details}


@pytest.fixture
def schema(client):
    """The OpenAPI document, served with a 200."""
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def preflight(client, path, *, origin, method, headers=None):
    """A browser's CORS preflight: may `origin` send `method` (with `headers`) to `path`?"""
    extra = {"HTTP_ACCESS_CONTROL_REQUEST_HEADERS": headers} if headers else {}
    return client.options(
        path, HTTP_ORIGIN=origin, HTTP_ACCESS_CONTROL_REQUEST_METHOD=method, **extra
    )


def rate_setter(monkeypatch, throttle):
    """set_rate(rate) for the throttle class's scope, undone after the test (DRF reads
    the rates once, at import: settings cannot change them)."""

    def set_rate(rate):
        monkeypatch.setitem(throttle.THROTTLE_RATES, throttle.scope, rate)

    return set_rate


# --- Dependencies that are really down ------------------------------------------

# Nothing listens on port 1: connections are refused at once.
DEAD_REDIS_URL = "redis://127.0.0.1:1/0"


@pytest.fixture
def redis_down(settings):
    """REDIS_URL set, the server down: the cache and the channel layer point at it."""
    from portfolio.api.throttles import local_limits

    local_limits.clear()  # the fallback counts of an earlier test are not this one's
    redis_cache = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": DEAD_REDIS_URL,
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
    }
    settings.CACHES = {
        "default": {
            **redis_cache,
            "OPTIONS": {**redis_cache["OPTIONS"], "IGNORE_EXCEPTIONS": True},
        },
        "strict": redis_cache,
    }
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [DEAD_REDIS_URL]},
        }
    }


def _reset_broker_pools(app):
    # Forget the pools (kombu keeps one per broker URL), so the next send uses the
    # current URL; closing them would break kombu's shared registry for later tests.
    # Private on purpose: Celery has no public reset (app.close() also deregisters the
    # app from shared tasks and leaves amqp's producer pool on the old URL).
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker_down():
    """Celery sends tasks to a Redis broker that is down instead of running them eagerly."""
    from portfolio.celery import app

    saved = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url, app.conf.task_always_eager = DEAD_REDIS_URL, False
    _reset_broker_pools(app)
    yield
    app.conf.broker_url, app.conf.task_always_eager = saved
    _reset_broker_pools(app)


@pytest.fixture
def redis_worker(transactional_db):
    """A Celery worker thread consuming from the real Redis broker."""
    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun
    from django.db import connections

    from portfolio.celery import app

    def close_db(**kwargs):
        connections.close_all()  # the worker thread's own connections

    task_postrun.connect(close_db, weak=False)
    app.conf.task_always_eager = False
    app.control.purge()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        app.conf.task_always_eager = True
        task_postrun.disconnect(close_db)


@pytest.fixture
def cache_server_down(settings):
    """The cache configured as Redis on a port where nothing listens."""
    original = settings.CACHES, settings.REDIS_URL
    url = f"redis://127.0.0.1:{free_port()}/0"
    settings.REDIS_URL = url
    # As settings.py configures it: a failed read is a miss, a failed write is skipped.
    options = {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1, "IGNORE_EXCEPTIONS": True}
    settings.CACHES = {
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url, "OPTIONS": options}
    }
    yield
    # Before the shared teardown clears the cache: it must find a working one.
    settings.CACHES, settings.REDIS_URL = original


def serve_sh_env(workdir, port, **extra) -> dict:
    """deploy/serve.sh's environment in a test: this process's less its database and
    Redis, `workdir` for the files, one worker on 127.0.0.1:`port`."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    return {
        **env,
        "VAR_DIR": str(workdir),
        "MEDIA_ROOT": str(workdir / "media"),
        "LOG_LEVEL": "WARNING",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WORKERS": "1",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        **extra,
    }


def _answers_http(port) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", "/api/v1/health")
        connection.getresponse().read()
        return True
    except OSError:
        return False
    finally:
        connection.close()


@contextmanager
def serve_sh(*, env, port, timeout=60, what="deploy/serve.sh"):
    """deploy/serve.sh (what `make serve` runs) with `env`, in a session of its own,
    until it answers HTTP on `port` (any status: health may rightly be a 503); its
    whole process group is stopped afterwards. Yields the base URL."""
    process = start_in_session(["sh", str(ROOT / "deploy" / "serve.sh")], env)
    try:
        deadline = time.monotonic() + timeout
        while not _answers_http(port):
            if time.monotonic() > deadline or process.poll() is not None:
                pytest.fail(f"{what} did not start")
            time.sleep(0.3)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)
