"""The resume site's newer client (seed 002): `/api/experience`, `/api/projects`,
`/api/projects/<id>`, `/api/aboutme` and `/api/contact/info`, raw shapes keyed by
id, in the visitor's language, cached like the other public reads."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from content_app.models import Experience, Profile, Project
from content_app.services import media_upload
from content_app.tests import files

pytestmark = pytest.mark.django_db

CHATBOT_ID = "b3f1c2a0-7d4e-4c1a-9a6b-1a2b3c4d5001"
CURRENT_JOB_ID = "b3f1c2a0-7d4e-4c1a-9a6b-1a2b3c4d6001"
EXPERIENCE_FIELDS = {
    "company", "title", "date", "location", "highlights", "link", "logoPath",
    "company_description", "tech_stack", "more_highlights",
}  # fmt: skip
PROJECT_FIELDS = {
    "title", "description", "description_detail", "link", "link2", "logoPath", "tech_stack",
    "last_commit",
}  # fmt: skip


def test_experience_is_keyed_by_id_newest_first_in_the_clients_shape(client, seeded):
    response = client.get("/api/experience")

    assert response.status_code == 200
    data = response.json()
    assert "success" not in data
    # JSON objects keep their order: the client shows them as listed.
    starts = [Experience.objects.get(pk=pk).start for pk in data]
    assert starts == sorted(starts, reverse=True)
    job = data[CURRENT_JOB_ID]
    assert set(job) == EXPERIENCE_FIELDS
    assert job["date"] == "01/2023 - Present"
    assert job["highlights"] == [
        "Leading development of AI-powered applications using FastAPI and Next.js.",
        "Implemented RAG systems and LLM integrations.",
    ]
    assert job["tech_stack"] == ["Python", "FastAPI", "LLMs", "Next.js", "PostgreSQL"]
    assert (job["company_description"], job["more_highlights"], job["logoPath"]) == ("", [], "")


def test_experience_reads_in_spanish(client, seeded):
    job = client.get("/api/experience?lang=es").json()[CURRENT_JOB_ID]
    assert job["title"] == "Ingeniero de software sénior"
    assert job["date"] == "01/2023 - Actualidad"
    spanish = client.get("/api/experience", HTTP_ACCEPT_LANGUAGE="es")
    assert spanish["Content-Language"] == "es"


def test_a_finished_job_shows_both_months(client, seeded):
    job = client.get("/api/experience").json()["b3f1c2a0-7d4e-4c1a-9a6b-1a2b3c4d6002"]
    assert job["date"] == "01/2022 - 01/2023"


def test_projects_are_keyed_by_id_in_the_clients_shape(client, seeded):
    response = client.get("/api/projects")

    assert response.status_code == 200
    data = response.json()
    assert list(data) == [str(pk) for pk in Project.objects.values_list("pk", flat=True)]
    chatbot = data[CHATBOT_ID]
    assert set(chatbot) == PROJECT_FIELDS
    assert chatbot["title"] == "Interactive Chatbot"
    assert chatbot["link2"] == "https://github.com/daniyal/interactive-chatbot"
    assert chatbot["tech_stack"] == ["LLM", "FastAPI", "r3f"]
    assert chatbot["description_detail"].startswith("An assistant on the home page")
    assert chatbot["last_commit"] == ""


def test_one_project_by_id_and_a_missing_one_in_the_raw_shape(client, seeded):
    one = client.get(f"/api/projects/{CHATBOT_ID}")
    assert one.status_code == 200
    assert one.json() == client.get("/api/projects").json()[CHATBOT_ID]
    missing = client.get("/api/projects/00000000-0000-0000-0000-000000000000")
    assert missing.status_code == 404
    assert set(missing.json()) == {"detail"}


def test_projects_read_in_spanish(client, seeded):
    english = client.get(f"/api/projects/{CHATBOT_ID}").json()
    spanish = client.get(f"/api/projects/{CHATBOT_ID}?lang=es").json()
    assert spanish["description"] != english["description"]


def test_an_uploaded_image_is_an_absolute_logo_path(client, seeded):
    image = media_upload(upload=SimpleUploadedFile("logo.png", files.png(), "image/png"))
    Project.objects.filter(pk=CHATBOT_ID).update(image=image)
    Experience.objects.filter(pk=CURRENT_JOB_ID).update(logo=image)
    Project.objects.get(pk=CHATBOT_ID).save()  # the signal that invalidates the cache

    project = client.get("/api/projects").json()[CHATBOT_ID]
    job = client.get("/api/experience").json()[CURRENT_JOB_ID]

    assert project["logoPath"] == f"http://testserver/api/v1/media/{image.filename}"
    assert job["logoPath"] == project["logoPath"]


def test_about_me_comes_from_the_profile_in_the_visitors_language(client, seeded):
    english = client.get("/api/aboutme").json()
    spanish = client.get("/api/aboutme", HTTP_ACCEPT_LANGUAGE="es").json()

    assert set(english) == {
        "greeting", "description", "aidetails", "brief_bio", "full_portrait", "resume_name",
        "primary_skills",
    }  # fmt: skip
    assert english["greeting"] == "Hi, I'm Daniyal"
    assert spanish["greeting"] == "Hola, soy Daniyal"
    assert english["brief_bio"].startswith("Software Engineer")
    assert spanish["brief_bio"].startswith("Ingeniero de software")
    assert english["resume_name"] == "Daniyal_Resume.pdf"
    assert english["primary_skills"][:3] == ["Python", "FastAPI", "LLMs"]
    assert (english["aidetails"], english["full_portrait"]) == ("", "")


def test_contact_info_comes_from_the_profile(client, seeded):
    profile = Profile.objects.get()
    profile.name, profile.location_en = "Daniyal Ahmed Khan", "Lahore, Pakistan"
    profile.save()

    info = client.get("/api/contact/info").json()

    assert info == {
        "firstName": "Daniyal",
        "lastName": "Ahmed Khan",
        "title": info["title"],
        "email": "daniyal@example.com",
        "phone": "",
        "website": "https://daniyal.example.com",
        "location": "Lahore, Pakistan",
        "country": "Pakistan",
        "github": "https://github.com/daniyal",
        "linkedin": "https://www.linkedin.com/in/daniyal",
    }


def test_before_any_profile_every_field_is_blank_never_missing(client, db):
    about = client.get("/api/aboutme").json()
    info = client.get("/api/contact/info").json()
    assert about["greeting"] == "" and about["primary_skills"] == []
    assert set(info.values()) == {""}
    assert client.get("/api/experience").json() == {}
    assert client.get("/api/projects").json() == {}


@pytest.mark.parametrize(
    "path", ["/api/experience", "/api/projects", "/api/aboutme", "/api/contact/info"]
)
def test_a_language_the_site_does_not_speak_is_a_400_in_the_raw_shape(client, seeded, path):
    response = client.get(f"{path}?lang=xx")
    assert response.status_code == 400
    assert "success" not in response.json()


@pytest.mark.parametrize(
    "path", ["/api/experience", "/api/projects", "/api/aboutme", "/api/contact/info"]
)
def test_reads_are_cached_with_an_etag_and_invalidated_by_an_edit(client, seeded, path):
    first = client.get(path)
    assert client.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    # One edit each path shows; the first save already invalidates them all.
    for model, pk in ((Profile, 1), (Project, CHATBOT_ID), (Experience, CURRENT_JOB_ID)):
        row = model.objects.get(pk=pk)
        row.title = "Staff Engineer"
        row.save()

    after = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert after.status_code == 200 and after["ETag"] != first["ETag"]


@pytest.mark.parametrize(
    "path", ["/api/experience", "/api/projects", "/api/aboutme", "/api/contact/info"]
)
def test_a_stale_token_is_never_a_401_and_writes_are_405(client, seeded, path):
    assert client.get(path, HTTP_AUTHORIZATION="Bearer stale.token").status_code == 200
    refused = client.post(path, {}, content_type="application/json")
    assert refused.status_code == 405
    assert set(refused.json()) == {"detail"}
