"""Background processing of uploaded CVs.

Limits: a soft time limit stops a runaway parse or embedding (the document is
marked failed with the reason), the hard limit kills the worker child if even
that does not return. Memory is bounded per worker child by
CELERY_WORKER_MAX_MEMORY_PER_CHILD (settings): a child that grew past it after a
task is replaced, which returns the memory a large PDF or the model took.
Time limits need a real worker; in eager mode the task runs inside the request.
"""

from celery import shared_task

from cv_app.services import TransientProcessingError, cv_document_process

SOFT_TIME_LIMIT_SECONDS = 600
HARD_TIME_LIMIT_SECONDS = 660


@shared_task(
    bind=True,
    name="cv_app.process_document",
    autoretry_for=(TransientProcessingError,),
    retry_backoff=10,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=3,
    soft_time_limit=SOFT_TIME_LIMIT_SECONDS,
    time_limit=HARD_TIME_LIMIT_SECONDS,
)
def cv_document_process_task(self, document_id):
    # Eager runs (no broker) answer inside the upload request: no waiting for retries there.
    final_attempt = bool(self.request.is_eager) or self.request.retries >= self.max_retries
    cv_document_process(document_id=document_id, final_attempt=final_attempt)
