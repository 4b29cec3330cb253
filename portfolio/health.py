"""Dependency checks behind /api/v1/health. Each check is bounded in time and
returns {"status": "ok" | "error" | "disabled", ...}; only the database is vital.

With the database gone, health still answers within HEALTH_DATABASE_TIMEOUT_SECONDS
and a little: the database check gives up waiting then, and the checks that read the
database are not run behind it (each would wait for a connection again)."""

import asyncio
import functools
import logging
import threading
import time
import tomllib
import uuid
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import caches
from django.db import connection

VITAL = {"database"}

logger = logging.getLogger(__name__)


def _timed(check):
    started = time.perf_counter()
    try:
        result = check()
    except Exception as exc:  # a failing dependency is a reading, not a crash
        # The endpoint is public: the kind of failure only; host names and the
        # driver's message go to the log.
        logger.warning("Health check %s failed", check.__name__, exc_info=True)
        result = {"status": "error", "error": type(exc).__name__}
    result["latency_ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


# One thread at a time: with the database gone, health calls that overlap wait for
# the one attempt already running rather than start more.
_database_probe = ThreadPoolExecutor(max_workers=1, thread_name_prefix="health-db")


def _database_roundtrip():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return connection.vendor
    finally:
        # This thread's connection goes back to the pool (or is closed) at once.
        connection.close()


def check_database():
    """SELECT 1 on a thread of its own, given up after HEALTH_DATABASE_TIMEOUT_SECONDS:
    a database that does not answer must not hold the health answer for the
    connection and pool timeouts."""
    probe = _database_probe.submit(_database_roundtrip)
    try:
        vendor = probe.result(timeout=settings.HEALTH_DATABASE_TIMEOUT_SECONDS)
    except FutureTimeout:
        raise TimeoutError("The database did not answer in time.") from None
    return {"status": "ok", "vendor": vendor}


def check_cache():
    # The strict alias: the default one hides a dead Redis as cache misses.
    cache = caches["strict"]
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=5)
    ok = cache.get(key) == "1"
    cache.delete(key)
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    return {"status": "ok" if ok else "error", "backend": backend}


def check_channel_layer():
    layer = get_channel_layer()

    async def roundtrip():
        channel = await layer.new_channel()
        await layer.send(channel, {"type": "health.ping"})
        return await asyncio.wait_for(layer.receive(channel), timeout=2)

    message = async_to_sync(roundtrip)()
    ok = message.get("type") == "health.ping"
    return {"status": "ok" if ok else "error", "backend": type(layer).__name__}


def check_broker():
    from portfolio.celery import app

    if app.conf.task_always_eager:
        return {"status": "ok", "mode": "eager"}
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return {"status": "ok", "mode": "redis"}


def check_vector_store():
    # The active CV, and whether this process already holds its index and model.
    from cv_app.selectors import cv_vector_store_status

    return cv_vector_store_status()


def check_llm():
    from portfolio.llm import llm_available, llm_provider

    provider = llm_provider()
    if provider is None:
        return {"status": "ok", "mode": "offline"}
    # Over the day's budget the offline responder answers: degraded, not down.
    within_budget = llm_available()
    return {
        "status": "ok",
        "mode": "model" if within_budget else "offline (daily budget spent)",
        "provider": provider.name,
        "model": provider.model,
    }


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "channel_layer": check_channel_layer,
    "broker": check_broker,
    "vector_store": check_vector_store,
    "llm": check_llm,
}
# These read the database (the active CV, the day's LLM spend).
NEEDS_DATABASE = {"vector_store", "llm"}


def health_report() -> dict:
    """Runs every check: {"status": healthy|degraded|unhealthy, "checks": {...}}."""
    checks = {}
    for name, check in CHECKS.items():
        if name in NEEDS_DATABASE and checks["database"]["status"] == "error":
            checks[name] = {"status": "error", "error": "DatabaseUnavailable", "latency_ms": 0.0}
        else:
            checks[name] = _timed(check)
    if any(checks[name]["status"] != "ok" for name in VITAL):
        status = "unhealthy"
    elif all(c["status"] in {"ok", "disabled"} for c in checks.values()):
        status = "healthy"
    else:
        status = "degraded"
    return {"status": status, "checks": checks}


def public_health(report: dict) -> dict:
    """What anyone may see: the verdict and each check's ok or error, nothing that
    names a backend, a host, a model or a file."""
    return {
        "status": report["status"],
        "checks": {
            name: {"status": "error" if check["status"] == "error" else "ok"}
            for name, check in report["checks"].items()
        },
    }


_cached = {"at": None, "report": None}
_cached_lock = threading.Lock()


def health_report_cached() -> dict:
    """health_report(), run at most once per HEALTH_CACHE_SECONDS in this process:
    a flood of anonymous health requests must not become a flood on every backend.
    Kept in process memory, not the cache, because the cache is one of the checks."""
    with _cached_lock:
        now = time.monotonic()
        at = _cached["at"]
        if at is None or now - at >= settings.HEALTH_CACHE_SECONDS:
            _cached["report"] = health_report()
            _cached["at"] = time.monotonic()
        return _cached["report"]


def health_cache_clear() -> None:
    with _cached_lock:
        _cached["at"] = _cached["report"] = None


@functools.cache
def app_version() -> str:
    """APP_VERSION when the image was built with one, else the project's own version."""
    if settings.APP_VERSION:
        return settings.APP_VERSION
    try:
        with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as handle:
            return tomllib.load(handle)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def check_version():
    return {"status": "ok", "version": app_version()}


def basic_health_report() -> dict:
    """The seed-002 shape: only the database and the version, with a sentence."""
    # Public: the database check says ok or error, never its vendor or timing.
    database = {"status": _timed(check_database)["status"]}
    checks = {"database": database, "version": check_version()}
    healthy = database["status"] == "ok"
    return {
        "status": "healthy" if healthy else "unhealthy",
        "message": "Service is running." if healthy else "The database is unavailable.",
        "checks": checks,
    }
