import uuid

from django.db import models


class ChatHistory(models.Model):
    """One exchange: the visitor's message and the assistant's answer (seed 000 section 3 B)."""

    class Mode(models.TextChoices):
        HOME = "home"
        CV = "cv"

    class Responder(models.TextChoices):
        MODEL = "model"
        OFFLINE = "offline"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session_id = models.CharField(max_length=128, db_index=True)
    message = models.TextField()
    response = models.TextField()
    timestamp = models.DateTimeField(auto_now_add=True, db_index=True)
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.HOME)
    responder = models.CharField(max_length=10, choices=Responder.choices)
    language = models.CharField(max_length=8, default="en")
    sources = models.JSONField(default=list, blank=True)
    # False when the assistant said it did not know, or only guessed from shared words
    # (the admin dashboard's weekly share of questions answered).
    answered = models.BooleanField(default=True)
    latency_ms = models.PositiveIntegerField(default=0)
    user_agent = models.CharField(max_length=512, blank=True)
    # Salted hash only: the visitor's address itself is never stored.
    ip_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        db_table = "chat_history"
        ordering = ["timestamp"]
        verbose_name_plural = "chat history"
        indexes = [models.Index(fields=["session_id", "timestamp"], name="chat_session_time_idx")]

    def __str__(self):
        return f"{self.session_id}: {self.message[:60]}"


class LLMUsage(models.Model):
    """Every call to a chat model, successful or not: what it cost and how long it took."""

    model = models.CharField(max_length=128)
    provider = models.CharField(max_length=32)
    purpose = models.CharField(max_length=32)
    tokens_in = models.PositiveIntegerField(default=0)
    tokens_out = models.PositiveIntegerField(default=0)
    cost_usd = models.DecimalField(max_digits=12, decimal_places=6, default=0)
    latency_ms = models.PositiveIntegerField(default=0)
    streamed = models.BooleanField(default=False)
    succeeded = models.BooleanField(default=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        db_table = "llm_usage"
        ordering = ["-created_at"]
        verbose_name = "LLM call"

    def __str__(self):
        return f"{self.model} {self.created_at:%Y-%m-%d %H:%M} ${self.cost_usd}"
