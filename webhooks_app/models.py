"""Rebuild webhooks: the URLs the owner registered, and the outbox of calls to them.

A Delivery is one call's worth of content events for one hook. While it is
`collecting`, later events of the same kind join it (one call per burst of edits);
at `next_attempt_at` a sender claims it (`sending`), and it ends `sent`, back to
`pending` for a retry, or `failed` when its attempts run out.
"""

import secrets
import uuid

from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    PUBLISHED = "published", _("published")
    UNPUBLISHED = "unpublished", _("unpublished")
    CHANGED = "changed", _("changed")


def all_events() -> list[str]:
    return list(Event.values)


def new_secret() -> str:
    return secrets.token_hex(32)


class Webhook(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Only http(s): a file:// or gopher:// URL must never be fetched by the server.
    url = models.URLField(max_length=500, validators=[URLValidator(schemes=["http", "https"])])
    secret = models.CharField(
        max_length=200, blank=True, help_text=_("Signs every call; left blank, one is generated.")
    )
    events = models.JSONField(default=all_events)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "webhooks"
        ordering = ["created_at"]
        verbose_name = _("webhook")

    def __str__(self):
        return self.url

    def save(self, *args, **kwargs):
        if not self.secret:
            self.secret = new_secret()
        super().save(*args, **kwargs)


class Delivery(models.Model):
    class Status(models.TextChoices):
        COLLECTING = "collecting", _("collecting")
        PENDING = "pending", _("pending")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    # The payload's `id`: the same on every attempt, so a receiver can drop repeats.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=20, choices=Event.choices)
    items = models.JSONField(default=list)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.COLLECTING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.TextField(blank=True)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "webhook_deliveries"
        ordering = ["-created_at"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            # One open batch per hook and event: two processes recording an edit at
            # once cannot both start one.
            models.UniqueConstraint(
                fields=["webhook", "event"],
                condition=Q(status="collecting"),
                name="webhook_one_collecting_batch",
            )
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due_idx"),
            models.Index(fields=["webhook", "-created_at"], name="webhook_delivery_list_idx"),
        ]

    def __str__(self):
        return f"{self.event} to {self.webhook_id} ({self.status})"
