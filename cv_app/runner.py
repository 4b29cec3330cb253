"""The embedded default's CV worker: a thread in the web process, fed from the
database.

Without a broker there is no Celery worker, and an eager task would hold the
upload request for the whole document. So the web process starts this thread
(portfolio/asgi.py, portfolio/wsgi.py): it claims queued documents from the
database (cv_app/jobs.py), processes them one at a time, and runs the sweeper
now and then. An upload wakes it at once; a restart loses nothing, because the
queue is the table. Several web processes may each run one: claims are atomic.
`manage.py cv_worker` runs the same loop in a process of its own.

Other apps' outboxes ride on the same thread instead of starting their own
(`register`): the rebuild webhooks (webhooks_app) send their due deliveries here, and
the questions loop (faq_app) groups new inbox questions and forgets old ones.
"""

import logging
import os
import threading
import time

from django.conf import settings
from django.db import close_old_connections

from cv_app import jobs
from cv_app.services import TransientProcessingError, cv_documents_reembed_stale

logger = logging.getLogger(__name__)

# A job a dead worker left is due again once its heartbeat is older than the lease:
# polling this often takes it up within lease + poll.
POLL_SECONDS = 15.0
# However soon a registered job says its next work is due, the loop never spins faster.
MIN_WAIT_SECONDS = 0.05

_wake = threading.Event()
_lock = threading.Lock()
_thread: threading.Thread | None = None
# Callables run every round; each returns the seconds until it next has work due
# (None: nothing waiting), and the loop sleeps no longer than that.
_jobs: list = []


def register(job):
    if job not in _jobs:
        _jobs.append(job)


def wake():
    """Something was queued: look now rather than at the next poll."""
    _wake.set()


def run_due(*, worker) -> int:
    """Processes every document that is due, oldest first; returns how many ran."""
    ran = 0
    while (document_id := jobs.cv_document_next_due()) is not None:
        try:
            if jobs.cv_document_run(
                document_id=document_id, worker=worker, retry_delay=jobs.RETRY_DELAY
            ):
                ran += 1
        except TransientProcessingError as exc:
            logger.warning("CV %s will be retried: %s", document_id, exc)
    return ran


def serve(*, stop: threading.Event, poll_seconds=POLL_SECONDS, turn=None):
    """The loop: sweep now and then, run what is due, sleep until woken.

    `turn`: a lock held for each round. Tests whose in-memory SQLite database is one
    connection shared with this thread pass one and hold it while they use that
    connection, so the two threads' transactions never interleave on it; a round
    that finds it held waits for the next poll."""
    worker = f"runner:{os.getpid()}:{threading.get_ident()}"
    last_sweep = float("-inf")
    while not stop.is_set():
        wait = poll_seconds
        if turn is None or turn.acquire(blocking=False):
            try:
                sweep = time.monotonic() - last_sweep >= settings.CV_SWEEP_SECONDS
                if sweep:
                    last_sweep = time.monotonic()
                wait = _round(worker, wait, sweep=sweep)
            finally:
                if turn is not None:
                    turn.release()
        else:
            # Woken while the turn was taken: the wake is spent, the next poll runs.
            _wake.clear()
        _wake.wait(wait)
        _wake.clear()


def _round(worker, wait, *, sweep) -> float:
    """One round; returns the seconds until the next."""
    close_old_connections()
    try:
        if sweep:
            jobs.cv_documents_sweep()
            cv_documents_reembed_stale()
        run_due(worker=worker)
        due = [seconds for job in _jobs if (seconds := job()) is not None]
        wait = max(MIN_WAIT_SECONDS, min([wait, *due]))
    except Exception:
        # The database may be briefly away; the next round tries again.
        logger.exception("The CV runner hit an error; retrying shortly.")
    finally:
        close_old_connections()
    return wait


def start():
    """Starts the runner thread in this process, once."""
    global _thread
    with _lock:
        if _thread is not None and _thread.is_alive():
            return
        _thread = threading.Thread(
            target=serve, kwargs={"stop": threading.Event()}, name="cv-runner", daemon=True
        )
        _thread.start()


def start_if_embedded():
    if settings.CV_EMBEDDED_RUNNER:
        start()
