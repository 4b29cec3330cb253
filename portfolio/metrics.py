"""Business counters for /metrics, beside django-prometheus's request metrics.

Callers use the `record_*` helpers and never touch prometheus objects. A helper
never raises: a metric must not break the request or task that reports it.
Labels are clipped, so a surprising value cannot blow up the series count.

Where the numbers show up: a web process exposes its own counters at /metrics.
Celery tasks run in the worker, so the worker exposes its counters on its own
port (CELERY_METRICS_PORT, see `start_worker_metrics_server`); without Redis,
tasks run eagerly inside the web process and are counted there.
"""

import logging
import os

from prometheus_client import CollectorRegistry, Counter, start_http_server
from prometheus_client import multiprocess as prometheus_multiprocess

logger = logging.getLogger(__name__)

_LABEL_MAX = 80

LLM_CALLS = Counter(
    "llm_calls",
    "Calls to the language model, by provider, model and outcome.",
    ["provider", "model", "outcome"],
)
LLM_TOKENS = Counter("llm_tokens", "Tokens exchanged with the language model.", ["direction"])
LLM_COST_USD = Counter("llm_cost_usd", "Estimated spend on the language model, in US dollars.")
CV_INGESTS = Counter("cv_ingests", "CV uploads processed into the index, by outcome.", ["outcome"])
CONTACT_NOTIFICATIONS = Counter(
    "contact_notifications", "Contact-form notification emails, by outcome.", ["outcome"]
)
EDGE_CACHE_RESPONSES = Counter(
    "http_edge_cache_responses",
    "Public reads answered by the ASGI edge cache without entering Django (not in "
    "django_http_* counts), by status (200 or 304).",
    ["status"],
)


def _label(value) -> str:
    return (str(value) if value not in (None, "") else "unknown")[:_LABEL_MAX]


def _amount(value) -> float:
    try:
        return max(float(value or 0), 0.0)
    except (TypeError, ValueError):
        return 0.0


def record_llm_call(*, provider, model, outcome, tokens_in=0, tokens_out=0, cost_usd=0.0):
    """One model call. outcome: e.g. "success", "error", "timeout", "budget_exceeded"."""
    try:
        LLM_CALLS.labels(
            provider=_label(provider), model=_label(model), outcome=_label(outcome)
        ).inc()
        LLM_TOKENS.labels(direction="in").inc(_amount(tokens_in))
        LLM_TOKENS.labels(direction="out").inc(_amount(tokens_out))
        LLM_COST_USD.inc(_amount(cost_usd))
    except Exception:
        logger.exception("Could not record an LLM call metric")


def record_cv_ingest(*, outcome):
    """One CV processed. outcome: e.g. "ready", "failed"."""
    try:
        CV_INGESTS.labels(outcome=_label(outcome)).inc()
    except Exception:
        logger.exception("Could not record a CV ingest metric")


def record_contact_notification(*, outcome):
    """One notification email. outcome: e.g. "sent", "failed", "skipped"."""
    try:
        CONTACT_NOTIFICATIONS.labels(outcome=_label(outcome)).inc()
    except Exception:
        logger.exception("Could not record a contact notification metric")


_EDGE_CHILDREN = {}


def record_edge_cache(*, status):
    """One read answered by the ASGI edge cache (portfolio/api/edge_cache.py)."""
    try:
        child = _EDGE_CHILDREN.get(status)
        if child is None:
            child = _EDGE_CHILDREN[status] = EDGE_CACHE_RESPONSES.labels(status=_label(status))
        child.inc()
    except Exception:
        logger.exception("Could not record an edge cache metric")


def start_worker_metrics_server(port, *, addr="0.0.0.0"):  # noqa: S104 - scraped from the network
    """Serve the worker's counters on their own port (a worker has no Django HTTP).

    A prefork worker counts in its child processes; with PROMETHEUS_MULTIPROC_DIR
    set, prometheus_client shares the counts through files in that directory and
    this server adds them up. Returns the (server, thread) pair.
    """
    registry = None
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        prometheus_multiprocess.MultiProcessCollector(registry)
    server, thread = (
        start_http_server(port, addr=addr, registry=registry)
        if registry
        else start_http_server(port, addr=addr)
    )
    logger.info("Worker metrics on port %s", server.server_port)
    return server, thread
