from django.apps import AppConfig


class ContactAppConfig(AppConfig):
    name = "contact_app"
    verbose_name = "Contact form"
