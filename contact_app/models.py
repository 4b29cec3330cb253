import uuid

from django.db import models
from django.utils import timezone


class ContactSubmission(models.Model):
    """A message from the contact form (seed 000 §3 G), kept whether or not it is emailed."""

    class Status(models.TextChoices):
        PENDING = "pending"
        PROCESSED = "processed"
        ARCHIVED = "archived"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=100)
    email = models.EmailField(max_length=254)
    message = models.TextField()
    submitted_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    is_spam = models.BooleanField(default=False)
    spam_reason = models.CharField(max_length=200, blank=True)
    # HMAC of the client IP with IP_HASH_SALT: lets the owner see repeat senders
    # without ever storing the address itself.
    ip_hash = models.CharField(max_length=64, blank=True)
    user_agent = models.CharField(max_length=512, blank=True)
    # The language the visitor wrote from (the request's, settings.LANGUAGES): the
    # auto-reply, sent later by a worker outside the request, is written in it.
    language = models.CharField(max_length=8, default="en")
    # Hash of (email, normalised message): finds repeats of the same message.
    fingerprint = models.CharField(max_length=64, editable=False)
    # Fingerprint plus a 10-minute time bucket. The unique index is what stops two
    # simultaneous identical submissions (a double click) from both being stored;
    # the look-back query in the service catches repeats that cross a bucket edge.
    dedupe_key = models.CharField(max_length=80, unique=True, null=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "contact_submissions"
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(fields=["fingerprint", "submitted_at"], name="contact_fingerprint_idx"),
            models.Index(fields=["status", "is_spam"], name="contact_status_spam_idx"),
        ]

    def __str__(self):
        return f"{self.name} <{self.email}> at {self.submitted_at:%Y-%m-%d %H:%M}"


class Notification(models.Model):
    """The outbox: one email to send about a submission.

    Written in the same transaction as the submission, so a message stored is a
    message that will be emailed, whatever happens to the broker or SMTP server
    afterwards. One row per (submission, kind) keeps it to one email each.
    """

    class Kind(models.TextChoices):
        OWNER = "owner", "Owner notification"
        AUTO_REPLY = "auto_reply", "Auto-reply to the visitor"

    class Status(models.TextChoices):
        PENDING = "pending"
        # Claimed by a worker that is talking to the SMTP server right now.
        SENDING = "sending"
        SENT = "sent"
        # The server refused the recipient for good; only a person can decide to retry.
        FAILED = "failed"

    submission = models.ForeignKey(
        ContactSubmission, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # Filled when sent for owner notifications: the owner's address is resolved at
    # send time, so fixing CONTACT_NOTIFY_EMAIL fixes the notifications already waiting.
    recipient = models.EmailField(max_length=254, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "contact_notifications"
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "kind"], name="contact_one_notification_per_kind"
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="contact_notify_status_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.submission_id} ({self.status})"
