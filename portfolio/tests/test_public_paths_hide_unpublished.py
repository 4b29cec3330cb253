"""Every public path of the contract, canonical and legacy (API.md sections 2-4b), with
one draft and one scheduled item of each publishable kind: neither ever shows. The
owner's admin mirrors (`/api/admin/...`) may show them: they are the owner's."""

import datetime
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from blog_app.models import BlogPost
from content_app.models import Experience, Project
from faq_app.models import FAQEntry
from portfolio.testing import bearer
from tools_app.models import AITool

pytestmark = pytest.mark.django_db

HIDDEN = ("Zanzibar Draft", "Zanzibar Scheduled")

PUBLIC_READS = [
    "/api/v1/news/list",
    "/news/list",
    "/api/v1/tools/list",
    "/tools/list",
    "/api/v1/projects/list",
    "/api/v1/experiences/list",
    "/api/v1/resume/en",
    "/api/v1/resume/es",
    "/api/resume/en",
    "/api/experiences",
    "/api/resume_data",
    "/api/experience",
    "/api/projects",
    "/api/v1/resume.json?lang=en",
    "/api/v1/faq",
    "/feed/news.xml",
    "/sitemap.xml",
    "/",
]


@pytest.fixture
def hidden(seeded):
    """{kind: [draft, scheduled]} named after HIDDEN."""
    later = timezone.now() + datetime.timedelta(days=1)
    states = [{"status": "draft"}, {"publish_at": later}]
    made = {"posts": [], "projects": [], "experiences": [], "tools": [], "faq": []}
    for name, state in zip(HIDDEN, states, strict=True):
        made["posts"].append(
            BlogPost.objects.create(
                title=name, excerpt=name, content=name, category="Technology", **state
            )
        )
        made["projects"].append(Project.objects.create(title=name, description=name, **state))
        made["experiences"].append(
            Experience.objects.create(
                title=name, company=name, description=name, start="2020-01-01", **state
            )
        )
        tool_state = {"publish_status": state["status"]} if "status" in state else state
        made["tools"].append(
            AITool.objects.create(
                name=name,
                description=name,
                category="Design",
                status="Popular",
                url="https://example.com",
                pricing="Free",
                **tool_state,
            )
        )
        made["faq"].append(FAQEntry.objects.create(question=name, answer=name, **state))
    return made


@pytest.mark.parametrize("path", PUBLIC_READS)
def test_no_public_read_shows_a_draft_or_a_scheduled_item(client, hidden, path):
    response = client.get(path)
    assert response.status_code == 200
    body = response.content.decode()
    for name in HIDDEN:
        assert name not in body
        assert name.lower().replace(" ", "-") not in body  # nor its slug


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_resume_pdf_leaves_them_out(client, hidden, language):
    response = client.get("/api/resume", {"lang": language})
    assert response.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Experience" in text or "Experiencia" in text
    for name in HIDDEN:
        assert name not in text


def detail_paths(hidden):
    for post in hidden["posts"]:
        yield f"/api/v1/news/{post.slug}"
    for project in hidden["projects"]:
        yield f"/api/v1/projects/{project.pk}"
        yield f"/api/v1/projects/{project.slug}"
        yield f"/api/projects/{project.pk}"
        yield f"/api/projects/{project.slug}"
    for experience in hidden["experiences"]:
        yield f"/api/v1/experiences/{experience.pk}"
        yield f"/api/experiences/{experience.pk}"


def test_no_public_detail_opens_a_draft_or_a_scheduled_item(client, hidden):
    paths = list(detail_paths(hidden))
    assert len(paths) == 14
    for path in paths:
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Zanzibar" not in response.content.decode()


def test_the_owners_legacy_admin_mirror_shows_them_to_the_owner(client, hidden, admin_user):
    draft = hidden["projects"][0]
    response = client.get(f"/api/admin/projects/{draft.pk}", **bearer(admin_user))
    assert response.status_code == 200
    assert response.json()["data"]["status"] == "draft"
    assert client.get(f"/api/admin/projects/{draft.pk}").status_code == 401
