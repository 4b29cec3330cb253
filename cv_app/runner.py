"""The embedded default's CV worker: a thread in the web process, fed from the
database.

Without a broker there is no Celery worker, and an eager task would hold the
upload request for the whole document. So the web process starts this thread
(portfolio/asgi.py, portfolio/wsgi.py): it claims queued documents from the
database (cv_app/jobs.py), processes them one at a time, and runs the sweeper
now and then. An upload wakes it at once; a restart loses nothing, because the
queue is the table. Several web processes may each run one: claims are atomic.
`manage.py cv_worker` runs the same loop in a process of its own.
"""

import logging
import os
import threading
import time

from django.conf import settings
from django.db import close_old_connections

from cv_app import jobs
from cv_app.services import TransientProcessingError
from faq_app.services import asked_questions_group_pending, inbox_purge

logger = logging.getLogger(__name__)

POLL_SECONDS = 30.0
SWEEP_SECONDS = 60.0
# Without a broker the runner also does the questions loop's background work
# (faq_app): it groups new inbox questions (woken by each, like an upload) and
# forgets those past INBOX_RETENTION_DAYS, as beat's "faq-inbox-purge" does.
PURGE_SECONDS = 3600.0

_wake = threading.Event()
_lock = threading.Lock()
_thread: threading.Thread | None = None


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


def serve(*, stop: threading.Event, poll_seconds=POLL_SECONDS):
    """The loop: sweep now and then, run what is due, sleep until woken."""
    worker = f"runner:{os.getpid()}:{threading.get_ident()}"
    last_sweep = last_purge = float("-inf")
    while not stop.is_set():
        close_old_connections()
        try:
            if time.monotonic() - last_sweep >= SWEEP_SECONDS:
                last_sweep = time.monotonic()
                jobs.cv_documents_sweep()
            if time.monotonic() - last_purge >= PURGE_SECONDS:
                last_purge = time.monotonic()
                inbox_purge()
            run_due(worker=worker)
            asked_questions_group_pending()
        except Exception:
            # The database may be briefly away; the next round tries again.
            logger.exception("The CV runner hit an error; retrying shortly.")
        finally:
            close_old_connections()
        _wake.wait(poll_seconds)
        _wake.clear()


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
