from django.apps import AppConfig


class CvAppConfig(AppConfig):
    name = "cv_app"
    verbose_name = "Chat with my CV"

    def ready(self):
        from cv_app.selectors import cv_answer_get
        from portfolio import engines

        # Visitors' feedback on CV answers (faq_app) finds them here.
        engines.answer_lookup_register(cv_answer_get)
