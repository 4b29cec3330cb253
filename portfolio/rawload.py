"""What `manage.py loaddata` skips, filled in.

loaddata saves with raw=True: Django then neither applies auto_now/auto_now_add
nor runs a model's save(). The fixtures carry no timestamps (they would be stale
the day they are written), so a raw save of a row without them would violate
NOT NULL. This receiver stamps them, keeping the stored created_at when the row
is already there, so loading the fixtures again is a no-op for it.
"""

from django.db.models import DateField
from django.db.models.signals import pre_save
from django.utils import timezone


def _auto_date_fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, DateField) and (field.auto_now or field.auto_now_add)
    ]


def stamp_raw_timestamps(sender, instance, raw=False, **kwargs):
    if not raw:
        return
    missing = [f for f in _auto_date_fields(sender) if getattr(instance, f.attname) is None]
    if not missing:
        return
    stored = (
        sender._base_manager.filter(pk=instance.pk).values(*(f.attname for f in missing)).first()
        if instance.pk is not None
        else None
    ) or {}
    now = timezone.now()
    for field in missing:
        value = stored.get(field.attname) if field.auto_now_add else None
        if value is None:
            value = now if field.get_internal_type() == "DateTimeField" else now.date()
        setattr(instance, field.attname, value)


def connect():
    pre_save.connect(stamp_raw_timestamps, dispatch_uid="portfolio.rawload.timestamps")
