from django.apps import AppConfig


class ChatAppConfig(AppConfig):
    name = "chat_app"
    verbose_name = "AI assistant"

    def ready(self):
        from chat_app.selectors import chat_answer_get, chat_content_answer
        from portfolio import engines

        # cv_app answers from the content before any CV, and faq_app takes feedback on
        # the assistant's answers; neither may import chat_app (portfolio/engines.py).
        engines.engines_provide(content_answer=chat_content_answer)
        engines.answer_lookup_register(chat_answer_get)
