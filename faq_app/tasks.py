from celery import shared_task

from faq_app.services import asked_question_group, asked_questions_group_pending, inbox_purge


@shared_task(
    name="faq_app.group_question",
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
)
def group_question(question_id):
    """Queued on commit by inbox_question_record."""
    asked_question_group(question_id=question_id)


@shared_task(name="faq_app.inbox_purge", autoretry_for=(Exception,), retry_backoff=True)
def inbox_purge_task():
    """Celery beat (CELERY_BEAT_SCHEDULE); the embedded runner calls inbox_purge itself."""
    return inbox_purge()


@shared_task(name="faq_app.group_pending", autoretry_for=(Exception,), retry_backoff=True)
def group_pending_task():
    """Beat's sweeper: questions whose grouping task never ran (broker down at the time)."""
    return asked_questions_group_pending()
