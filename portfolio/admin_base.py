"""Base classes for every admin page: Unfold's theme (all assets local), list
widgets for JSON list fields, and modeltranslation's tabs.

Any app's admin derives from these, so a new JSON list field on a model shows up
as a list of inputs with no per-field configuration."""

from django import forms
from django.contrib import admin
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from reversion_compare.admin import CompareVersionAdmin
from unfold.admin import ModelAdmin, StackedInline, TabularInline
from unfold.contrib.forms.widgets import ArrayWidget
from unfold.decorators import action as unfold_action

from portfolio.preview import preview_link_create
from portfolio.publishing import Status, kind_of

__all__ = [
    "BaseAdmin", "PreviewAdminMixin", "PublishingAdminMixin", "RevisionAdmin", "StackedInline",
    "TabularInline", "TranslatedAdmin",
]  # fmt: skip


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


class VisibilityFilter(admin.SimpleListFilter):
    """Draft, scheduled (published, time ahead), or live now (portfolio/publishing.py)."""

    title = _("visibility")
    parameter_name = "visibility"

    def lookups(self, request, model_admin):
        return [("live", _("Live")), ("scheduled", _("Scheduled")), ("draft", _("Draft"))]

    def queryset(self, request, queryset):
        status = queryset.model.publish_status_field
        if self.value() == "live":
            return queryset.published()
        if self.value() == "scheduled":
            return queryset.scheduled()
        if self.value() == "draft":
            return queryset.filter(**{status: Status.DRAFT})
        return queryset


class PublishingAdminMixin:
    """Shows each item's visibility in the list, with a filter for it. Put before the
    admin base class."""

    def get_list_display(self, request):
        return [*super().get_list_display(request), "visibility"]

    def get_list_filter(self, request):
        return [VisibilityFilter, *super().get_list_filter(request)]

    @admin.display(description=_("visibility"))
    def visibility(self, obj):
        if getattr(obj, obj.publish_status_field) == Status.DRAFT:
            return _("Draft")
        if obj.is_visible():
            return _("Live")
        when = date_format(localtime(obj.publish_at), "DATETIME_FORMAT")
        return _("Scheduled for %(when)s") % {"when": when}


class RevisionAdmin(CompareVersionAdmin):
    """django-reversion's history (who, when, comment) with django-reversion-compare's
    diff between any two revisions, and restore; the admin's saves are recorded."""


class PreviewAdminMixin:
    """A "Preview" button on the change form: a signed link (portfolio/preview.py) to
    the frontend's preview of this item, opened at once."""

    actions_detail = ["open_preview"]

    @unfold_action(description=_("Preview"), url_path="preview", permissions=["change"])
    def open_preview(self, request, object_id):
        item = self.get_object(request, object_id)
        if item is None:
            raise Http404
        kind = kind_of(type(item))
        link = preview_link_create(kind=kind, pk=item.pk, slug=getattr(item, "slug", ""))
        return redirect(link["url"])
