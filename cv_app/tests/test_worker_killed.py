"""A real Celery worker killed with SIGKILL in the middle of a CV leaves nothing
stuck: the broker hands the task back and another worker finishes it."""

import os
import signal
import time
import uuid

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from bench.common import celery_worker
from cv_app.models import CVDocument
from cv_app.services import cv_document_create
from cv_app.tests.conftest import WAIT_SECONDS, wait_for
from cv_app.tests.documents import docx_bytes
from portfolio.celery import app as celery_app

# The worker is another process: it needs the committed rows in a database it can reach.
pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    # The test process runs tasks eagerly (conftest.py); send_task still goes to the broker.
    pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored"),
]


def database_url():
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(queue, name, *, beat_schedule=None, **environment):
    """A worker on `queue`; with `beat_schedule` (a file path) it also runs beat and
    takes the default queue, where the sweeper sends what it queues again."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portfolio.settings",
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        # Short, so the killed worker's task comes back within the test.
        "CELERY_VISIBILITY_TIMEOUT_SECONDS": "3",
        "LOG_LEVEL": "WARNING",
        **environment,
    }
    queues = f"{queue},celery" if beat_schedule else queue
    return celery_worker(env, queues=queues, name=name, beat_schedule=beat_schedule)


def kill(worker):
    # The whole worker, pool children included, as `kill -9` of a container would.
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(30)


def clean_up(queue, *workers):
    """Kills the workers still running (None: never started) and deletes the queue."""
    for worker in workers:
        if worker is not None and worker.poll() is None:
            kill(worker)
    with celery_app.connection_for_write() as conn:
        conn.default_channel.queue_delete(queue)


def wait_until_claimed(document_id, worker):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        document = CVDocument.objects.get(pk=document_id)
        if document.claimed_by.startswith("celery:"):
            return document
        assert worker.poll() is None, "the worker exited before taking the task"
        time.sleep(0.02)
    raise AssertionError("no worker took the CV")


def long_cv():
    """A CV long enough that a worker is still on it when it is killed."""
    pages = [
        {"title": f"Role {p}", "paragraphs": [f"Led project {p}-{n} in Python." for n in range(40)]}
        for p in range(6)
    ]
    return cv_document_create(uploaded_file=SimpleUploadedFile("cv.docx", docx_bytes(pages)))


def test_a_cv_whose_worker_is_killed_mid_task_is_finished_by_the_next_worker():
    document = long_cv()
    queue = f"cv-kill-test-{uuid.uuid4().hex[:8]}"
    first = start_worker(queue, "first")
    second = None
    try:
        celery_app.send_task("cv_app.process_document", args=[str(document.pk)], queue=queue)
        claimed = wait_until_claimed(document.pk, first)
        kill(first)
        stuck = CVDocument.objects.get(pk=document.pk)
        assert (stuck.status, stuck.chunk_count) == ("processing", 0), "killed too late"
        assert stuck.attempts == 1

        second = start_worker(queue, "second")
        document = wait_for(document.pk)
        assert document.status == "ready"
        assert document.chunk_count > 0
        # The same task, handed back by the broker, took up its own claim.
        assert document.attempts == 0 and document.claimed_by == ""
        assert claimed.claimed_by.startswith("celery:")
    finally:
        clean_up(queue, first, second)


def test_a_killed_workers_cv_is_taken_over_by_the_sweeper_once_its_heartbeat_stops(tmp_path):
    # The broker keeps the killed worker's task for its whole visibility timeout (as in
    # production, 15 minutes): only the heartbeat going quiet can hand the CV on.
    quick = {
        "CELERY_VISIBILITY_TIMEOUT_SECONDS": "3600",
        "CV_HEARTBEAT_SECONDS": "1",
        "CV_PROCESSING_LEASE_SECONDS": "4",
        "CV_SWEEP_SECONDS": "1",
    }
    document = long_cv()
    queue = f"cv-kill-test-{uuid.uuid4().hex[:8]}"
    first = start_worker(queue, "first", **quick)
    second = None
    try:
        celery_app.send_task("cv_app.process_document", args=[str(document.pk)], queue=queue)
        claimed = wait_until_claimed(document.pk, first)
        kill(first)
        killed_at = time.monotonic()
        assert CVDocument.objects.get(pk=document.pk).chunk_count == 0, "killed too late"

        second = start_worker(queue, "second", beat_schedule=tmp_path / "beat", **quick)
        document = wait_for(document.pk)
        assert document.status == "ready"
        assert document.chunk_count > 0
        assert time.monotonic() - killed_at < 120
        # A new task took a new claim: the killed one was never handed back.
        assert document.attempts == 0 and document.claimed_by == ""
        assert claimed.claimed_by.startswith("celery:")
    finally:
        clean_up(queue, first, second)
