"""The CV processing queue, kept in the database so that nothing is lost.

A document is queued while `next_attempt_at` is set (an upload, a re-process).
Whoever processes it (a Celery worker, or the embedded runner in the web process)
first claims it with one conditional UPDATE, so of two racing workers exactly one
wins, and a thread beside the work refreshes `heartbeat_at` every
CV_HEARTBEAT_SECONDS while it runs. A worker killed mid-task leaves a claim whose
heartbeat stops: after CV_PROCESSING_LEASE_SECONDS the sweeper frees it and queues
the job again (or fails the document once it has used up its attempts), and the
embedded runner takes it up by itself; the broker also hands the same task back
(acks_late) after its visibility timeout. No row stays `processing` for ever.
"""

import logging
import threading
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from cv_app.models import CVDocument
from cv_app.services import TransientProcessingError, cv_document_process, enqueue_processing

logger = logging.getLogger(__name__)

# Claims per job: Celery's first run and its 3 retries. A document that kills its
# worker every time (out of memory, a hang past the hard limit) fails after these.
MAX_ATTEMPTS = 4
# The embedded runner waits this long after a transient failure (Celery uses the
# task's own backoff).
RETRY_DELAY = timedelta(seconds=30)


def _lease():
    return timedelta(seconds=settings.CV_PROCESSING_LEASE_SECONDS)


def cv_document_claim(*, document_id, worker) -> CVDocument | None:
    """Takes the document's queued job for `worker` (a task id, or the runner's
    name) and returns the document; None when someone else has it or nothing is
    queued. A task the broker delivers again keeps its own claim."""
    now = timezone.now()
    claimable = Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=now - _lease())
    if worker:
        claimable |= Q(claimed_by=worker)
    claimed = CVDocument.objects.filter(claimable, pk=document_id, next_attempt_at__lte=now).update(
        claimed_by=worker,
        heartbeat_at=now,
        attempts=F("attempts") + 1,
        processed_pages=0,
        # A ready CV being re-processed keeps answering meanwhile.
        status=Case(
            When(status=CVDocument.Status.READY, then=Value(CVDocument.Status.READY)),
            default=Value(CVDocument.Status.PROCESSING),
        ),
    )
    if not claimed:
        return None
    document = CVDocument.objects.get(pk=document_id)
    if document.attempts > MAX_ATTEMPTS:
        _give_up(document)
        return None
    return document


def cv_document_run(*, document_id, worker, final_attempt=None, retry_delay=None) -> bool:
    """Claims and processes one document; False when there was nothing to claim.

    A transient failure before the last attempt (by default: the job's last claim)
    frees the claim, queues the job again after `retry_delay` (default: at once,
    for Celery's own backoff) and re-raises TransientProcessingError.
    """
    document = cv_document_claim(document_id=document_id, worker=worker)
    if document is None:
        return False
    if final_attempt is None:
        final_attempt = document.attempts >= MAX_ATTEMPTS
    try:
        with _heartbeat(document_id, worker):
            cv_document_process(document_id=document_id, final_attempt=final_attempt)
    except TransientProcessingError:
        _release(document_id, worker, retry_at=timezone.now() + (retry_delay or timedelta(0)))
        raise
    except BaseException:
        # Killed or interrupted in-process: the next claim may start at once.
        _release(document_id, worker, retry_at=timezone.now())
        raise
    _finish(document_id, worker)
    return True


def cv_document_next_due():
    """The id of the oldest queued, unclaimed (or abandoned) document, or None."""
    now = timezone.now()
    return (
        CVDocument.objects.filter(next_attempt_at__lte=now)
        .filter(Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=now - _lease()))
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)
        .first()
    )


def cv_documents_sweep() -> dict:
    """Frees claims whose heartbeat is older than the lease (the worker died), or
    fails their documents once they used up their attempts; with a broker, queues
    them again, as it does jobs queued long ago that no worker ever took (the
    broker was down when they were sent). Returns the counts."""
    now = timezone.now()
    stale = now - _lease()
    counts = {"requeued": 0, "failed": 0}
    requeue = []
    for document in CVDocument.objects.filter(
        next_attempt_at__isnull=False, heartbeat_at__lt=stale
    ):
        if document.attempts >= MAX_ATTEMPTS:
            _give_up(document)
            counts["failed"] += 1
            continue
        # Conditional on the heartbeat read: a worker that just came back to life wins.
        freed = CVDocument.objects.filter(
            pk=document.pk, heartbeat_at=document.heartbeat_at
        ).update(claimed_by="", heartbeat_at=None, next_attempt_at=now)
        if freed:
            logger.warning("CV %s was left processing by a dead worker; queued again.", document.pk)
            requeue.append(document.pk)
    requeue += CVDocument.objects.filter(
        next_attempt_at__lt=stale, heartbeat_at__isnull=True
    ).values_list("pk", flat=True)
    counts["requeued"] = len(set(requeue))
    with transaction.atomic():
        for document_id in set(requeue):
            enqueue_processing(document_id)
    return counts


@contextmanager
def _heartbeat(document_id, worker):
    """Beats for `worker`'s claim every CV_HEARTBEAT_SECONDS until the block ends: the
    work itself may sit in one parse or one model load for longer than the lease."""
    stop = threading.Event()
    beats = threading.Thread(
        target=_beat_until,
        args=(stop, document_id, worker),
        name=f"cv-heartbeat-{document_id}",
        daemon=True,
    )
    beats.start()
    try:
        yield
    finally:
        stop.set()
        beats.join(timeout=settings.CV_HEARTBEAT_SECONDS)


def _beat_until(stop, document_id, worker):
    try:
        while not stop.wait(settings.CV_HEARTBEAT_SECONDS):
            try:
                alive = CVDocument.objects.filter(pk=document_id, claimed_by=worker).update(
                    heartbeat_at=timezone.now()
                )
            except DatabaseError as exc:  # the next beat tries again
                logger.warning("CV %s: heartbeat not written: %s", document_id, exc)
                close_old_connections()
                continue
            if not alive:  # finished, released, or taken over: nothing left to keep
                return
    finally:
        connection.close()  # this thread's own connection


def _release(document_id, worker, *, retry_at):
    CVDocument.objects.filter(pk=document_id, claimed_by=worker).update(
        heartbeat_at=None, next_attempt_at=retry_at
    )


def _finish(document_id, worker):
    CVDocument.objects.filter(pk=document_id, claimed_by=worker).update(
        next_attempt_at=None, heartbeat_at=None, claimed_by="", attempts=0
    )


def _give_up(document):
    reason = (
        f"Processing was interrupted {MAX_ATTEMPTS} times (the worker stopped or ran "
        "out of time); re-process it from the admin to try again."
    )
    fields = {"next_attempt_at": None, "heartbeat_at": None, "claimed_by": ""}
    if document.status != CVDocument.Status.READY:
        # A ready CV being re-processed keeps answering with the chunks it has.
        fields |= {"status": CVDocument.Status.FAILED, "failure_reason": reason}
    CVDocument.objects.filter(pk=document.pk).update(**fields)
    logger.error("CV %s: %s", document.pk, reason)
