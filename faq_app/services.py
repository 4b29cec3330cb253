"""Writes of the questions loop: recording what the assistant could not answer well,
grouping it, visitors' feedback, answering a group once, and forgetting on time."""

import hashlib
import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from faq_app.matching import LEXICAL_SIMILARITY, best_match, embedded, lexical_similarity
from faq_app.models import AnswerFeedback, AskedQuestion, FAQEntry, GroupingLock, QuestionGroup
from portfolio import engines
from portfolio.api.errors import ApplicationError, NotFoundError

logger = logging.getLogger(__name__)

MAX_ANSWER_KEPT = 4000


class FeedbackAlreadyGivenError(ApplicationError):
    status_code = 409


# --- Recording and grouping -----------------------------------------------------


def inbox_question_record(
    *, kind, text, language, reason, answer_given="", answer_id=None
) -> AskedQuestion | None:
    """Puts a question in the owner's inbox (once per answer); a worker groups it after
    the commit (embedding it never holds the visitor's answer)."""
    fields = {
        "kind": kind,
        "text": text,
        "language": language,
        "reason": reason,
        "answer_given": (answer_given or "")[:MAX_ANSWER_KEPT],
    }
    if answer_id is None:
        question, created = AskedQuestion.objects.create(**fields), True
    else:
        question, created = AskedQuestion.objects.get_or_create(
            answer_id=answer_id, defaults=fields
        )
    if created:
        transaction.on_commit(lambda: _send_to_worker(question.pk))
    return question


def _send_to_worker(question_id):
    # Imported here: the runner and the tasks import this module.
    from cv_app import runner
    from faq_app.tasks import group_question

    if group_question.app.conf.task_always_eager:
        # No broker: an eager task would embed inside the visitor's request (or on the
        # sockets' shared database thread). The embedded runner groups it instead.
        runner.wake()
        return
    try:
        group_question.delay(question_id)
    except Exception:
        # Broker down: the question waits ungrouped; beat's "faq-group-pending" takes it.
        logger.warning("Could not queue question %s for grouping.", question_id, exc_info=True)


# How often the embedded runner forgets questions past INBOX_RETENTION_DAYS, as beat's
# "faq-inbox-purge" does with a broker.
PURGE_SECONDS = 3600.0
_last_purge = float("-inf")


def inbox_background_run() -> None:
    """The questions loop's background work on the embedded runner (no broker): groups
    new inbox questions (each wakes the runner, like an upload) and, hourly, purges."""
    global _last_purge
    if time.monotonic() - _last_purge >= PURGE_SECONDS:
        _last_purge = time.monotonic()
        inbox_purge()
    asked_questions_group_pending()


def asked_questions_group_pending(*, limit=100) -> int:
    """Groups the questions still waiting for a group, oldest first; returns how many.
    What the embedded runner does without a broker, and beat does as a sweeper."""
    pending = list(
        AskedQuestion.objects.filter(group__isnull=True)
        .order_by("asked_at", "id")
        .values_list("pk", flat=True)[:limit]
    )
    for question_id in pending:
        asked_question_group(question_id=question_id)
    return len(pending)


def asked_question_group(*, question_id) -> QuestionGroup | None:
    """Joins the question to the open group it means the same as, or opens one.

    The embedding is computed first, outside any lock; the choice of group is made
    under one row lock, so two workers grouping rewordings at the same moment see
    each other's groups (the database is the only truth)."""
    question = AskedQuestion.objects.filter(pk=question_id).first()
    if question is None or question.group_id is not None:
        return question.group if question else None
    found = embedded([question.text])
    with transaction.atomic():
        GroupingLock.objects.select_for_update().get_or_create(name="inbox")
        question = AskedQuestion.objects.select_for_update().get(pk=question_id)
        if question.group_id is not None:
            return question.group
        if found is not None:
            question.vector = found[0][0].astype("float32").tobytes()
            question.model_name = found[1]
        group = _closest_open_group(question) or QuestionGroup.objects.create()
        question.group = group
        question.save(update_fields=["group", "vector", "model_name"])
    return group


