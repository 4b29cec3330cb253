import pytest

from content_app.models import Experience, Project, Skill
from portfolio.testing import assert_error_envelope

pytestmark = pytest.mark.django_db

PROJECTS = "/api/v1/projects/list"
EXPERIENCES = "/api/v1/experiences/list"
SKILLS = "/api/v1/skills/list"
CHATBOT_ID = "b3f1c2a0-7d4e-4c1a-9a6b-1a2b3c4d5001"
SENIOR_ID = "b3f1c2a0-7d4e-4c1a-9a6b-1a2b3c4d6001"


def items(response):
    assert response.status_code == 200, response.content
    return response.json()["data"]["items"]


# --- Projects -----------------------------------------------------------------


def test_projects_list_has_the_four_frontend_projects_with_their_exact_tags(client, seeded):
    projects = items(client.get(PROJECTS))
    assert [(p["name"], p["tags"]) for p in projects] == [
        ("Interactive Chatbot", ["LLM", "FastAPI", "r3f"]),
        ("Tool Explorer", ["Scraping", "SWR"]),
        ("RAG CV Chat", ["Chroma", "Embeddings"]),
        ("Mini Game", ["p5", "UX"]),
    ]
    first = projects[0]
    assert first["title"] == first["name"]
    assert first["technologies"] == "LLM, FastAPI, r3f"
    assert first["description"] == "Homepage chatbot with avatar and voice"
    assert first["id"] == CHATBOT_ID
    assert {"url", "github_url", "image_url", "slug"} <= set(first)
    assert first["image_url"] == ""


def test_a_project_is_found_by_id_or_by_slug(client, seeded):
    by_id = client.get(f"/api/v1/projects/{CHATBOT_ID}")
    by_slug = client.get("/api/v1/projects/interactive-chatbot")
    assert by_id.status_code == by_slug.status_code == 200
    assert by_id.json() == by_slug.json()
    assert by_id.json()["data"]["name"] == "Interactive Chatbot"


def test_an_unknown_project_answers_404_in_the_envelope(client, seeded):
    response = client.get("/api/v1/projects/no-such-project")
    assert_error_envelope(response, 404, "No project has the id or slug 'no-such-project'.")


def test_the_list_is_read_only(client, seeded):
    response = client.post(PROJECTS, {}, content_type="application/json")
    assert response.status_code == 405
    assert "GET" in response["Allow"]


# --- Languages ----------------------------------------------------------------


def test_lang_query_gives_spanish_with_content_language(client, seeded):
    response = client.get(PROJECTS, {"lang": "es"})
    assert response["Content-Language"] == "es"
    assert items(response)[0]["name"] == "Chatbot interactivo"
    assert items(response)[0]["description"] == "Chatbot de la página de inicio con avatar y voz"


