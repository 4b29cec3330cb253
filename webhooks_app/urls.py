# Mounted under /api/v1/ by portfolio/urls.py.
from portfolio.api.crud import admin_urls
from webhooks_app.admin_api import WebhookAdminViewSet

urlpatterns = admin_urls(webhooks=WebhookAdminViewSet)
