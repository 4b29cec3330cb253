from django.db import models
from django.utils import timezone


class TelemetryEvent(models.Model):
    """One thing a visitor's browser reported: an event from /api/v1/telemetry, or a
    seed-002 client snapshot (browser, connection, device, features) from /api/telemetry."""

    class Source(models.TextChoices):
        API = "api", "/api/v1/telemetry"
        RESUME_SITE = "seed002", "/api/telemetry (resume site)"

    source = models.CharField(max_length=16, choices=Source.choices, default=Source.API)
    session_id = models.CharField(max_length=128)
    type = models.CharField(max_length=64)
    name = models.CharField(max_length=200)
    # The path the event happened on, without query string (it may hold personal data).
    page = models.CharField(max_length=500, blank=True)
    # The browser's clock: kept as sent, but the statistics count by received_at.
    occurred_at = models.DateTimeField()
    received_at = models.DateTimeField(default=timezone.now)
    properties = models.JSONField(default=dict, blank=True)

    class Meta:
        db_table = "telemetry_events"
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["received_at"], name="telemetry_received_idx"),
            models.Index(fields=["page", "received_at"], name="telemetry_page_idx"),
            models.Index(fields=["name", "received_at"], name="telemetry_name_idx"),
            models.Index(fields=["session_id"], name="telemetry_session_idx"),
        ]

    def __str__(self):
        return f"{self.type}: {self.name}"
