"""The CV processing queue: claims, the sweeper, and the limit on attempts."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from cv_app import jobs, runner
from cv_app.models import CVDocument

pytestmark = pytest.mark.django_db


def left_by_a_dead_worker(document, *, attempts=1, ago=None):
    """What a SIGKILLed worker leaves: the claim and an old heartbeat, status processing."""
    ago = ago or timedelta(seconds=jobs.settings.CV_PROCESSING_LEASE_SECONDS + 5)
    CVDocument.objects.filter(pk=document.pk).update(
        status=CVDocument.Status.PROCESSING,
        claimed_by="celery:dead-task",
        heartbeat_at=timezone.now() - ago,
        attempts=attempts,
    )


def test_of_two_workers_only_one_claims_a_queued_cv(ingest):
    document = ingest(process=False)
    assert jobs.cv_document_claim(document_id=document.pk, worker="a") is not None
    assert jobs.cv_document_claim(document_id=document.pk, worker="b") is None


def test_a_task_the_broker_hands_back_takes_up_its_own_claim(ingest):
    document = ingest(process=False)
    assert jobs.cv_document_claim(document_id=document.pk, worker="celery:t1") is not None
    # The worker died; the broker redelivers the same task (same id) to another worker.
    assert jobs.cv_document_run(document_id=document.pk, worker="celery:t1") is True
    document.refresh_from_db()
    assert (document.status, document.next_attempt_at, document.claimed_by) == ("ready", None, "")


def test_a_live_claim_is_left_alone_by_the_sweeper(ingest):
    document = ingest(process=False)
    left_by_a_dead_worker(document, ago=timedelta(seconds=5))
    assert jobs.cv_documents_sweep() == {"requeued": 0, "failed": 0}
    assert jobs.cv_document_next_due() is None


def test_the_sweeper_requeues_a_cv_a_dead_worker_left_processing_and_it_becomes_ready(ingest):
    document = ingest(process=False)
    left_by_a_dead_worker(document)
    assert jobs.cv_documents_sweep() == {"requeued": 1, "failed": 0}
    document.refresh_from_db()
    assert (document.claimed_by, document.heartbeat_at) == ("", None)
    assert runner.run_due(worker="runner:test") == 1
    document.refresh_from_db()
    assert (document.status, document.chunk_count > 0) == ("ready", True)


def test_the_sweeper_fails_a_cv_that_used_up_its_attempts(ingest):
    document = ingest(process=False)
    left_by_a_dead_worker(document, attempts=jobs.MAX_ATTEMPTS)
    assert jobs.cv_documents_sweep() == {"requeued": 0, "failed": 1}
    document.refresh_from_db()
    assert document.status == "failed"
    assert f"interrupted {jobs.MAX_ATTEMPTS} times" in document.failure_reason
    assert document.next_attempt_at is None


def test_a_redelivered_task_past_its_attempts_fails_the_cv_instead_of_looping(ingest):
    document = ingest(process=False)
    CVDocument.objects.filter(pk=document.pk).update(attempts=jobs.MAX_ATTEMPTS)
    assert jobs.cv_document_run(document_id=document.pk, worker="celery:poison") is False
    document.refresh_from_db()
    assert (document.status, document.next_attempt_at) == ("failed", None)


def test_a_ready_cv_whose_reprocess_died_keeps_answering(ingest):
    document = ingest()
    CVDocument.objects.filter(pk=document.pk).update(next_attempt_at=timezone.now())
    left_by_a_dead_worker(document, attempts=jobs.MAX_ATTEMPTS)
    CVDocument.objects.filter(pk=document.pk).update(status=CVDocument.Status.READY)
    jobs.cv_documents_sweep()
    document.refresh_from_db()
    assert (document.status, document.next_attempt_at, document.chunks.count() > 0) == (
        "ready", None, True,
    )  # fmt: skip


def test_with_a_broker_the_sweeper_sends_the_requeued_cv_to_a_worker(
    ingest, monkeypatch, django_capture_on_commit_callbacks
):
    from cv_app.tasks import cv_document_process_task

    sent = []
    monkeypatch.setitem(cv_document_process_task.app.conf, "task_always_eager", False)
    monkeypatch.setattr(cv_document_process_task, "delay", sent.append)
    document = ingest(process=False)
    left_by_a_dead_worker(document)
    with django_capture_on_commit_callbacks(execute=True):
        jobs.cv_documents_sweep()
    assert sent == [str(document.pk)]


def test_the_beat_schedule_runs_the_sweeper_every_fifteen_seconds(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["cv-sweep"]
    assert (entry["task"], entry["schedule"]) == ("cv_app.sweep_documents", 15.0)


def test_a_dead_worker_is_noticed_within_a_minute_and_a_live_one_never(settings):
    from cv_app.tasks import cv_document_process_task as task

    assert task.acks_late and task.reject_on_worker_lost
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert task.soft_time_limit < task.time_limit < visibility
    assert settings.CV_PROCESSING_LEASE_SECONDS + settings.CV_SWEEP_SECONDS <= 60
    assert settings.CV_PROCESSING_LEASE_SECONDS + runner.POLL_SECONDS <= 60
    assert settings.CV_PROCESSING_LEASE_SECONDS >= 3 * settings.CV_HEARTBEAT_SECONDS


@pytest.mark.django_db(transaction=True)
def test_a_claim_is_kept_alive_by_heartbeats_while_the_work_runs(ingest, settings):
    settings.CV_HEARTBEAT_SECONDS = 0.05
    document = ingest(process=False)
    claimed = jobs.cv_document_claim(document_id=document.pk, worker="w1")
    first_beat = claimed.heartbeat_at
    with jobs._heartbeat(document.pk, "w1"):
        deadline = timezone.now() + timedelta(seconds=10)
        while CVDocument.objects.get(pk=document.pk).heartbeat_at == first_beat:
            assert timezone.now() < deadline, "no heartbeat"
    beat = CVDocument.objects.get(pk=document.pk).heartbeat_at
    assert beat > first_beat
    # The block is over: no more beats.
    time.sleep(0.3)
    assert CVDocument.objects.get(pk=document.pk).heartbeat_at == beat


@pytest.mark.django_db(transaction=True)
def test_a_heartbeat_stops_once_someone_else_holds_the_claim(ingest, settings):
    settings.CV_HEARTBEAT_SECONDS = 0.05
    document = ingest(process=False)
    jobs.cv_document_claim(document_id=document.pk, worker="w1")
    CVDocument.objects.filter(pk=document.pk).update(claimed_by="w2", heartbeat_at=None)
    with jobs._heartbeat(document.pk, "w1"):
        time.sleep(0.3)
    assert CVDocument.objects.get(pk=document.pk).heartbeat_at is None
