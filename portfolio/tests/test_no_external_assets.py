"""Nothing a page loads comes from another host: every admin page of every
registered model, the admin login and index, and the API docs. The HTML's
src/href and the CSS and scripts they load from our static files are scanned."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from portfolio.tests.assets import external_assets

pytestmark = pytest.mark.django_db


def _admin_pages(user):
    """Every changelist, add page (where adding is allowed) and change page."""
    request = RequestFactory().get("/admin/")
    request.user = user
    pages = []
    for model in apps.get_models():
        if not admin.site.is_registered(model):
            continue
        model_admin = admin.site.get_model_admin(model)
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        pages.append(reverse(f"{info}_changelist"))
        if model_admin.has_add_permission(request):
            pages.append(reverse(f"{info}_add"))
        if (first := model._default_manager.first()) is not None:
            pages.append(reverse(f"{info}_change", args=[first.pk]))
    return pages


@pytest.fixture
def everything(seeded, admin_user):
    """One row in every table the admin shows, so each change page renders."""
    from chat_app.models import ChatHistory, LLMUsage
    from contact_app.models import ContactSubmission, Notification
    from cv_app.models import CVDocument, CVQuery
    from telemetry_app.models import TelemetryEvent

    ChatHistory.objects.create(
        session_id="s" * 32, message="hi", response="hello", responder="offline"
    )
    LLMUsage.objects.create(model="m", provider="openai", purpose="chat")
    submission = ContactSubmission.objects.create(name="Ana", email="ana@example.com", message="Hi")
    Notification.objects.create(submission=submission, kind="owner", recipient="o@example.com")
    document = CVDocument.objects.create(
        filename="cv.pdf", kind="pdf", file_size=1, content_hash="0"
    )
    CVQuery.objects.create(question="Has he used Go?", answer="", confidence=0.1, document=document)
    TelemetryEvent.objects.create(
        session_id="s" * 32, type="page_view", name="home", occurred_at=timezone.now()
    )


def test_no_admin_or_docs_page_loads_anything_from_another_host(client, everything, admin_user):
    assert client.get("/admin/login/").status_code == 200
    problems = {"/admin/login/": external_assets(client.get("/admin/login/").content.decode())}
    client.force_login(admin_user)
    for url in ["/admin/", *_admin_pages(admin_user), "/api/docs/", "/api/redoc/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        problems[url] = external_assets(response.content.decode())
    assert {url: found for url, found in problems.items() if found} == {}


def test_the_scan_would_see_a_cdn(tmp_path):
    html = (
        '<script src="https://cdn.example.com/x.js"></script>'
        '<link rel="stylesheet" href="//fonts.example.com/css">'
        '<a href="https://github.com/owner">a link is not an asset</a>'
        '<script src="/static/admin/js/core.js"></script>'
    )
    assert external_assets(html) == ["https://cdn.example.com/x.js", "//fonts.example.com/css"]
