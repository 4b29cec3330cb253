"""django-modeltranslation: the FAQ's question and answer exist in English and Spanish;
English is required, a missing Spanish value reads as the English one."""

from modeltranslation.translator import TranslationOptions, register

from faq_app.models import FAQEntry


@register(FAQEntry)
class FAQEntryTranslationOptions(TranslationOptions):
    fields = ("question", "answer")
    required_languages = {"en": ("question", "answer")}
