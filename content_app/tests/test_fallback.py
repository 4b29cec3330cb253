"""Translated objects say which fields fell back to English (`"fallback": [...]`)."""

import pytest

from content_app.models import Experience, Project, Skill

pytestmark = pytest.mark.django_db


def items(response):
    return response.json()["data"]["items"]


def test_a_spanish_visitor_sees_which_fields_fell_back(client, seeded):
    project = Project.objects.create(
        title_en="Lonely", title_es="Solitario", description_en="Only in English.", brief_en="Also."
    )
    response = client.get("/api/v1/projects/list", {"lang": "es"})
    served = next(p for p in items(response) if p["id"] == str(project.pk))
    assert served["title"] == "Solitario"
    assert served["description"] == "Only in English."
    assert served["fallback"] == ["brief", "description"]


def test_english_is_never_a_fallback(client, seeded):
    Project.objects.create(title_en="Plain", description_en="English.")
    assert all(p["fallback"] == [] for p in items(client.get("/api/v1/projects/list")))


def test_blank_in_both_languages_is_not_a_fallback(client, seeded):
    skill = Skill.objects.create(name_en="Go", name_es="Go", category_en="Lang", category_es="Leng")
    served = next(
        s
        for s in items(client.get("/api/v1/skills/list", {"lang": "es"}))
        if s["id"] == str(skill.pk)
    )
    assert served["fallback"] == []


def test_details_and_the_resume_carry_the_fallback_too(client, seeded):
    experience = Experience.objects.create(
        title_en="Builder", company_en="Acme", company_es="Acme", description_en="Built.",
        start="2021-01-01",
    )  # fmt: skip
    detail = client.get(f"/api/v1/experiences/{experience.pk}", {"lang": "es"}).json()["data"]
    assert detail["fallback"] == ["description", "title"]
    resume = client.get("/api/v1/resume/es").json()["data"]
    served = next(e for e in resume["experiences"] if e["id"] == str(experience.pk))
    assert served["fallback"] == ["description", "title"]
    assert isinstance(resume["profile"]["fallback"], list)
