"""`GET /api/skills`: the resume site's skills map (seed 002, no envelope)."""

import pytest

from content_app.models import Skill
from content_app.tests import files
from portfolio.testing import bearer

pytestmark = pytest.mark.django_db

PYTHON_ID = "b3f1c2a0-7d4e-4c1a-9a6b-1a2b3c4d7001"
FIELDS = {
    "display_name", "general_category", "image", "years_of_experience",
    "professional_experience", "tags", "examples", "weblink",
}  # fmt: skip


def test_skills_are_an_object_keyed_by_id_with_every_field_the_site_reads(client, seeded):
    response = client.get("/api/skills")
    assert response.status_code == 200
    skills = response.json()
    assert len(skills) == 12
    assert all(set(skill) == FIELDS for skill in skills.values())
    python = skills[PYTHON_ID]
    assert python["display_name"] == "Python"
    assert python["general_category"] == "Backend & Data"
    assert python["years_of_experience"] == 5
    assert python["weblink"] == "https://www.python.org"
    assert python["tags"] == ["backend", "data", "scripting"]
    assert python["examples"][0] == "FastAPI backend of the Interactive Chatbot"
    assert python["professional_experience"].startswith("The main language")
    assert python["image"] == ""


def test_every_seeded_skill_has_its_resume_fields(client, seeded):
    for skill in client.get("/api/skills").json().values():
        assert skill["years_of_experience"] and skill["professional_experience"]
        assert skill["weblink"].startswith("https://") and skill["tags"] and skill["examples"]


def test_skills_keep_the_owners_order(client, seeded):
    names = [s["display_name"] for s in client.get("/api/skills").json().values()]
    assert names[:3] == ["Python", "FastAPI", "LLMs"]


@pytest.mark.parametrize("how", [{"lang": "es"}, {"HTTP_ACCEPT_LANGUAGE": "es-ES,es;q=0.9"}])
def test_skills_follow_the_visitors_language(client, seeded, how):
    query = {"lang": how["lang"]} if "lang" in how else {}
    headers = {k: v for k, v in how.items() if k != "lang"}
    response = client.get("/api/skills", query, **headers)
    assert response["Content-Language"] == "es"
    python = response.json()[PYTHON_ID]
    assert python["general_category"] == "Backend y datos"
    assert python["professional_experience"].startswith("El lenguaje principal")
    assert python["examples"][0] == "Backend con FastAPI del Interactive Chatbot"


def test_a_missing_spanish_text_reads_as_english(client, seeded):
    Skill.objects.filter(pk=PYTHON_ID).update(professional_experience_es="", examples_es="")
    python = client.get("/api/skills", {"lang": "es"}).json()[PYTHON_ID]
    assert python["professional_experience"].startswith("The main language")
    assert python["examples"][0] == "FastAPI backend of the Interactive Chatbot"


def test_an_icon_is_served_as_an_absolute_media_url(client, seeded, editor_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = client.post(
        "/api/v1/upload",
        {"file": SimpleUploadedFile("python.png", files.png(), "image/png")},
        **bearer(editor_user),
    ).json()["data"]
    skill = Skill.objects.get(pk=PYTHON_ID)
    skill.image_id = upload["id"]
    skill.save()
    image = client.get("/api/skills").json()[PYTHON_ID]["image"]
    assert image == f"http://testserver/api/v1/media/{upload['filename']}"
    assert client.get(image).status_code == 200


def test_an_edit_shows_at_once(client, seeded):
    client.get("/api/skills")
    skill = Skill.objects.get(pk=PYTHON_ID)
    skill.years_of_experience = 6
    skill.save()
    assert client.get("/api/skills").json()[PYTHON_ID]["years_of_experience"] == 6


def test_a_bad_language_is_a_raw_400(client, seeded):
    response = client.get("/api/skills", {"lang": "xx"})
    assert response.status_code == 400
    assert "success" not in response.json()


def test_before_any_skill_the_map_is_empty(client, db):
    assert client.get("/api/skills").json() == {}


def test_the_admin_api_writes_the_resume_fields(client, seeded, admin_user):
    response = client.patch(
        f"/api/v1/admin/skills/{PYTHON_ID}",
        {
            "years_of_experience": 7,
            "weblink": "https://docs.python.org",
            "tags": ["typing"],
            "examples_en": "One\nTwo",
            "professional_experience_es": "Mucho Python.",
        },
        content_type="application/json",
        **bearer(admin_user),
    )
    assert response.status_code == 200, response.content
    data = response.json()["data"]
    assert data["years_of_experience"] == 7 and data["tags"] == ["typing"]
    python = client.get("/api/skills", {"lang": "es"}).json()[PYTHON_ID]
    assert python["weblink"] == "https://docs.python.org"
    assert python["professional_experience"] == "Mucho Python."
    assert client.get("/api/skills").json()[PYTHON_ID]["examples"] == ["One", "Two"]
