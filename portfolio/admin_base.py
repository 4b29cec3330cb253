"""Base classes for every admin page: Unfold's theme (all assets local), list
widgets for JSON list fields, and modeltranslation's tabs.

Any app's admin derives from these, so a new JSON list field on a model shows up
as a list of inputs with no per-field configuration."""

from django import forms
from django.db import models
from django.utils.text import capfirst
from modeltranslation.admin import TabbedTranslationAdmin
from unfold.admin import ModelAdmin, StackedInline, TabularInline
from unfold.contrib.forms.widgets import ArrayWidget

__all__ = ["BaseAdmin", "StackedInline", "TabularInline", "TranslatedAdmin"]


class StringListField(forms.Field):
    """A JSON list of strings, edited one item per input; blanks are dropped."""

    widget = ArrayWidget

    def to_python(self, value):
        if value in (None, ""):
            return []
        if isinstance(value, str):
            value = [value]
        return [str(item).strip() for item in value if str(item).strip()]

    def prepare_value(self, value):
        return value if isinstance(value, list) else self.to_python(value)

    def has_changed(self, initial, data):
        return self.to_python(initial) != self.to_python(data)


def is_string_list(db_field) -> bool:
    return isinstance(db_field, models.JSONField) and db_field.default is list


class BaseAdmin(ModelAdmin):
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if is_string_list(db_field):
            return StringListField(
                required=not db_field.blank,
                label=capfirst(db_field.verbose_name),
                help_text=db_field.help_text or "One item per box; empty boxes are dropped.",
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class TranslatedAdmin(BaseAdmin, TabbedTranslationAdmin):
    """English and Spanish fields as tabs (jQuery UI from xstatic-jquery-ui, local)."""
