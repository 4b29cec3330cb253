import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from content_app.models import Experience, MediaFile, Project
from content_app.tests import files
from portfolio.testing import bearer, preflight

pytestmark = pytest.mark.django_db

PROJECTS = "/api/v1/admin/projects"
EXPERIENCES = "/api/v1/admin/experiences"
CHATBOT_ID = "b3f1c2a0-7d4e-4c1a-9a6b-1a2b3c4d5001"
SENIOR_ID = "b3f1c2a0-7d4e-4c1a-9a6b-1a2b3c4d6001"


@pytest.fixture
def owner(admin_user):
    return bearer(admin_user)


def post(client, url, body, headers):
    return client.post(url, body, content_type="application/json", **headers)


def put(client, url, body, headers):
    return client.put(url, body, content_type="application/json", **headers)


def patch(client, url, body, headers):
    return client.patch(url, body, content_type="application/json", **headers)


def public_names(client, **params):
    return [p["name"] for p in client.get("/api/v1/projects/list", params).json()["data"]["items"]]


NEW_PROJECT = {
    "title_en": "Portfolio Backend",
    "title_es": "Backend del portafolio",
    "description_en": "The Django monolith behind this site",
    "description_es": "El monolito Django detrás de este sitio",
    "tags": ["Django", "DRF"],
    "github_url": "https://github.com/daniyal/portfolio-backend",
    "order": 5,
}


# --- Creating -----------------------------------------------------------------


def test_a_created_project_appears_in_both_languages_at_once(client, seeded, owner):
    client.get("/api/v1/projects/list")  # the public list is cached now
    response = post(client, PROJECTS, NEW_PROJECT, owner)
    assert response.status_code == 201
    body = response.json()
    assert body["message"] == "Project created."
    data = body["data"]
    assert data["slug"] == "portfolio-backend"
    assert (data["title_en"], data["title_es"]) == ("Portfolio Backend", "Backend del portafolio")
    assert data["technologies"] == "Django, DRF"
    assert public_names(client)[-1] == "Portfolio Backend"
    assert public_names(client, lang="es")[-1] == "Backend del portafolio"


def test_a_project_created_without_spanish_reads_as_english_in_spanish(client, seeded, owner):
    body = {k: v for k, v in NEW_PROJECT.items() if not k.endswith("_es")}
    assert post(client, PROJECTS, body, owner).status_code == 201
    assert public_names(client, lang="es")[-1] == "Portfolio Backend"


def test_a_spanish_request_still_stores_english_as_english(client, seeded, owner):
    response = post(client, PROJECTS, NEW_PROJECT, {**owner, "HTTP_ACCEPT_LANGUAGE": "es"})
    assert response.status_code == 201
    project = Project.objects.get(slug="portfolio-backend")
    assert (project.title_en, project.title_es) == ("Portfolio Backend", "Backend del portafolio")
    assert public_names(client, lang="en")[-1] == "Portfolio Backend"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title_en": ""}, "title_en"),
        ({"title_en": None}, "title_en"),
        ({"description_en": "   "}, "description_en"),
        ({"url": "not a url"}, "url"),
        ({"tags": "LLM, FastAPI"}, "tags"),
        ({"tags": ["x" * 61]}, "tags"),
        ({"order": -1}, "order"),
        ({"slug": "list"}, "slug"),
        ({"slug": "interactive-chatbot"}, "slug"),
        ({"slug": "no spaces allowed"}, "slug"),
        ({"image": str(uuid.uuid4())}, "image"),
    ],
)
def test_bad_project_input_answers_400_with_details_and_creates_nothing(
    client, seeded, owner, change, field
):
    response = post(client, PROJECTS, {**NEW_PROJECT, **change}, owner)
    assert response.status_code == 400
    body = response.json()
    assert body["success"] is False
    assert field in body["details"]
    assert Project.objects.count() == 4


def test_a_project_without_its_english_title_answers_400(client, seeded, owner):
    body = {k: v for k, v in NEW_PROJECT.items() if k != "title_en"}
    response = post(client, PROJECTS, body, owner)
    assert response.status_code == 400
    assert response.json()["details"]["title_en"] == ["This field is required."]


