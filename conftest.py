"""Shared test setup.

Tests marked `postgres` or `redis` belong to the run that configures that service
(DATABASE_URL / REDIS_URL); in the other run they are deselected, not skipped.
When the service is configured but unreachable they fail under CI and skip elsewhere.

Tests marked `slow` (SLOW below, the one place that says which) are left out of
`make test-fast`; `make test` and CI run them.
"""

import asyncio
import copy
import os
from urllib.parse import urlsplit, urlunsplit

import pytest
from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import connections
from django.test import override_settings
from django.utils import translation

from portfolio.celery import app as celery_app
from portfolio.testing import broker_down, redis_down  # noqa: F401 - fixtures for every app

# What a developer can leave to `make test` while working: the browser, the fuzzer, real
# servers and subprocesses (each starts Python and Django again), and the few service
# tests that take seconds each. Paths and test names, so no test file needs editing.
SLOW = (
    "portfolio/tests/browser/",
    "portfolio/tests/test_fuzz.py",
    "portfolio/tests/test_serve.py",
    "portfolio/tests/test_serve_production.py",
    "portfolio/tests/test_database_gone.py",
    "portfolio/tests/test_deploy.py",
    "portfolio/tests/test_fresh_install.py",
    "portfolio/tests/test_env_examples.py",
    "portfolio/tests/test_settings.py",
    "portfolio/tests/test_metrics.py::test_a_bad_allowed_ips_entry_stops_the_start",
    "portfolio/tests/test_metrics.py::"
    "test_a_prefork_worker_adds_up_its_children_through_the_multiprocess_directory",
    "portfolio/tests/test_request_id.py::test_production_logs_are_json_lines_carrying_the_request_id",
    "portfolio/tests/test_request_id.py::test_development_logs_are_readable_lines_with_the_request_id",
    "cv_app/tests/test_worker_killed.py",
    # Waits out a ten-second batching window on purpose.
    "webhooks_app/tests/test_delivery.py::"
    "test_a_burst_of_twenty_edits_through_the_api_sends_one_signed_call",
    "cv_app/tests/test_upload_api.py::"
    "test_a_3000_paragraph_docx_answers_at_once_and_becomes_ready_by_itself",
    "portfolio/tests/test_unencodable_text.py::"
    "test_every_hostile_string_in_every_json_field_is_a_4xx_that_stores_nothing",
    "portfolio/tests/test_no_external_assets.py::"
    "test_no_admin_or_docs_page_loads_anything_from_another_host",
)


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
    # Django's default PBKDF2 cost makes every user created or logged in take a good
    # part of a second; no test is about the hash's strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    _redis_of_this_worker()


def worker_redis_url(url, worker):
    """The Redis URL of an xdist worker ("gw0", "gw1", ...): the configured database
    index plus the worker's number. Every test empties the cache (FLUSHDB), so two
    workers must never share a database; PostgreSQL needs nothing, pytest-django
    already gives each worker its own test database."""
    if not url or not worker:
        return url
    parts = urlsplit(url)
    index = int(parts.path.strip("/") or 0) + int(worker.removeprefix("gw"))
    return urlunsplit(parts._replace(path=f"/{index}"))


def _redis_of_this_worker():
    url = worker_redis_url(settings.REDIS_URL, os.environ.get("PYTEST_XDIST_WORKER", ""))
    if url == settings.REDIS_URL:
        return
    caches = copy.deepcopy(settings.CACHES)
    for cache in caches.values():
        cache["LOCATION"] = url
    layers = copy.deepcopy(settings.CHANNEL_LAYERS)
    layers["default"]["CONFIG"]["hosts"] = [url]
    # For the whole session: override_settings sends setting_changed, which resets
    # the cache connections opened with the first URL.
    override_settings(
        REDIS_URL=url, CACHES=caches, CHANNEL_LAYERS=layers, CELERY_BROKER_URL=url
    ).enable()
    celery_app.conf.broker_url = url


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    # First, so that `-m "not slow"` sees the marks.
    for item in items:
        if item.nodeid.startswith(SLOW):
            item.add_marker(pytest.mark.slow)
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


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """pytest-django's, and before it drops the test databases: async tests' ORM calls
    (Django's a-methods, sync_to_async) all run in asgiref's one shared thread, whose
    connection stays checked out of PostgreSQL's pool and so kept the drop from
    happening ("being accessed by other users"). It is closed in that thread."""
    yield
    asyncio.run(sync_to_async(connections.close_all)())


@pytest.fixture(scope="session", autouse=True)
def _embeddings_remembered():
    """The bundled embedding model is deterministic, and hundreds of tests embed the
    same few CVs and questions: each distinct text goes through the model once per
    test process. The tests that break embedding do it above this boundary
    (services.embed_texts, retrieval.embed_query) or with a model of their own."""
    import numpy as np

    from cv_app.embeddings import LocalEmbedder

    encode = LocalEmbedder.encode
    remembered = {}

    def remembering(self, texts, *, query=False):
        keys = [(self.model_name, query, text) for text in texts]
        missing = list(dict.fromkeys(key[2] for key in keys if key not in remembered))
        if missing:
            vectors = encode(self, missing, query=query)
            remembered.update(
                ((self.model_name, query, t), v) for t, v in zip(missing, vectors, strict=True)
            )
        return np.stack([remembered[key] for key in keys])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LocalEmbedder, "encode", remembering)
        yield


@pytest.fixture(autouse=True)
def _isolated_state(settings, tmp_path):
    from django.core.cache import cache

    from portfolio.health import health_cache_clear

    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    health_cache_clear()
    # LocaleMiddleware activates each request's language in the thread, as Django's
    # does; a test's code outside a request must not inherit the previous test's.
    translation.deactivate()
    yield
    cache.clear()
    translation.deactivate()


@pytest.fixture
def seeded(db):
    from portfolio.services import seed_load

    seed_load()


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.create_superuser(
        username="owner", email="owner@example.com", password="correct-horse-battery"
    )
