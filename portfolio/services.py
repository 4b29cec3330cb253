from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.db import transaction

from portfolio.models import SeedRecord

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


def seed_load(*, paths=None) -> dict:
    """Insert each fixture object that was never seeded before; returns counts per model.

    Objects are saved through the model's own save(), so derived fields (rendered
    Markdown, slugs) are filled as for any other write.
    """
    paths = sorted(paths or FIXTURES_DIR.glob("*.json"))
    created: dict[str, int] = {}
    with transaction.atomic():
        for path in paths:
            with open(path, encoding="utf-8") as handle:
                for deserialized in serializers.deserialize("json", handle):
                    obj = deserialized.object
                    label = obj._meta.label_lower
                    _, is_new = SeedRecord.objects.get_or_create(model=label, object_pk=str(obj.pk))
                    if not is_new or type(obj).objects.filter(pk=obj.pk).exists():
                        continue
                    obj.save(force_insert=True)
                    for field_name, values in deserialized.m2m_data.items():
                        getattr(obj, field_name).set(values)
                    created[label] = created.get(label, 0) + 1
    return created
