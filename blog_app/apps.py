from django.apps import AppConfig


class BlogAppConfig(AppConfig):
    name = "blog_app"
    verbose_name = "Blog"

    def ready(self):
        from blog_app.models import BlogPost
        from blog_app.selectors import CACHE_NAMESPACE
        from portfolio.api.caching import invalidate_on_change

        invalidate_on_change(CACHE_NAMESPACE, BlogPost)