def test_a_project_image_must_be_an_uploaded_image_not_a_pdf(client, seeded, owner, staff_user):
    pdf = client.post(
        "/api/v1/upload",
        {"file": SimpleUploadedFile("cv.pdf", files.pdf())},
        **bearer(staff_user),
    )
    assert pdf.status_code == 201, pdf.content
    response = post(client, PROJECTS, {**NEW_PROJECT, "image": pdf.json()["data"]["id"]}, owner)
    assert response.status_code == 400
    assert "image" in response.json()["details"]


def test_a_project_image_shows_as_an_absolute_url(client, seeded, owner, staff_user):
    image = client.post(
        "/api/v1/upload",
        {"file": SimpleUploadedFile("shot.png", files.png())},
        **bearer(staff_user),
    ).json()["data"]
    response = patch(client, f"{PROJECTS}/{CHATBOT_ID}", {"image": image["id"]}, owner)
    assert response.status_code == 200
    assert response.json()["data"]["image"] == image["id"]
    public = client.get(f"/api/v1/projects/{CHATBOT_ID}").json()["data"]
    assert public["image_url"] == image["url"]
    assert public["thumbnail_url"] == image["thumbnail_url"]
    assert client.get(public["image_url"]).status_code == 200


# --- Updating -----------------------------------------------------------------


def test_patch_changes_only_what_it_sends(client, seeded, owner):
    client.get("/api/v1/projects/list", {"lang": "es"})
    response = patch(client, f"{PROJECTS}/{CHATBOT_ID}", {"title_es": "Chatbot con avatar"}, owner)
    assert response.status_code == 200
    assert response.json()["message"] == "Project updated."
    project = Project.objects.get(pk=CHATBOT_ID)
    assert (project.title_en, project.title_es) == ("Interactive Chatbot", "Chatbot con avatar")
    assert project.tags == ["LLM", "FastAPI", "r3f"]
    assert public_names(client, lang="es")[0] == "Chatbot con avatar"


def test_put_needs_every_required_field_and_changes_nothing_without_them(client, seeded, owner):
    response = put(client, f"{PROJECTS}/{CHATBOT_ID}", {"title_en": "Only a title"}, owner)
    assert response.status_code == 400
    assert "description_en" in response.json()["details"]
    assert Project.objects.get(pk=CHATBOT_ID).title_en == "Interactive Chatbot"


def test_put_replaces_the_fields(client, seeded, owner):
    response = put(client, f"{PROJECTS}/{CHATBOT_ID}", {**NEW_PROJECT, "slug": "renamed"}, owner)
    assert response.status_code == 200
    project = Project.objects.get(pk=CHATBOT_ID)
    assert (project.slug, project.tags) == ("renamed", ["Django", "DRF"])


def test_a_bad_patch_changes_nothing(client, seeded, owner):
    response = patch(
        client, f"{PROJECTS}/{CHATBOT_ID}", {"title_en": "Fine", "github_url": "nope"}, owner
    )
    assert response.status_code == 400
    assert Project.objects.get(pk=CHATBOT_ID).title_en == "Interactive Chatbot"


def test_an_unknown_id_answers_404(client, seeded, owner):
    missing = uuid.uuid4()
    for method in (patch, put):
        response = method(client, f"{PROJECTS}/{missing}", NEW_PROJECT, owner)
        assert response.status_code == 404
        assert response.json()["error"] == f"No project has the id {missing}."
    assert client.delete(f"{PROJECTS}/{missing}", **owner).status_code == 404
    assert client.get(f"{PROJECTS}/not-a-uuid", **owner).status_code == 404


def test_a_deleted_project_leaves_the_public_list_at_once(client, seeded, owner):
    client.get("/api/v1/projects/list")
    assert client.delete(f"{PROJECTS}/{CHATBOT_ID}", **owner).status_code == 204
    assert "Interactive Chatbot" not in public_names(client)


def test_the_collection_does_not_take_put(client, owner, db):
    response = put(client, PROJECTS, NEW_PROJECT, owner)
    assert response.status_code == 405
    assert response.json()["success"] is False


# --- Experience ---------------------------------------------------------------


NEW_JOB = {
    "title_en": "Staff Engineer",
    "title_es": "Ingeniero de plantilla",
    "company_en": "Acme",
    "description_en": "Builds things. Ships them.",
    "start": "2024-03-01",
    "technologies": ["Python", "Django"],
}


def test_a_created_experience_without_period_gets_one_computed(client, seeded, owner):
    response = post(client, EXPERIENCES, {**NEW_JOB, "order": 0}, owner)
    assert response.status_code == 201
    job = response.json()["data"]
    public = client.get(f"/api/v1/experiences/{job['id']}", {"lang": "es"}).json()["data"]
    assert public["period"] == "2024 - Actualidad"
    assert public["technologies"] == ["Python", "Django"]
    assert public["company"] == "Acme"


