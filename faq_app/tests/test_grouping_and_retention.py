"""Grouping is decided in the database (one lock), falls back to shared words when the
embedder fails, and questions past the retention period are forgotten."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from faq_app.models import AnswerFeedback, AskedQuestion, QuestionGroup
from faq_app.services import asked_question_group, inbox_purge, inbox_question_record
from faq_app.tasks import inbox_purge_task


def record(text, **fields):
    return inbox_question_record(
        kind=fields.get("kind", "home"),
        text=text,
        language=fields.get("language", "en"),
        reason=fields.get("reason", "refused"),
    )


@pytest.fixture
def broken_embedder(settings):
    """An OpenAI-compatible embedder on a port where nothing listens: EmbeddingError."""
    from portfolio.testing import free_port

    settings.EMBEDDINGS = "openai"
    settings.OPENAI_API_KEY = "test-key"
    settings.OPENAI_BASE_URL = f"http://127.0.0.1:{free_port()}/v1"
    settings.LLM_MAX_RETRIES = 0
    settings.LLM_TIMEOUT_SECONDS = 2


@pytest.mark.django_db
def test_when_embedding_fails_rewordings_are_grouped_by_their_words(broken_embedder):
    first, second, other = (
        record("What is his favourite colour?"),
        record("His favourite colour?"),
        record("Does he have a dog?"),
    )
    groups = [asked_question_group(question_id=q.pk) for q in (first, second, other)]
    assert groups[0] == groups[1] != groups[2]
    assert AskedQuestion.objects.filter(vector=b"").count() == 3


@pytest.mark.django_db
def test_an_answered_group_takes_no_new_questions(seeded):
    from faq_app.services import question_group_answer

    group = asked_question_group(question_id=record("Does he have a dog?").pk)
    question_group_answer(group_id=group.pk, answer_en="No.")
    later = asked_question_group(question_id=record("Does he have a pet dog?").pk)
    assert later != group and later.status == "open"


@pytest.mark.django_db
def test_the_similarity_threshold_is_a_setting(settings):
    settings.INBOX_GROUP_SIMILARITY = 0.999
    first = asked_question_group(question_id=record("Does he have a dog?").pk)
    second = asked_question_group(question_id=record("Does he have a pet dog?").pk)
    assert first != second
    settings.INBOX_GROUP_SIMILARITY = 0.5
    third = asked_question_group(question_id=record("Has he got a dog?").pk)
    assert third in (first, second)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_rewordings_grouped_at_the_same_moment_by_two_workers_make_one_group():
    from cv_app.embeddings import embed_query

    embed_query("warm the model up")  # both threads then race on the lock, not the load
    questions = [record(text) for text in ("Does he have a dog?", "Does he have a pet dog?")]
    start = threading.Barrier(len(questions))
    errors = []

    def group(question_id):
        try:
            start.wait()
            asked_question_group(question_id=question_id)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=group, args=(q.pk,)) for q in questions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert QuestionGroup.objects.count() == 1
    assert AskedQuestion.objects.filter(group__isnull=False).count() == 2


@pytest.mark.django_db
def test_questions_past_retention_are_deleted_by_the_periodic_task(settings):
    settings.INBOX_RETENTION_DAYS = 30
    old, recent = record("Does he have a dog?"), record("Does he have a cat?")
    for question in (old, recent):
        asked_question_group(question_id=question.pk)
    AskedQuestion.objects.filter(pk=old.pk).update(asked_at=timezone.now() - timedelta(days=31))
    QuestionGroup.objects.filter(questions=old).update(
        created_at=timezone.now() - timedelta(days=31)
    )
    inbox_purge_task.delay()
    assert list(AskedQuestion.objects.values_list("text", flat=True)) == ["Does he have a cat?"]
    assert QuestionGroup.objects.count() == 1


@pytest.mark.django_db
def test_old_feedback_goes_with_the_retention_period_too():
    AnswerFeedback.objects.create(
        answer_id="5b0e4f3c-4d1e-4b7a-9f6e-2a8d5c3b1a00", kind="home", session_hash="x",
        helpful=True,
    )  # fmt: skip
    AnswerFeedback.objects.update(created_at=timezone.now() - timedelta(days=181))
    assert inbox_purge() == 0
    assert AnswerFeedback.objects.count() == 0


def test_beat_schedules_the_purge_and_the_grouping_sweeper(settings):
    from faq_app.tasks import group_pending_task

    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["faq-inbox-purge"]["task"] == inbox_purge_task.name
    assert schedule["faq-group-pending"]["task"] == group_pending_task.name


@pytest.mark.django_db
def test_the_grouping_sweeper_groups_what_was_left_waiting():
    from faq_app.tasks import group_pending_task

    record("Does he have a dog?")
    record("Does he have a pet dog?")
    assert AskedQuestion.objects.filter(group=None).count() == 2
    group_pending_task.delay()
    assert QuestionGroup.objects.count() == 1
    assert AskedQuestion.objects.filter(group=None).count() == 0


@pytest.mark.django_db(transaction=True)
def test_without_a_broker_the_cv_runner_thread_groups_and_purges():
    from cv_app import runner

    old, new = record("Does he have a dog?"), record("Does he have a cat?")
    AskedQuestion.objects.filter(pk=old.pk).update(asked_at=timezone.now() - timedelta(days=181))
    stop = threading.Event()
    thread = threading.Thread(target=runner.serve, kwargs={"stop": stop, "poll_seconds": 0.05})
    thread.start()
    try:
        for _ in range(600):
            if list(AskedQuestion.objects.exclude(group=None)) == [new]:
                break
            stop.wait(0.1)
    finally:
        stop.set()
        thread.join(timeout=30)
    assert list(AskedQuestion.objects.all()) == [new]
    assert AskedQuestion.objects.get().group is not None
