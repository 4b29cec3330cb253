from django.apps import AppConfig


class ToolsAppConfig(AppConfig):
    name = "tools_app"
    verbose_name = "AI tools directory"

    def ready(self):
        from portfolio.publishing import publishable_register
        from tools_app.models import AITool
        from tools_app.selectors import CACHE_NAMESPACE

        publishable_register(AITool, kind="tools", namespace=CACHE_NAMESPACE)
