"""URL map: the canonical API under /api/v1/, the source documents' compatibility
mounts, docs, feed and admin."""

from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.permissions import AllowAny

from blog_app.feeds import LatestPostsFeed
from portfolio.home import home_view
from portfolio.seo import SITEMAPS, robots_txt
from portfolio.views import HealthApi, RedocView, metrics_view

api_v1 = [
    path("health", HealthApi.as_view(), name="health"),
    path("auth/", include("portfolio.accounts.urls")),
    path("", include("tools_app.urls")),
    path("", include("blog_app.urls")),
    path("", include("content_app.urls")),
    path("", include("chat_app.urls")),
    path("", include("cv_app.urls")),
    path("", include("contact_app.urls")),
    path("", include("telemetry_app.urls")),
    path("", include("webhooks_app.urls")),
    path("", include("faq_app.urls")),
]

urlpatterns = [
    path("api/v1/", include(api_v1)),
    # Public like the docs: a stale token in the browser must not hide the schema.
    path(
        "api/schema/",
        SpectacularAPIView.as_view(authentication_classes=[], permission_classes=[AllowAny]),
        name="schema",
    ),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/redoc/", RedocView.as_view(url_name="schema"), name="redoc"),
    path("feed/news.xml", LatestPostsFeed(), name="news-feed"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("admin/", admin.site.urls),
    # Prometheus: django-prometheus's request metrics plus portfolio/metrics.py.
    path("metrics", metrics_view, name="metrics"),
    path("", include("portfolio.compat_urls")),
    # A page a person can look at: the profile, the assistant, the CV chat (portfolio/home.py).
    path("", home_view, name="home"),
]
