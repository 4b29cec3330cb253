from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ChatAppConfig(AppConfig):
    name = "chat_app"
    verbose_name = "AI assistant"

    def ready(self):
        from chat_app.models import LLMUsage

        post_save.connect(_drop_cached_spend, sender=LLMUsage, dispatch_uid="llm-spend-save")
        post_delete.connect(_drop_cached_spend, sender=LLMUsage, dispatch_uid="llm-spend-delete")


def _drop_cached_spend(**kwargs):
    from django.core.cache import cache

    from chat_app.llm import spend_cache_key

    cache.delete(spend_cache_key())
