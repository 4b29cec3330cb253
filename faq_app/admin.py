"""The owner's side of the questions loop: the inbox of grouped questions (answer a
group once from its page), the FAQ entries it becomes, and visitors' verdicts."""

from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from faq_app.models import AnswerFeedback, AskedQuestion, FAQEntry, QuestionGroup
from faq_app.selectors import inbox_group_answers, inbox_groups
from faq_app.serializers import MAX_ANSWER_CHARS
from faq_app.services import question_group_answer
from portfolio.admin_base import (
    BaseAdmin,
    PublishingAdminMixin,
    ReadOnlyInline,
    TranslatedAdmin,
)


@admin.register(FAQEntry)
class FAQEntryAdmin(PublishingAdminMixin, TranslatedAdmin):
    list_display = ["question", "status", "publish_at", "updated_at"]
    search_fields = ["question", "answer"]
    fields = ["question", "answer", "status", "publish_at"]


class AskedQuestionInline(ReadOnlyInline):
    model = AskedQuestion
    fields = ["text", "language", "kind", "reason", "asked_at"]
    ordering = ["-asked_at"]


class GroupAnswerForm(forms.ModelForm):
    """The group's page asks for the owner's answer: saved, it becomes an FAQ entry."""

    answer_en = forms.CharField(
        label=_("Your answer (English)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_ANSWER_CHARS,
        required=False,
        help_text=_("Published at once as an FAQ entry; the assistant quotes it word for word."),
    )
    answer_es = forms.CharField(
        label=_("Your answer (Spanish)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_ANSWER_CHARS,
        required=False,
        help_text=_("Optional: Spanish visitors get the English answer without it."),
    )

    class Meta:
        model = QuestionGroup
        fields = []


@admin.register(QuestionGroup)
class QuestionGroupAdmin(BaseAdmin):
    form = GroupAnswerForm
    list_display = ["latest_question", "count", "language", "kind", "last_asked", "status"]
    list_filter = ["status"]
    readonly_fields = ["status", "faq", "answers_given"]
    inlines = [AskedQuestionInline]

    def get_queryset(self, request):
        return inbox_groups()

    def get_fields(self, request, obj=None):
        if obj is not None and obj.status == QuestionGroup.Status.OPEN:
            return ["status", "answers_given", "answer_en", "answer_es"]
        return ["status", "faq", "answers_given"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("latest wording"), ordering="question")
    def latest_question(self, group):
        return group.question

    @admin.display(description=_("times asked"), ordering="count")
    def count(self, group):
        return group.count

    @admin.display(description=_("language"))
    def language(self, group):
        return group.language

    @admin.display(description=_("from"))
    def kind(self, group):
        return group.kind

    @admin.display(description=_("last asked"), ordering="last_asked")
    def last_asked(self, group):
        return group.last_asked

    @admin.display(description=_("answers given"))
    def answers_given(self, group):
        answers = inbox_group_answers(group_id=group.pk)
        return format_html_join("", "<p class='mb-2'>{}</p>", ((a,) for a in answers)) or "-"

    def save_model(self, request, obj, form, change):
        answer_en = form.cleaned_data.get("answer_en", "").strip()
        if not answer_en:
            return
        entry = question_group_answer(
            group_id=obj.pk, answer_en=answer_en, answer_es=form.cleaned_data.get("answer_es", "")
        )
        messages.success(request, _("Published as FAQ entry “%s”.") % entry.question)


@admin.register(AnswerFeedback)
class AnswerFeedbackAdmin(BaseAdmin):
    list_display = ["created_at", "kind", "helpful", "comment"]
    list_filter = ["helpful", "kind"]
    readonly_fields = [f.name for f in AnswerFeedback._meta.fields if f.name != "session_hash"]
    exclude = ["session_hash"]

    def has_add_permission(self, request):
        return False
