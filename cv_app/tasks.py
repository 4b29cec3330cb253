"""Background processing of uploaded CVs, when a broker is configured.

Limits: a soft time limit stops a runaway parse or embedding (the document is
marked failed with the reason), the hard limit kills the worker child if even
that does not return. Memory is bounded per worker child by
CELERY_WORKER_MAX_MEMORY_PER_CHILD (settings): a child that grew past it after a
task is replaced, which returns the memory a large PDF or the model took.

A killed worker loses nothing: the task is acknowledged only after it returns
(acks_late), a child that dies has its task handed back at once
(reject_on_worker_lost), a whole worker that dies has it handed back by the
broker after its visibility timeout, and the job's claim in the database lets the
same task take it up again (cv_app/jobs.py). The sweeper catches the rest.
Without a broker none of this runs: the embedded runner does the work.
"""

from celery import shared_task
from django.conf import settings

from cv_app.jobs import cv_document_run, cv_documents_sweep
from cv_app.services import TransientProcessingError, cv_documents_reembed_stale

HARD_TIME_LIMIT_SECONDS = settings.CV_TASK_TIME_LIMIT_SECONDS
SOFT_TIME_LIMIT_SECONDS = HARD_TIME_LIMIT_SECONDS - 60


@shared_task(
    bind=True,
    name="cv_app.process_document",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(TransientProcessingError,),
    retry_backoff=10,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=3,
    soft_time_limit=SOFT_TIME_LIMIT_SECONDS,
    time_limit=HARD_TIME_LIMIT_SECONDS,
)
def cv_document_process_task(self, document_id):
    final_attempt = bool(self.request.is_eager) or self.request.retries >= self.max_retries
    cv_document_run(
        document_id=document_id, worker=f"celery:{self.request.id}", final_attempt=final_attempt
    )


@shared_task(name="cv_app.sweep_documents")
def cv_documents_sweep_task():
    counts = cv_documents_sweep()
    # After a change of EMBEDDINGS_MODEL, ready CVs are re-embedded without waiting
    # for a question to notice.
    counts["reembedding"] = cv_documents_reembed_stale()
    return counts
