from django.apps import AppConfig
from django.db.models.signals import pre_save


class BlogAppConfig(AppConfig):
    name = "blog_app"
    verbose_name = "Blog"

    def ready(self):
        from blog_app.models import BlogPost
        from blog_app.selectors import CACHE_NAMESPACE
        from portfolio.publishing import publishable_register

        publishable_register(BlogPost, kind="posts", namespace=CACHE_NAMESPACE)
        pre_save.connect(BlogPost.render_on_raw_load, sender=BlogPost, dispatch_uid="blog.raw_html")
