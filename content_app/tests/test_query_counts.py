"""Every public read of the owner's content costs a fixed number of queries, however
many rows there are and whether they carry images (issue 15).

Measured on the uncached path: the cache is cleared before each request, so the
selectors and serialisers run in full (the edge cache is ASGI-only and not in the
way of the test client).
"""

import datetime

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from content_app.models import Experience, Profile, Project, Skill
from content_app.services import media_upload
from content_app.tests.files import pdf, png

pytestmark = pytest.mark.django_db


def grow(rows=10):
    """Adds `rows` projects, experiences and skills, each with an image, and resumes."""
    image = media_upload(upload=SimpleUploadedFile("icon.png", png()))
    for n in range(rows):
        Project.objects.create(title=f"Extra {n}", description="d", tags=["x"], image=image)
        Experience.objects.create(
            title=f"Role {n}", company=f"Company {n}", logo=image,
            start=datetime.date(2010 + n, 1, 1), description="d", technologies=["Go"],
        )  # fmt: skip
        Skill.objects.create(name=f"Skill {n}", category="Extra", image=image, tags=["t"])
    profile = Profile.objects.get()
    profile.resume_en = media_upload(upload=SimpleUploadedFile("cv.pdf", pdf()))
    profile.resume_es = media_upload(upload=SimpleUploadedFile("cv-es.pdf", pdf()))
    profile.save()
    return image


def assert_queries(client, url, expected, django_assert_num_queries):
    cache.clear()
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200, response.content[:200]


# Each cold read cached as a response also looks up the namespace's next scheduled
# publish time (one query per cache version, portfolio/api/caching.py): the `DUE`.
# Reads that are not cached (the skills map, a detail) read only their rows.
DUE = 1
READS = [
    ("/api/v1/projects/list", 1 + DUE),
    ("/api/projects", 1 + DUE),
    ("/api/experience", 1 + DUE),
    ("/api/aboutme", 2 + DUE),
    ("/api/contact/info", 1 + DUE),
    ("/api/v1/experiences/list", 1 + DUE),
    ("/api/experiences", 1 + DUE),
    ("/api/v1/skills/list", 1 + DUE),
    ("/api/skills", 1),
    ("/api/resume_data", 4 + DUE),
    ("/api/resume_file_name", 1 + DUE),
    ("/api/v1/resume/en", 4 + DUE),
    ("/api/resume/es", 4 + DUE),
]


@pytest.mark.parametrize(("url", "expected"), READS)
def test_a_content_read_costs_the_same_queries_with_more_rows(
    client, seeded, django_assert_num_queries, url, expected
):
    assert_queries(client, url, expected, django_assert_num_queries)
    grow()
    assert_queries(client, url, expected, django_assert_num_queries)


def test_the_resume_pdf_costs_the_same_queries_generated_or_uploaded(
    client, seeded, django_assert_num_queries
):
    # Generated from the content: the profile, its resumes, then what the PDF lists.
    assert_queries(client, "/api/resume", 5 + DUE, django_assert_num_queries)
    grow()
    # Uploaded: the profile with its resume files; nothing else is read.
    assert_queries(client, "/api/resume", 1, django_assert_num_queries)


def test_a_detail_costs_one_query(client, seeded, django_assert_num_queries):
    image = grow()
    project = Project.objects.filter(image=image).first()
    experience = Experience.objects.filter(logo=image).first()
    for url, expected in (
        (f"/api/v1/projects/{project.slug}", 1),
        (f"/api/v1/projects/{project.pk}", 1),
        # Cached as a response, so its first read also looks up the due time.
        (f"/api/projects/{project.slug}", 1 + DUE),
        (f"/api/v1/experiences/{experience.pk}", 1),
        (f"/api/experiences/{experience.pk}", 1),
    ):
        assert_queries(client, url, expected, django_assert_num_queries)


def test_a_media_file_costs_one_query(client, seeded, django_assert_num_queries):
    image = grow()
    for url in (f"/api/v1/media/{image.filename}", f"/api/media/{image.thumbnail_filename}"):
        assert_queries(client, url, 1, django_assert_num_queries)
