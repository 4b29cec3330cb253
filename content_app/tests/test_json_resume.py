"""`GET /api/v1/resume.json`: the owner's resume as JSON Resume, valid against the
published schema (a copy in content_app/schemas/) in every language."""

import json
import re
from pathlib import Path

import jsonschema
import pytest

from content_app.models import Experience, Profile

pytestmark = pytest.mark.django_db

URL = "/api/v1/resume.json"
SCHEMA = json.loads((Path(__file__).parents[1] / "schemas" / "json-resume.schema.json").read_text())
DATE = r"\d{4}(-\d{2}(-\d{2})?)?"


@pytest.fixture
def full_profile(seeded):
    Profile.objects.filter(pk=1).update(
        education_en=(
            "BSc Computer Science, LUMS, 2016 - 2020\nMachine Learning Specialization, 2021"
        ),
        # An en dash between the years, as people type it.
        education_es="Licenciatura en Informática, LUMS, 2016 \u2013 2020",
        languages_en="English (fluent)\nUrdu - native",
        languages_es="Inglés (fluido)\nUrdu: nativo",
        phone="+92 300 0000000",
    )


def validate(document):
    validator = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(document)]
    assert errors == []


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_resume_validates_against_the_json_resume_schema(client, full_profile, language):
    response = client.get(URL, {"lang": language})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Language"] == language
    document = response.json()
    validate(document)
    assert set(document) == {
        "basics", "work", "education", "skills", "languages", "projects", "meta"
    }  # fmt: skip
    assert document["meta"] == {"version": "v1.0.0", "language": language}
    dates = [d for entry in document["work"] + document["education"]
             for d in (entry.get("startDate"), entry.get("endDate")) if d]  # fmt: skip
    assert dates
    assert all(re.fullmatch(DATE, d) for d in dates)


def test_the_english_resume_carries_the_owners_content(client, full_profile):
    document = client.get(URL).json()
    basics = document["basics"]
    assert basics["name"] == "Daniyal"
    assert basics["email"] == "daniyal@example.com"
    assert basics["location"] == {"address": "Remote"}
    assert {p["network"]: p["username"] for p in basics["profiles"]} == {
        "GitHub": "daniyal", "LinkedIn": "daniyal"
    }  # fmt: skip
    assert "phone" in basics
    current = Experience.objects.get(end=None)
    work = next(w for w in document["work"] if w["name"] == current.company_en)
    assert work["startDate"] == current.start.isoformat()
    assert "endDate" not in work
    assert document["education"] == [
        {"institution": "LUMS", "area": "BSc Computer Science", "startDate": "2016",
         "endDate": "2020"},
        {"institution": "Machine Learning Specialization", "endDate": "2021"},
    ]  # fmt: skip
    assert document["languages"] == [
        {"language": "English", "fluency": "fluent"}, {"language": "Urdu", "fluency": "native"}
    ]  # fmt: skip
    assert [p["name"] for p in document["projects"]][:2] == ["Interactive Chatbot", "Tool Explorer"]
    assert document["projects"][0]["keywords"] == ["LLM", "FastAPI", "r3f"]
    skill_names = [name for group in document["skills"] for name in group["keywords"]]
    assert len(skill_names) == len(set(skill_names)) > 3


def test_the_spanish_resume_is_in_spanish(client, full_profile):
    document = client.get(URL, {"lang": "es"}).json()
    assert document["basics"]["label"].startswith("Ingeniero de software")
    assert document["basics"]["location"] == {"address": "En remoto"}
    assert document["education"][0]["area"] == "Licenciatura en Informática"
    assert document["languages"][0] == {"language": "Inglés", "fluency": "fluido"}


def test_before_there_is_a_profile_the_resume_is_still_valid(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    validate(response.json())
    assert "basics" not in response.json()


def test_the_resume_is_cached_with_an_etag_and_an_edit_shows_at_once(client, full_profile):
    first = client.get(URL)
    assert client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    profile = Profile.objects.get(pk=1)
    profile.name = "Daniyal K."
    profile.save()
    again = client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again.json()["basics"]["name"] == "Daniyal K."


@pytest.mark.parametrize("language", ["fr", "xx-YY", "e"])
def test_a_language_the_site_does_not_speak_is_a_400_in_the_envelope(client, seeded, language):
    response = client.get(URL, {"lang": language})
    assert response.status_code == 400
    body = response.json()
    assert body["success"] is False
    assert "en, es" in body["error"]


def test_the_resume_costs_a_fixed_number_of_queries_cold_and_none_warm(
    client, full_profile, django_assert_num_queries
):
    from django.core.cache import cache

    cache.clear()
    # The profile, experiences, projects and skills, each once, and the next scheduled
    # publish time (portfolio/api/caching.py).
    with django_assert_num_queries(5):
        client.get(URL)
    with django_assert_num_queries(0):
        assert client.get(URL).status_code == 200
