"""Shared test setup.

Tests marked `postgres` or `redis` belong to the run that configures that service
(DATABASE_URL / REDIS_URL); in the other run they are deselected, not skipped.
When the service is configured but unreachable they fail under CI and skip elsewhere.
"""

import os

import pytest
from django.conf import settings

from portfolio.celery import app as celery_app
from portfolio.testing import broker_down, redis_down  # noqa: F401 - fixtures for every app


def _configured(service):
    if service == "postgres":
        return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    return bool(settings.REDIS_URL)


def pytest_configure(config):
    # Tests run tasks in-process even when a Redis broker is configured; the
    # broker itself is exercised by the tests marked `redis`.
    celery_app.conf.task_always_eager = True
    # No CV runner thread behind the tests' backs: the tests that need one start it
    # (cv_app/tests/conftest.py).
    settings.CV_EMBEDDED_RUNNER = False
    # Nor a publishing ticker: tests call publishing_sweep() when they mean it.
    settings.PUBLISHING_EMBEDDED_TICKER = False


def pytest_collection_modifyitems(config, items):
    kept, deselected = [], []
    for item in items:
        needs = [s for s in ("postgres", "redis") if item.get_closest_marker(s)]
        (deselected if any(not _configured(s) for s in needs) else kept).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


def _unreachable(service):
    try:
        if service == "redis":
            import redis

            redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2).ping()
        else:
            import psycopg

            db = settings.DATABASES["default"]
            psycopg.connect(
                host=db["HOST"] or None,
                port=db["PORT"] or None,
                user=db["USER"] or None,
                password=db["PASSWORD"] or None,
                dbname=db["NAME"],
                connect_timeout=2,
            ).close()
    except Exception as exc:
        return f"{service} is configured but unreachable: {exc}"
    return None


@pytest.fixture(autouse=True)
def _service_guard(request):
    for service in ("postgres", "redis"):
        if request.node.get_closest_marker(service):
            problem = _unreachable(service)
            if problem and os.environ.get("CI"):
                pytest.fail(problem)
            elif problem:
                pytest.skip(problem)


@pytest.fixture(autouse=True)
def _isolated_state(settings, tmp_path):
    from django.core.cache import cache

    from portfolio.health import health_cache_clear

    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    health_cache_clear()
    yield
    cache.clear()


@pytest.fixture
def seeded(db):
    from portfolio.services import seed_load

    seed_load()


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.create_superuser(
        username="owner", email="owner@example.com", password="correct-horse-battery"
    )
