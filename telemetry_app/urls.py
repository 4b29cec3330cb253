# Mounted under /api/v1/ by portfolio/urls.py; the seed-002 path is in portfolio/compat_urls.py.
from django.urls import path

from telemetry_app.views import TelemetryApi

urlpatterns = [
    path("telemetry", TelemetryApi.as_view(), name="telemetry"),
]