def test_an_experience_ending_before_it_starts_answers_400(client, seeded, owner):
    response = post(client, EXPERIENCES, {**NEW_JOB, "end": "2020-01-01"}, owner)
    assert response.status_code == 400
    assert response.json()["details"]["end"] == ["The end date cannot be before the start date."]
    assert Experience.objects.count() == 3


def test_patching_only_the_end_is_checked_against_the_stored_start(client, seeded, owner):
    response = patch(client, f"{EXPERIENCES}/{SENIOR_ID}", {"end": "2022-06-30"}, owner)
    assert response.status_code == 400
    assert Experience.objects.get(pk=SENIOR_ID).end is None


def test_an_experience_with_a_bad_date_answers_400(client, seeded, owner):
    response = post(client, EXPERIENCES, {**NEW_JOB, "start": "last spring"}, owner)
    assert response.status_code == 400
    assert "start" in response.json()["details"]


# --- Seed 004 mounts --------------------------------------------------------------


def test_seed_004_project_paths_read_create_replace_and_delete(client, seeded, owner):
    # Reading them is the resume site's shape now (API.md section 3: no client reads
    # the envelope there); the writes below are seed 004's, in the envelope.
    assert list(client.get("/api/projects").json()) == [
        item["id"] for item in client.get("/api/v1/projects/list").json()["data"]["items"]
    ]
    assert client.get(f"/api/projects/{CHATBOT_ID}").json()["title"] == "Interactive Chatbot"
    created = post(client, "/api/admin/projects", NEW_PROJECT, owner)
    assert created.status_code == 201
    project_id = created.json()["data"]["id"]
    replaced = put(client, f"/api/admin/projects/{project_id}", {**NEW_PROJECT, "order": 9}, owner)
    assert replaced.status_code == 200
    assert Project.objects.get(pk=project_id).order == 9
    assert client.delete(f"/api/admin/projects/{project_id}", **owner).status_code == 204
    assert not Project.objects.filter(pk=project_id).exists()


def test_seed_004_experience_paths_read_create_replace_and_delete(client, seeded, owner):
    assert client.get("/api/experiences").json() == client.get("/api/v1/experiences/list").json()
    assert client.get(f"/api/experiences/{SENIOR_ID}").status_code == 200
    created = post(client, "/api/admin/experiences", NEW_JOB, owner)
    assert created.status_code == 201
    job_id = created.json()["data"]["id"]
    replaced = put(
        client, f"/api/admin/experiences/{job_id}", {**NEW_JOB, "company_en": "Initech"}, owner
    )
    assert replaced.status_code == 200
    assert Experience.objects.get(pk=job_id).company_en == "Initech"
    assert client.delete(f"/api/admin/experiences/{job_id}", **owner).status_code == 204


def test_seed_004_admin_paths_refuse_anonymous_writes(client, seeded):
    response = post(client, "/api/admin/projects", NEW_PROJECT, {})
    assert response.status_code == 401
    assert client.delete(f"/api/admin/experiences/{SENIOR_ID}").status_code == 401
    assert Project.objects.count() == 4
    assert Experience.objects.count() == 3


# --- Media list for editors ---------------------------------------------------------


def test_editors_can_list_the_uploaded_media(client, member_user, editor_user):
    client.post(
        "/api/v1/upload", {"file": SimpleUploadedFile("a.png", files.png())}, **bearer(editor_user)
    )
    response = client.get("/api/v1/admin/media", **bearer(editor_user))
    assert response.status_code == 200
    [item] = response.json()["data"]["items"]
    assert item["original_name"] == "a.png"
    assert MediaFile.objects.get().filename == item["filename"]
    assert client.get("/api/v1/admin/media", **bearer(member_user)).status_code == 403


@pytest.mark.parametrize(
    "path", ["/api/v1/admin/projects", "/api/admin/projects", "/api/v1/upload", "/api/auth/login"]
)
def test_preflight_for_writes_needs_no_token(client, db, path):
    response = preflight(
        client,
        path,
        origin="http://localhost:5173",
        method="POST",
        headers="authorization,content-type",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "http://localhost:5173"
    assert "authorization" in response["Access-Control-Allow-Headers"]
