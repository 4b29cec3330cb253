"""The base of every input serializer for a write (and `page_serializer`, a page's shape).

DRF drops unknown keys silently, so `{"image_url": ...}` sent where the writable field is
`image` answered "updated" and changed nothing. Here each unknown key is a 400 naming it, and
so is one naming a field that cannot be written (read-only, or a model's `id`, `created_at`)."""

import re
from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.fields import empty


class StrictFieldsMixin:
    """Mix in before Serializer/ModelSerializer. Nested strict serializers name
    their own fields (`events[0].colour`)."""

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            writable = {name for name, field in self.fields.items() if not field.read_only}
            read_only = self.fields.keys() - writable
            model = getattr(getattr(self, "Meta", None), "model", None)
            if model is not None:
                read_only |= {f.name for f in model._meta.concrete_fields if not f.editable}
            errors = {
                str(key): [_field_refused(key, read_only=str(key) in read_only)]
                for key in data
                if key not in writable
            }
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


def _field_refused(key, *, read_only) -> str:
    # Each message ends ": <field>.", so the envelope's sentence names it once.
    if read_only:
        return str(_("Read-only field: %(name)s.")) % {"name": key}
    return str(_("Unknown field: %(name)s.")) % {"name": key}


class StrictSerializer(StrictFieldsMixin, serializers.Serializer):
    pass


class StrictModelSerializer(StrictFieldsMixin, serializers.ModelSerializer):
    pass


TOTAL_HELP = "Every match, not only this page."


def page_serializer(item_serializer, *, name=None):
    """Documents a page of `item_serializer` rows: `{items, total, limit, offset}`.
    `ToolOutputSerializer` -> `ToolListOutputSerializer` (schema: `ToolListOutput`),
    unless `name` says otherwise."""
    fields = {
        "items": item_serializer(many=True),
        "total": serializers.IntegerField(help_text=TOTAL_HELP),
        "limit": serializers.IntegerField(),
        "offset": serializers.IntegerField(),
    }
    name = name or item_serializer.__name__.replace("Output", "ListOutput")
    return type(name, (serializers.Serializer,), fields)


class DigitsIntegerField(serializers.IntegerField):
    """An integer written in ASCII digits only, for query strings.

    Python's int() also takes "\\uff15" (a fullwidth digit), " 5", "+5" and "5_0", and DRF
    turns an empty `?limit=` into the default: each is a 400 here, as documented."""

    default_error_messages = {"digits": _("Use ASCII digits only (0-9).")}
    digits = re.compile(r"[0-9]{1,18}")

    def get_value(self, dictionary):
        value = super().get_value(dictionary)
        if value is empty and dictionary.get(self.field_name) == "":
            return ""  # present but empty: refused below, not replaced by the default
        return value

    def to_internal_value(self, data):
        if isinstance(data, str) and not self.digits.fullmatch(data):
            self.fail("digits")
        return super().to_internal_value(data)


class ReservedSlugMixin:
    # For an input serializer with a `slug`: "list" would take the path of the list.
    # (A comment, not a docstring: the schema would show it as the component's description.)

    def validate_slug(self, value):
        if value == "list":
            raise serializers.ValidationError(_('"list" is reserved for the list endpoint.'))
        return value