def _closest_open_group(question) -> QuestionGroup | None:
    members = list(
        AskedQuestion.objects.filter(group__status=QuestionGroup.Status.OPEN)
        .exclude(pk=question.pk)
        .only("group_id", "text", "vector", "model_name")
    )
    vector = question.as_array()
    same_model = [m for m in members if m.vector and m.model_name == question.model_name]
    if vector is not None and same_model:
        index, score = best_match(vector, [m.as_array() for m in same_model])
        if score >= settings.INBOX_GROUP_SIMILARITY:
            return same_model[index].group
    # Without vectors to compare (the embedder failed, now or then): shared words.
    others = [m for m in members if vector is None or m not in same_model]
    scored = [(lexical_similarity(question.text, m.text), m) for m in others]
    score, member = max(scored, key=lambda pair: pair[0], default=(0.0, None))
    return member.group if member is not None and score >= LEXICAL_SIMILARITY else None


# --- Feedback -------------------------------------------------------------------


def _session_hash(session_id: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{session_id}".encode()).hexdigest()


def answer_feedback_record(*, answer_id, helpful, comment="", sessions=()) -> AnswerFeedback:
    """A visitor's verdict on an answer their own session received. An answer given
    without a session takes one verdict in all. Unknown or another session's: 404;
    a second verdict from the same session: 409. Unhelpful answers go to the inbox."""
    answer = engines.answer_get(answer_id=answer_id)
    sessions = [s for s in sessions if s]
    if answer is None or (answer["session_id"] and answer["session_id"] not in sessions):
        raise NotFoundError(_("No answer has the id %(id)s.") % {"id": answer_id})
    try:
        with transaction.atomic():
            feedback = AnswerFeedback.objects.create(
                answer_id=answer_id,
                kind=answer["kind"],
                session_hash=_session_hash(answer["session_id"]),
                helpful=helpful,
                comment=comment,
            )
    except IntegrityError:
        raise FeedbackAlreadyGivenError(_("This answer already has your verdict.")) from None
    if not helpful:
        inbox_question_record(
            kind=answer["kind"],
            text=answer["question"],
            language=answer["language"],
            reason=AskedQuestion.Reason.UNHELPFUL,
            answer_given=answer["answer"],
            answer_id=answer_id,
        )
    return feedback


# --- Answering once -------------------------------------------------------------


def question_group_answer(*, group_id, answer_en, answer_es="") -> FAQEntry:
    """The owner's answer to a group: a published FAQ entry, asked as the group's latest
    wording (in the question's language, and English), and the group marked answered."""
    from faq_app.selectors import inbox_group_get

    group = inbox_group_get(group_id=group_id)
    question = group.question.strip()[:300]
    entry = FAQEntry(status=FAQEntry.Status.PUBLISHED)
    entry.question_en = question
    entry.answer_en = answer_en.strip()
    if group.language == "es":
        entry.question_es = question
    if answer_es.strip():
        entry.answer_es = answer_es.strip()
    # The untranslated column takes the active language's value on save: English.
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        entry.full_clean()
        entry.save()
        QuestionGroup.objects.filter(pk=group.pk).update(
            status=QuestionGroup.Status.ANSWERED, faq=entry
        )
        # A queryset update sends no signal: the saved group bumps the caches.
        QuestionGroup.objects.get(pk=group.pk).save()
    return entry


def question_group_delete(*, group_id) -> None:
    """Forgets a group and every question in it."""
    deleted, _per_model = QuestionGroup.objects.filter(pk=group_id).delete()
    if not deleted:
        raise NotFoundError(
            _("No group of unanswered questions has the id %(id)s.") % {"id": group_id}
        )


# --- Retention ------------------------------------------------------------------


def inbox_purge(*, older_than_days=None) -> int:
    """Deletes visitors' questions older than the retention period (and the groups
    and feedback it leaves behind); returns how many questions went."""
    days = older_than_days or settings.INBOX_RETENTION_DAYS
    cutoff = timezone.now() - timedelta(days=days)
    deleted, _per_model = AskedQuestion.objects.filter(asked_at__lt=cutoff).delete()
    AnswerFeedback.objects.filter(created_at__lt=cutoff).delete()
    QuestionGroup.objects.filter(questions__isnull=True, created_at__lt=cutoff).delete()
    return deleted
