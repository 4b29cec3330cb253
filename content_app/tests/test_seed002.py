"""The resume site's paths (seed 002): raw shapes, no envelope."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from content_app.models import Profile
from content_app.tests import files
from portfolio.testing import bearer

pytestmark = pytest.mark.django_db


def upload_pdf(client, user, name="Daniyal CV 2024.pdf", text="English resume"):
    response = client.post(
        "/api/v1/upload",
        {"file": SimpleUploadedFile(name, files.pdf(text), "application/pdf")},
        **bearer(user),
    )
    assert response.status_code == 201, response.content
    return response.json()["data"]


@pytest.fixture
def resumes(client, seeded, staff_user):
    english = upload_pdf(client, staff_user, "Daniyal CV 2024.pdf", "English resume")
    spanish = upload_pdf(client, staff_user, "Daniyal CV 2024 (ES).pdf", "Curriculum")
    Profile.objects.filter(pk=1).update(resume_en_id=english["id"], resume_es_id=spanish["id"])
    return english, spanish


def body_of(response):
    return b"".join(response.streaming_content)


def test_resume_data_has_the_resume_sites_shape(client, seeded):
    response = client.get("/api/resume_data")
    assert response.status_code == 200
    data = response.json()
    assert "success" not in data
    assert set(data) == {
        "name", "title", "github", "linkedin", "aboutMe", "contact", "technicalSkills",
        "experience", "projects",
    }  # fmt: skip
    assert data["name"] == "Daniyal"
    assert data["github"] == "https://github.com/daniyal"
    assert set(data["contact"]) == {"email", "phone", "website", "location", "github", "linkedin"}
    assert data["technicalSkills"] == {
        "Backend & Data": ["Python", "FastAPI", "PostgreSQL"],
        "AI & LLMs": ["LLMs", "OpenRouter", "Vector DBs"],
        "Frontend & 3D": ["Next.js", "React Three Fiber", "p5.js", "Tailwind CSS"],
        "DevOps": ["Docker", "CI/CD"],
    }
    first_job = data["experience"][0]
    assert first_job == {
        "title": "Senior Software Engineer",
        "company": "Tech Company",
        "date": "2023 - Present",
        "responsibilities": [
            "Leading development of AI-powered applications using FastAPI and Next.js.",
            "Implemented RAG systems and LLM integrations.",
        ],
        "link": "",
        "logoPath": "",
    }
    assert data["projects"][0] == {
        "title": "Interactive Chatbot",
        "description": "Homepage chatbot with avatar and voice",
        "technologies": ["LLM", "FastAPI", "r3f"],
        "link": "https://github.com/daniyal/interactive-chatbot",
    }


def test_resume_data_follows_the_language(client, seeded):
    response = client.get("/api/resume_data", HTTP_ACCEPT_LANGUAGE="es")
    assert response["Content-Language"] == "es"
    data = response.json()
    assert data["aboutMe"].startswith("Soy un ingeniero de software")
    assert data["experience"][0]["date"] == "2023 - Actualidad"
    assert "Backend y datos" in data["technicalSkills"]


def test_resume_data_errors_are_raw_too(client, seeded):
    response = client.get("/api/resume_data", {"lang": "xx"})
    assert response.status_code == 400
    assert "success" not in response.json()
    assert "lang" in response.json()


def test_resume_data_before_any_profile_is_empty_not_an_error(client, db):
    data = client.get("/api/resume_data").json()
    assert data["name"] == ""
    assert data["experience"] == []


def test_resume_pdf_before_one_is_uploaded_is_generated_from_the_content(client, seeded):
    # Was a 404 until issue 12; the generated PDF itself is tested in test_resume_pdf.py.
    response = client.get("/api/resume")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_resume_file_name_before_an_upload_is_the_owners_default(client, seeded):
    response = client.get("/api/resume_file_name")
    assert response.status_code == 200
    assert response.json() == {"resumeFileName": "Daniyal_Resume.pdf"}


def test_resume_pdf_is_served_inline_by_default(client, resumes):
    response = client.get("/api/resume")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")
    assert 'filename="Daniyal CV 2024.pdf"' in response["Content-Disposition"]
    assert body_of(response).startswith(b"%PDF-")
    # The same URL serves the next PDF the owner uploads: browsers must revalidate.
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("query", ["?download", "?download=1", "?download=true"])
def test_download_forces_an_attachment(client, resumes, query):
    response = client.get(f"/api/resume{query}")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def test_download_false_stays_inline(client, resumes):
    assert client.get("/api/resume?download=false")["Content-Disposition"].startswith("inline")


def test_the_spanish_resume_is_served_for_spanish(client, resumes):
    english = body_of(client.get("/api/resume"))
    spanish_response = client.get("/api/resume", HTTP_ACCEPT_LANGUAGE="es")
    spanish = body_of(spanish_response)
    assert english != spanish
    assert spanish_response["Content-Language"] == "es"
    name = client.get("/api/resume_file_name", {"lang": "es"}).json()
    assert name == {"resumeFileName": "Daniyal CV 2024 (ES).pdf"}


def test_without_a_spanish_upload_spanish_is_generated_not_the_english_upload(client, resumes):
    # Until issue 12 the English upload stood in for a missing Spanish one.
    Profile.objects.filter(pk=1).update(resume_es=None)
    response = client.get("/api/resume", {"lang": "es"})
    assert response.status_code == 200
    assert response.content != body_of(client.get("/api/resume", {"lang": "en"}))
    assert response["Content-Language"] == "es"
    assert client.get("/api/resume_file_name", {"lang": "es"}).json() == {
        "resumeFileName": "Daniyal_Resume_es.pdf"
    }


def test_resume_pdf_is_served_to_a_client_that_accepts_only_pdf(client, resumes):
    response = client.get("/api/resume", HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200


def test_the_resume_url_in_the_profile_points_at_the_pdf(client, resumes):
    _english, spanish = resumes
    profile = client.get("/api/v1/resume/es").json()["data"]["profile"]
    assert profile["resume_url"] == spanish["url"]
    assert profile["resume_file_name"] == "Daniyal CV 2024 (ES).pdf"


def test_a_resume_pdf_missing_from_storage_answers_a_raw_404(client, resumes, settings):
    from pathlib import Path

    english, _ = resumes
    (Path(settings.MEDIA_ROOT) / "uploads" / english["filename"]).unlink()
    response = client.get("/api/resume")
    assert response.status_code == 404
    assert response.json() == {"detail": "No such file."}
