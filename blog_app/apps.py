from django.apps import AppConfig
from django.db.models.signals import pre_save


class BlogAppConfig(AppConfig):
    name = "blog_app"
    verbose_name = "Blog"

    def ready(self):
        from blog_app.models import BlogPost
        from blog_app.selectors import CACHE_NAMESPACE
        from portfolio import publishing, revisions
        from portfolio.api.caching import invalidate_on_change

        invalidate_on_change(CACHE_NAMESPACE, BlogPost)
        revisions.track(BlogPost)
        publishing.track(BlogPost, "posts")
        pre_save.connect(BlogPost.render_on_raw_load, sender=BlogPost, dispatch_uid="blog.raw_html")
