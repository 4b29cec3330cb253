from datetime import UTC, datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed

from blog_app.models import BlogPost
from content_app.selectors import profile_get


class LatestPostsFeed(Feed):
    description = "Articles on applied AI, software engineering and the products built with them."
    limit = 50

    def title(self):
        # Named after the site's owner, whoever that is; before a profile exists, just "Blog".
        profile = profile_get(language=settings.LANGUAGE_CODE)
        return f"{profile['name']}'s blog" if profile else "Blog"

    def link(self):
        return f"{settings.FRONTEND_URL}/blog"

    def items(self):
        return BlogPost.objects.published().order_by("-published", "-created_at")[: self.limit]

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.excerpt

    def item_link(self, post):
        return f"{settings.FRONTEND_URL}/blog/{post.slug}"

    def item_guid(self, post):
        return str(post.id)

    item_guid_is_permalink = False

    def item_pubdate(self, post):
        return datetime.combine(post.published, time(), tzinfo=UTC)

    def item_categories(self, post):
        return [post.category]
