from django.apps import AppConfig


class ToolsAppConfig(AppConfig):
    name = "tools_app"
    verbose_name = "AI tools directory"

    def ready(self):
        from portfolio import publishing, revisions
        from portfolio.api.caching import invalidate_on_change
        from tools_app.models import AITool
        from tools_app.selectors import CACHE_NAMESPACE

        invalidate_on_change(CACHE_NAMESPACE, AITool)
        revisions.track(AITool)
        publishing.track(AITool, "tools")
