from django.db import models


class SeedRecord(models.Model):
    """One row per fixture object ever seeded, so seeding is idempotent: an object
    the owner edited is not overwritten, one the owner deleted does not come back."""

    model = models.CharField(max_length=100)
    object_pk = models.CharField(max_length=64)
    seeded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model", "object_pk"], name="seed_record_unique")
        ]

    def __str__(self):
        return f"{self.model} {self.object_pk}"
