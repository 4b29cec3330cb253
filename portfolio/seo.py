"""`/sitemap.xml` and `/robots.txt`: what search engines read to find the site's pages.

The pages are the frontend's (`FRONTEND_URL`, see portfolio/structured_data.py), each
listed once per language with `hreflang` alternates (Django's sitemaps framework,
`i18n`). Items come from the same selectors as the public lists, so whatever those
leave out (a draft, an item not yet due) is not listed either.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from blog_app.selectors import post_list
from content_app.selectors import project_list
from portfolio.structured_data import frontend_path, post_path, project_path


class FrontendSitemap(Sitemap):
    """Pages of the frontend, in every language, each naming the others."""

    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None):
        return urlsplit(settings.FRONTEND_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.FRONTEND_URL).netloc

    def location(self, item):
        # The sitemaps framework activates each language in turn around this call.
        return frontend_path(self.page_path(item), language=translation.get_language())

    def page_path(self, item) -> str:
        raise NotImplementedError


class PagesSitemap(FrontendSitemap):
    changefreq = "weekly"

    def items(self):
        return ["", "/blog", "/projects"]

    def page_path(self, item):
        return item


class PostSitemap(FrontendSitemap):
    changefreq = "monthly"

    def items(self):
        return post_list()[0]

    def page_path(self, post):
        return post_path(post.slug)

    def lastmod(self, post):
        return post.updated_at


class ProjectSitemap(FrontendSitemap):
    changefreq = "monthly"

    def items(self):
        return project_list(language=settings.LANGUAGE_CODE)

    def page_path(self, project):
        return project_path(project["slug"])


SITEMAPS = {"pages": PagesSitemap, "posts": PostSitemap, "projects": ProjectSitemap}


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        # The API and the admin are not pages; the sitemap lists the ones that are.
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /metrics",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
