"""The questions loop: what visitors asked that the assistant could not answer well,
grouped by meaning, and the answers the owner wrote once for each group (FAQ entries).

Privacy: an asked question keeps its text, language and time (and the answer it got),
never the visitor's address or session; rows older than INBOX_RETENTION_DAYS are
deleted by a periodic task (faq_app/tasks.py).
"""

import uuid

import numpy as np
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portfolio.publishing import Publishable, Status


class FAQEntry(Publishable):
    """An answer the owner wrote, in English and Spanish (modeltranslation fields).
    Drafts and scheduled entries follow the one publishing rule (portfolio/publishing.py),
    with its events: a rebuilt frontend learns of a new FAQ answer like of a new post."""

    Status = Status

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    question = models.CharField(max_length=300)
    answer = models.TextField(max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "faq_entries"
        ordering = ["-created_at"]
        verbose_name = "FAQ entry"
        verbose_name_plural = "FAQ entries"
        indexes = [models.Index(fields=["status", "publish_at"], name="faq_status_publish_idx")]

    def __str__(self):
        return self.question


class QuestionGroup(models.Model):
    """Questions that mean the same; its count, wording and times come from its questions."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    faq = models.ForeignKey(
        FAQEntry, null=True, blank=True, related_name="groups", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "faq_question_groups"
        ordering = ["-created_at"]
        verbose_name = "unanswered question"
        verbose_name_plural = "unanswered questions (inbox)"

    def __str__(self):
        latest = self.questions.order_by("-asked_at").first()
        return latest.text[:80] if latest else f"group {self.pk}"


class AskedQuestion(models.Model):
    class Kind(models.TextChoices):
        HOME = "home"
        CV = "cv"

    class Reason(models.TextChoices):
        REFUSED = "refused", _("Refused")
        LOW_CONFIDENCE = "low_confidence", _("Answered below the confidence threshold")
        UNHELPFUL = "unhelpful", _("Marked unhelpful")

    group = models.ForeignKey(
        QuestionGroup, null=True, blank=True, related_name="questions", on_delete=models.CASCADE
    )
    text = models.TextField()
    language = models.CharField(max_length=8, default="en")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.HOME)
    reason = models.CharField(max_length=20, choices=Reason.choices)
    answer_given = models.TextField(blank=True)
    # The answer (ChatHistory or CVQuery id) it came from, so feedback on an answer
    # already in the inbox does not count it twice. Not the visitor's session.
    answer_id = models.UUIDField(null=True, blank=True, unique=True)
    asked_at = models.DateTimeField(default=timezone.now, db_index=True)
    # float32 bytes, L2-normalised, from cv_app.embeddings (empty when embedding failed:
    # the group was then chosen by shared words).
    vector = models.BinaryField(blank=True, default=b"")
    model_name = models.CharField(max_length=200, blank=True)

    class Meta:
        db_table = "faq_asked_questions"
        ordering = ["-asked_at"]
        verbose_name = "asked question"
        indexes = [models.Index(fields=["group", "-asked_at"], name="faq_asked_group_time_idx")]

    def __str__(self):
        return self.text[:80]

    def as_array(self) -> np.ndarray | None:
        return np.frombuffer(bytes(self.vector), dtype=np.float32) if self.vector else None


class AnswerFeedback(models.Model):
    """A visitor's verdict on one answer; one per answer and session (the session's hash)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    answer_id = models.UUIDField(db_index=True)
    kind = models.CharField(max_length=10, choices=AskedQuestion.Kind.choices)
    session_hash = models.CharField(max_length=64)
    helpful = models.BooleanField()
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        db_table = "faq_answer_feedback"
        ordering = ["-created_at"]
        verbose_name = "answer feedback"
        verbose_name_plural = "answer feedback"
        constraints = [
            models.UniqueConstraint(
                fields=["answer_id", "session_hash"], name="faq_feedback_once_per_session"
            )
        ]

    def __str__(self):
        return f"{'helpful' if self.helpful else 'unhelpful'}: {self.answer_id}"


class GroupingLock(models.Model):
    """One row, locked (SELECT ... FOR UPDATE) while a question picks its group, so two
    workers grouping rewordings at once never open two groups for them."""

    name = models.CharField(max_length=20, unique=True)

    class Meta:
        db_table = "faq_grouping_lock"

    def __str__(self):
        return self.name