def test_accept_language_header_gives_spanish(client, seeded):
    response = client.get(EXPERIENCES, HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9,en;q=0.5")
    assert response["Content-Language"] == "es"
    assert "Accept-Language" in response["Vary"]
    first = items(response)[0]
    assert (first["title"], first["company"], first["period"]) == (
        "Ingeniero de software sénior",
        "Empresa tecnológica",
        "2023 - Actualidad",
    )


def test_the_query_wins_over_the_header(client, seeded):
    response = client.get(SKILLS, {"lang": "en"}, HTTP_ACCEPT_LANGUAGE="es")
    assert response["Content-Language"] == "en"
    assert items(response)[4]["name"] == "Vector DBs"


def test_without_query_or_header_the_language_is_english(client, seeded):
    response = client.get(SKILLS)
    assert response["Content-Language"] == "en"
    assert items(response)[4] == {
        "id": items(response)[4]["id"],
        "name": "Vector DBs",
        "category": "AI & LLMs",
        "order": 5,
        "fallback": [],
    }


def test_an_unsupported_accept_language_falls_back_to_english(client, seeded):
    response = client.get(PROJECTS, HTTP_ACCEPT_LANGUAGE="fr-FR,de;q=0.8")
    assert response["Content-Language"] == "en"
    assert items(response)[0]["name"] == "Interactive Chatbot"


def test_the_first_supported_accept_language_is_chosen(client, seeded):
    response = client.get(PROJECTS, HTTP_ACCEPT_LANGUAGE="fr;q=1.0, es;q=0.8, en;q=0.5")
    assert response["Content-Language"] == "es"


def test_an_unsupported_lang_query_answers_400_naming_the_languages(client, seeded):
    response = client.get(PROJECTS, {"lang": "fr"})
    assert response.status_code == 400
    body = response.json()
    assert body["success"] is False
    assert body["details"]["lang"] == ["The language 'fr' is not supported; use one of: en, es."]


def test_lang_query_accepts_region_and_case_variants(client, seeded):
    assert client.get(PROJECTS, {"lang": "ES-es"})["Content-Language"] == "es"


def test_a_missing_spanish_translation_falls_back_to_english(client, seeded):
    project = Project.objects.get(pk=CHATBOT_ID)
    project.title_es = ""
    project.description_es = None
    project.save()
    spanish = client.get(f"/api/v1/projects/{CHATBOT_ID}", {"lang": "es"}).json()["data"]
    assert spanish["name"] == "Interactive Chatbot"
    assert spanish["description"] == "Homepage chatbot with avatar and voice"
    # Fields that are translated still come out in Spanish.
    assert spanish["brief"].startswith("Un asistente")


def test_a_missing_spanish_translation_falls_back_by_header_too(client, seeded):
    Skill.objects.filter(name_en="Docker").update(category_es=None)
    skills = items(client.get(SKILLS, HTTP_ACCEPT_LANGUAGE="es"))
    docker = next(s for s in skills if s["name"] == "Docker")
    assert docker["category"] == "DevOps"


def test_a_stale_token_does_not_break_public_reads(client, seeded):
    response = client.get(PROJECTS, HTTP_AUTHORIZATION="Bearer expired.or.tampered")
    assert response.status_code == 200


# --- Experience and skills ----------------------------------------------------------


def test_experiences_list_has_the_three_jobs_with_technologies_as_lists(client, seeded):
    experiences = items(client.get(EXPERIENCES))
    assert [(e["title"], e["company"], e["period"]) for e in experiences] == [
        ("Senior Software Engineer", "Tech Company", "2023 - Present"),
        ("Full Stack Developer", "Startup", "2022 - 2023"),
        ("Software Engineer", "Digital Agency", "2021 - 2022"),
    ]
    current = experiences[0]
    assert current["technologies"] == ["Python", "FastAPI", "LLMs", "Next.js", "PostgreSQL"]
    assert current["start"] == "2023-01-01"
    assert current["end"] is None
    assert current["description"].startswith("Leading development of AI-powered applications")


def test_one_experience_by_id(client, seeded):
    response = client.get(f"/api/v1/experiences/{SENIOR_ID}", {"lang": "es"})
    assert response.status_code == 200
    assert response.json()["data"]["title"] == "Ingeniero de software sénior"


def test_an_unknown_experience_answers_404(client, seeded):
    response = client.get("/api/v1/experiences/00000000-0000-4000-8000-000000000000")
    assert response.status_code == 404
    assert response.json()["success"] is False
    assert client.get("/api/v1/experiences/not-a-uuid").status_code == 404


def test_a_blank_period_is_computed_in_the_language(client, seeded):
    Experience.objects.filter(pk=SENIOR_ID).update(period_en="", period_es="")
    english = client.get(f"/api/v1/experiences/{SENIOR_ID}").json()["data"]
    spanish = client.get(f"/api/v1/experiences/{SENIOR_ID}", {"lang": "es"}).json()["data"]
    assert (english["period"], spanish["period"]) == ("2023 - Present", "2023 - Actualidad")


def test_skills_list_has_the_twelve_about_section_skills_in_order(client, seeded):
    names = [s["name"] for s in items(client.get(SKILLS))]
    assert names == [
        "Python", "FastAPI", "LLMs", "OpenRouter", "Vector DBs", "PostgreSQL", "Next.js",
        "React Three Fiber", "p5.js", "Tailwind CSS", "Docker", "CI/CD",
    ]  # fmt: skip


def test_the_lists_are_empty_not_errors_before_any_content(client, db):
    for url in (PROJECTS, EXPERIENCES, SKILLS):
        assert items(client.get(url)) == []


# --- Resume -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "title", "skill_category"),
    [
        ("en", "Senior Software Engineer", "Backend & Data"),
        ("es", "Ingeniero de software sénior", "Backend y datos"),
    ],
)
def test_resume_in_a_language_bundles_everything(client, seeded, language, title, skill_category):
    response = client.get(f"/api/v1/resume/{language}")
    assert response.status_code == 200
    assert response["Content-Language"] == language
    data = response.json()["data"]
    assert set(data) == {"language", "profile", "experiences", "projects", "skills", "json_ld"}
    assert data["profile"]["name"] == "Daniyal"
    # Names what /api/resume serves: the PDF generated in that language (issue 12).
    suffix = "" if language == "en" else f"_{language}"
    assert data["profile"]["resume_file_name"] == f"Daniyal_Resume{suffix}.pdf"
    assert data["experiences"][0]["title"] == title
    assert data["skills"][0]["category"] == skill_category
    assert len(data["projects"]) == 4


def test_resume_in_spanish_has_the_spanish_profile(client, seeded):
    profile = client.get("/api/v1/resume/es").json()["data"]["profile"]
    assert profile["title"].startswith("Ingeniero de software")
    assert profile["about"].startswith("Soy un ingeniero de software")
    assert profile["location"] == "En remoto"


def test_resume_in_another_language_answers_404_naming_the_supported_ones(client, seeded):
    response = client.get("/api/v1/resume/fr")
    assert_error_envelope(response, 404, "There is no resume in 'fr'. Supported languages: en, es.")


def test_seed_004_resume_path_is_the_same_view(client, seeded):
    assert client.get("/api/resume/es").json() == client.get("/api/v1/resume/es").json()
    assert client.get("/api/resume/de").status_code == 404
