"""Request ids and the access log.

Every request gets an id: the caller's `X-Request-ID` when it is a sane token,
else a fresh one. It lives in a contextvar, so every log record written while
the request is handled carries it (through `RequestIdFilter`), under WSGI and
under ASGI alike: asgiref copies the context into the threads that run sync code.
The id goes back in the response header and travels on with Celery tasks the
request enqueues, so one id ties a request to the work it caused.
"""

import logging
import os
import re
import time
from contextvars import ContextVar

from portfolio.api.hybrid_middleware import HybridMiddleware

REQUEST_ID_HEADER = "X-Request-ID"
# Ids end up in log lines and headers: letters, digits and a few separators only,
# so a caller cannot forge log lines or smuggle anything into them.
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
# Probes hit these every few seconds; at INFO they would drown the real traffic.
QUIET_PATHS = frozenset({"/api/v1/health", "/api/health", "/metrics"})

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)
access_logger = logging.getLogger("portfolio.access")


def get_request_id() -> str | None:
    return request_id_var.get()


def request_id_for(request) -> str:
    return sane_request_id(request.headers.get(REQUEST_ID_HEADER, ""))


def sane_request_id(candidate: str) -> str:
    """The caller's id when it is a sane token, else a fresh one."""
    if candidate and _SANE_REQUEST_ID.fullmatch(candidate):
        return candidate
    # 32 random hex digits, like uuid4().hex, at a fraction of its cost (the edge
    # cache issues one per answer).
    return os.urandom(16).hex()


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record ("-" outside a request) so formatters can use it."""

    def filter(self, record):
        if not getattr(record, "request_id", None):
            record.request_id = request_id_var.get() or "-"
        return True


class ClientFaultAsWarning(logging.Filter):
    """Django logs a bad Host header (and a body over its limits) at ERROR with a full
    traceback; it is the client's fault and happens all day on a public address. One
    WARNING line, the message alone, is what it is worth."""

    def filter(self, record):
        if record.levelno > logging.WARNING:
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = record.exc_text = None
        return True


class RequestIdMiddleware(HybridMiddleware):
    """Sets the request id, echoes it in the response, writes one access line."""

    def call(self, request):
        request_id, token, started = _begin(request)
        try:
            response = self.get_response(request)
            _finish(request, response, request_id, started)
            return response
        finally:
            request_id_var.reset(token)

    async def acall(self, request):
        request_id, token, started = _begin(request)
        try:
            response = await self.get_response(request)
            _finish(request, response, request_id, started)
            return response
        finally:
            request_id_var.reset(token)


def _begin(request):
    request_id = request_id_for(request)
    request.request_id = request_id
    return request_id, request_id_var.set(request_id), time.perf_counter()


def _finish(request, response, request_id, started):
    response[REQUEST_ID_HEADER] = request_id
    duration_ms = round((time.perf_counter() - started) * 1000, 1)
    log_access(
        method=request.method,
        path=request.path,
        status=response.status_code,
        duration_ms=duration_ms,
    )


def log_access(*, method, path, status, duration_ms=None, started=None):
    """The one access line per request (also written by the ASGI edge cache), timed
    from `started` (a perf_counter value) unless `duration_ms` is given."""
    level = logging.DEBUG if path in QUIET_PATHS else logging.INFO
    if not access_logger.isEnabledFor(level):
        return
    if duration_ms is None:
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
    access_logger.log(
        level,
        "%s %s %s %sms",
        method,
        path,
        status,
        duration_ms,
        extra={"method": method, "path": path, "status": status, "duration_ms": duration_ms},
    )


# --- Celery: the id travels in the task message headers ---------------------


def attach_request_id_to_task(headers=None, **kwargs):
    """before_task_publish: runs where the task is enqueued."""
    request_id = request_id_var.get()
    if request_id and headers is not None:
        headers.setdefault("request_id", request_id)


def adopt_request_id_in_task(task=None, **kwargs):
    """task_prerun: runs in the worker; custom headers show up on task.request."""
    request_id = getattr(task.request, "request_id", None) if task else None
    if request_id:
        task.request.request_id_token = request_id_var.set(request_id)


def release_request_id_after_task(task=None, **kwargs):
    """task_postrun: a worker process runs many tasks; the next must not inherit this id."""
    token = getattr(task.request, "request_id_token", None) if task else None
    if token is not None:
        request_id_var.reset(token)
        task.request.request_id_token = None


def connect_celery_signals():
    from celery import signals

    signals.before_task_publish.connect(attach_request_id_to_task, weak=False)
    signals.task_prerun.connect(adopt_request_id_in_task, weak=False)
    signals.task_postrun.connect(release_request_id_after_task, weak=False)
