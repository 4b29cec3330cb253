"""The CV the site answers from: uploaded documents, their chunks and vectors, and
the questions visitors asked.

The database is the source of truth for chunks and vectors; each web process
builds its in-memory search index from these rows (cv_app/index.py). Seed 000's
`embeddings_path` column has no counterpart for that reason, and its `processed`
flag is `status == "ready"`.
"""

import uuid

import numpy as np
from django.conf import settings
from django.db import models


class CVDocument(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending"
        PROCESSING = "processing"
        READY = "ready"
        FAILED = "failed"

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The name the owner uploaded, for display and citations; the stored file has a random name.
    filename = models.CharField(max_length=255)
    file = models.FileField(upload_to="cv/", max_length=500)
    file_size = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    content_hash = models.CharField(max_length=64, help_text="SHA-256 of the uploaded bytes.")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    failure_reason = models.TextField(blank=True)
    pages = models.PositiveIntegerField(default=0)
    chunk_count = models.PositiveIntegerField(default=0)
    # The model that made the vectors of this document's chunks (each chunk names it too).
    embedding_model = models.CharField(max_length=200, blank=True)
    # Set when the configured model changed: the queued job re-embeds the stored chunks
    # with it instead of parsing the file, and the old vectors answer until it is done.
    reembed_to = models.CharField(max_length=200, blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    # What was understood of the CV: its sections and entries (cv_app/structure.py).
    structure = models.JSONField(default=dict, blank=True)
    # What its reader could not see, dropped before indexing, and visible lines that
    # read like instructions to a model (cv_app/visibility.py).
    hidden_chars = models.PositiveIntegerField(
        default=0, help_text="Characters dropped as invisible to a reader (not indexed)."
    )
    hidden_reasons = models.JSONField(default=dict, blank=True)
    instruction_flags = models.JSONField(default=list, blank=True)
    # The language the CV is written in ("en", "es"), detected when it is processed:
    # a Spanish CV's words are matched to questions through their English glosses.
    language = models.CharField(max_length=8, blank=True)
    # The processing job (cv_app/jobs.py): queued while next_attempt_at is set; a
    # worker claims it (claimed_by, heartbeat_at) and the sweeper frees claims whose
    # heartbeat stopped, so a killed worker leaves nothing stuck.
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=255, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    processed_pages = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "cv_documents"
        ordering = ["-uploaded_at"]
        verbose_name = "CV document"
        indexes = [
            models.Index(fields=["status", "-uploaded_at"], name="cv_doc_status_uploaded_idx"),
        ]

    def __str__(self):
        return f"{self.filename} ({self.status})"


class CVChunk(models.Model):
    document = models.ForeignKey(CVDocument, related_name="chunks", on_delete=models.CASCADE)
    ordinal = models.PositiveIntegerField()
    page = models.PositiveIntegerField(help_text="Counted from 1.")
    text = models.TextField()
    # The section kind ("experience", "skills", ...), its position in the document's
    # structure and the entry inside it, when the chunk is one.
    section = models.CharField(max_length=40, blank=True)
    section_index = models.PositiveIntegerField(null=True, blank=True)
    entry = models.PositiveIntegerField(null=True, blank=True)
    # float32 bytes, L2-normalised; `dim` and `model_name` say how to read them.
    vector = models.BinaryField()
    dim = models.PositiveIntegerField()
    model_name = models.CharField(max_length=200)

    class Meta:
        db_table = "cv_chunks"
        ordering = ["document", "ordinal"]
        verbose_name = "CV chunk"
        constraints = [
            models.UniqueConstraint(fields=["document", "ordinal"], name="cv_chunk_unique_ordinal")
        ]

    def __str__(self):
        return f"chunk {self.ordinal} (page {self.page})"

    def as_array(self) -> np.ndarray:
        return np.frombuffer(bytes(self.vector), dtype=np.float32)


class CVQuery(models.Model):
    class Mode(models.TextChoices):
        OFFLINE = "offline"
        LLM = "llm"
        # Asked before any CV was uploaded: the site's content answered instead.
        CONTENT = "content", "from the content (no CV yet)"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    question = models.TextField()
    answer = models.TextField()
    confidence = models.FloatField()
    session_id = models.CharField(max_length=128, blank=True)
    # [{filename, page, content, score}] as answered, so the owner sees what was cited.
    sources = models.JSONField(default=list, blank=True)
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.OFFLINE)
    # False when the confidence was below the threshold and the answer said so.
    answered = models.BooleanField(default=True)
    document = models.ForeignKey(
        CVDocument, null=True, blank=True, related_name="queries", on_delete=models.SET_NULL
    )
    latency_ms = models.FloatField(default=0)
    timestamp = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "cv_queries"
        ordering = ["-timestamp"]
        verbose_name = "CV question"
        indexes = [
            models.Index(fields=["-timestamp"], name="cv_query_timestamp_idx"),
            models.Index(fields=["session_id"], name="cv_query_session_idx"),
        ]

    def __str__(self):
        return self.question[:80]
