"""Base classes for every admin page: Unfold's theme (all assets local), list
widgets for JSON list fields, and modeltranslation's tabs.

Any app's admin derives from these, so a new JSON list field on a model shows up
as a list of inputs with no per-field configuration."""

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.settings import AVAILABLE_LANGUAGES as LANGUAGES
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from reversion_compare.admin import CompareVersionAdmin
from unfold.admin import ModelAdmin, StackedInline, TabularInline
from unfold.contrib.forms.widgets import ArrayWidget
from unfold.decorators import action as unfold_action

from portfolio.preview import preview_link_create
from portfolio.publishing import Status, kind_of

__all__ = [
    "BaseAdmin", "PreviewAdminMixin", "PublishingAdminMixin", "ReadOnlyInline", "RevisionAdmin",
    "StackedInline", "TabularInline", "TranslatedAdmin",
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


class ReadOnlyInline(TabularInline):
    """Rows shown on their parent's page as they are: its `fields` read-only, none
    added or deleted there."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False


def missing_translations(obj) -> list[str]:
    """`field (language)` for each translated field filled in one language and blank in
    another (blank in all of them is not missing: the field is optional)."""
    missing = []
    for name in translator.get_options_for_model(type(obj)).fields:
        values = {code: getattr(obj, build_localized_fieldname(name, code)) for code in LANGUAGES}
        if any(values.values()):
            missing += [f"{name} ({code})" for code, value in values.items() if not value]
    return missing


def _missing_translation_q(model) -> Q:
    """Rows with some translated field filled in one language and blank in another."""
    q = Q(pk__in=[])
    for name in translator.get_options_for_model(model).fields:
        for code in LANGUAGES:
            blank = _blank(build_localized_fieldname(name, code))
            for other in LANGUAGES:
                if other != code:
                    q |= blank & ~_blank(build_localized_fieldname(name, other))
    return q


def _blank(column) -> Q:
    return Q(**{f"{column}__isnull": True}) | Q(**{column: ""})


class MissingTranslationFilter(admin.SimpleListFilter):
    title = _("translations")
    parameter_name = "translations"

    def lookups(self, request, model_admin):
        return [("missing", _("Missing a language")), ("complete", _("Complete"))]

    def queryset(self, request, queryset):
        missing = _missing_translation_q(queryset.model)
        if self.value() == "missing":
            return queryset.filter(missing)
        if self.value() == "complete":
            return queryset.exclude(missing)
        return queryset


STATUS_FIELD = "translation_status"


class TranslatedAdmin(BaseAdmin, TabbedTranslationAdmin):
    """English and Spanish fields as tabs (jQuery UI from xstatic-jquery-ui, local), and
    which translations are missing: a list column, a filter, a line on the form."""

    def get_list_display(self, request):
        return [*super().get_list_display(request), STATUS_FIELD]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), MissingTranslationFilter]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), STATUS_FIELD]

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (
                name,
                {**options, "fields": [f for f in options["fields"] if f != "translation_status"]},
            )
            for name, options in super().get_fieldsets(request, obj)
        ]
        return [*fieldsets, (_("Translations"), {"fields": ["translation_status"]})]

    @admin.display(description=_("missing translations"))
    def translation_status(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        return ", ".join(missing_translations(obj)) or _("None")


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
