from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksAppConfig(AppConfig):
    name = "webhooks_app"
    verbose_name = _("Rebuild webhooks")

    def ready(self):
        from cv_app import runner
        from webhooks_app import receivers
        from webhooks_app.services import webhook_deliveries_send_due

        receivers.connect()
        # With no broker, the embedded runner thread sends what falls due.
        runner.register(webhook_deliveries_send_due)
