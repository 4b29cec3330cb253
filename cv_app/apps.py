from django.apps import AppConfig


class CvAppConfig(AppConfig):
    name = "cv_app"
    verbose_name = "Chat with my CV"
